/**
 * device-code-bound-to-client (DV-05) — an approved device code polled by another client (with its own
 * valid credentials) gets no tokens; judged beside the device code's own client getting them afterwards.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
 */
import type { CheckDefinition } from '../types.js';
import { approvedPoll, notStarted, pollsOf, pollsRefused } from '../device-evidence.js';
import { issuedAccessToken } from '../token-response.js';

export const deviceCodeBoundToClient: CheckDefinition<'device'> = {
  id: 'device-code-bound-to-client',
  title: 'A device code cannot be redeemed by another client',
  catalog: ['DV-05'],
  requirements: ['RFC8628-3.4'],
  level: 'MUST',
  quote: 'client_id: REQUIRED if the client is not authenticating with the authorization server as described in Section 3.2.1. of [RFC6749].',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const polls = pollsOf(e, 'other-client');
    if (!polls.length) return { holds: 'n/a', reason: 'no other client polled' };
    if (!e.approval) return { holds: 'n/a', reason: 'the user did not approve: no tokens were to be had anyway' };
    // The positive control: the device code's own client got tokens after the other client was refused.
    if (!polls.some((p) => issuedAccessToken(p)) && !approvedPoll(e)) return { holds: 'n/a', reason: 'the device code\'s own client got no tokens either: a refusal would prove nothing' };
    return pollsRefused(polls, 'invalid_grant', `client "${polls[0]!.client}" polled with the device code of client "${e.client}", approved by the user, and got tokens`);
  },
};
