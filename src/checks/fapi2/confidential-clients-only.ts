/**
 * confidential-clients-only (FAPI-02) — a public client (no client authentication) gets no code: FAPI 2.0
 * servers serve confidential clients only. A MUST of FAPI 2.0 only (a MAY elsewhere, reported with a note).
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf } from '../outcome.js';

export const confidentialClientsOnly: CheckDefinition<'authorization'> = {
  id: 'confidential-clients-only',
  title: 'Only confidential clients are served',
  catalog: ['FAPI-02'],
  requirements: ['FAPI2-5.3.2.1'],
  level: { default: 'MAY', fapi2: 'MUST' },
  quote: 'shall only support confidential clients as defined in [RFC6749]',
  on: 'authorization',
  evaluate(e) {
    if (e.client !== 'public') return { holds: 'n/a', reason: `client "${e.client}" is not the profile's public client` };
    const r = refusalOf(e);
    const expected = 'no code for a public client (unauthorized_client, or an error page)';
    const actual = describeOutcome(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the public client got ${r.delivered.join(', ')}` };
    return { holds: true, expected, actual };
  },
};
