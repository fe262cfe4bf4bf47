/**
 * device-flow-completes (DV-01) — the device authorization response carries device_code, user_code,
 * verification_uri and expires_in; the user code, entered by the user on the verification page, leads
 * to tokens for the polling device.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
import type { CheckDefinition } from '../types.js';
import { approvedPoll, describePolls, notStarted, pollsOf } from '../device-evidence.js';

export const deviceFlowCompletes: CheckDefinition<'device'> = {
  id: 'device-flow-completes',
  title: 'The device authorization response is well-formed and the approved user code yields tokens',
  catalog: ['DV-01'],
  requirements: ['RFC8628-3.2', 'RFC8628-3.5'],
  level: 'MUST',
  quote: 'In response, the authorization server generates a unique device verification code and an end-user code that are valid for a limited time',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const body = e.authorization!.response.json as Record<string, unknown>;
    const missing = ['device_code', 'user_code', 'verification_uri'].filter((k) => typeof body[k] !== 'string');
    if (typeof body.expires_in !== 'number') missing.push('expires_in');
    const expected = 'device_code, user_code, verification_uri, expires_in; tokens after approval';
    if (missing.length) return { holds: false, expected, actual: `missing ${missing.join(', ')}`, message: `the device authorization response lacks ${missing.join(', ')} (RFC 8628 §3.2)` };
    const after = pollsOf(e, 'after-approval');
    if (!after.length) return { holds: 'n/a', reason: 'the scenario did not poll after approval' };
    if (!e.approval) return { holds: 'n/a', reason: 'the user did not approve in the browser' };
    const actual = `approval: ${e.approval.ran.join(' → ') || 'no rule ran'}; polls: ${describePolls(after)}`;
    if (!approvedPoll(e)) return { holds: false, expected, actual, message: `the user code was entered and confirmed on the verification page (${e.approval.ran.join(', ') || 'no rule ran'}), yet polling got no tokens` };
    return { holds: true, expected, actual };
  },
};
