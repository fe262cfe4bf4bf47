/**
 * device-authorization-pending (DV-02) — a poll before the user approved gets authorization_pending,
 * never tokens.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
import type { CheckDefinition } from '../types.js';
import { describePolls, notStarted, pollsOf } from '../device-evidence.js';
import { errorCode, issuedAccessToken } from '../token-response.js';

export const deviceAuthorizationPending: CheckDefinition<'device'> = {
  id: 'device-authorization-pending',
  title: 'A poll before approval gets authorization_pending',
  catalog: ['DV-02'],
  requirements: ['RFC8628-3.5'],
  level: 'MUST',
  quote: 'authorization_pending: The authorization request is still pending as the end user hasn\'t yet completed the user-interaction steps',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const polls = pollsOf(e, 'before-approval');
    if (!polls.length) return { holds: 'n/a', reason: 'the scenario did not poll before approval' };
    const expected = '400 error=authorization_pending';
    const actual = describePolls(polls);
    if (polls.some((p) => issuedAccessToken(p))) return { holds: false, expected, actual, message: 'a poll before the user approved got tokens' };
    const other = polls.find((p) => errorCode(p) !== 'authorization_pending' && errorCode(p) !== 'slow_down');
    if (other) return { holds: false, expected, actual, message: `a poll before approval got error=${JSON.stringify(errorCode(other) ?? null)}: a client stops polling on any error but authorization_pending and slow_down` };
    return { holds: true, expected, actual };
  },
};
