/**
 * device-code-bound-to-client (DV-05) — an approved device code polled by another client (with its own
 * valid credentials) gets no tokens.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
 */
import type { CheckDefinition } from '../types.js';
import { notStarted, pollsOf, pollsRefused } from '../device-evidence.js';

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
    return pollsRefused(polls, 'invalid_grant', `client "${polls[0]!.client}" polled with the device code of client "${e.client}", approved by the user, and got tokens`);
  },
};
