/**
 * device-code-single-use (DV-07) — a device code that already yielded tokens yields nothing more.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';
import { approvedPoll, notStarted, pollsOf, pollsRefused } from '../device-evidence.js';

export const deviceCodeSingleUse: CheckDefinition<'device'> = {
  id: 'device-code-single-use',
  title: 'A device code yields tokens once',
  catalog: ['DV-07'],
  requirements: ['RFC8628-3.5', 'RFC6749-10.5'],
  level: 'MUST',
  quote: 'Authorization codes MUST be short lived and single-use.',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const polls = pollsOf(e, 'replay');
    if (!polls.length) return { holds: 'n/a', reason: 'the scenario did not poll again after the tokens' };
    if (!approvedPoll(e)) return { holds: 'n/a', reason: 'the device code never yielded tokens: nothing to replay' };
    return pollsRefused(polls, 'invalid_grant', 'a device code that had yielded tokens yielded tokens again');
  },
};
