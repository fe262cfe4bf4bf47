/**
 * device-code-expires (DV-04) — an approved device code polled after its expires_in has passed gets
 * no tokens (expired_token).
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 */
import type { CheckDefinition } from '../types.js';
import { notStarted, pollsOf, pollsRefused } from '../device-evidence.js';

export const deviceCodeExpires: CheckDefinition<'device'> = {
  id: 'device-code-expires',
  title: 'An expired device code gets no tokens, even approved',
  catalog: ['DV-04'],
  requirements: ['RFC8628-3.5', 'RFC8628-3.2'],
  level: 'MUST',
  quote: 'expired_token: The "device_code" has expired, and the device authorization session has concluded.',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const polls = pollsOf(e, 'after-expiry');
    if (!polls.length) return { holds: 'n/a', reason: 'the scenario did not poll after expiry' };
    if (!e.approval) return { holds: 'n/a', reason: 'the user did not approve: no tokens were to be had anyway' };
    return pollsRefused(polls, 'expired_token', `an approved device code polled ${polls[0]!.at.toFixed(0)} s after the device authorization response (expires_in ${e.expiresIn} s) got tokens`);
  },
};
