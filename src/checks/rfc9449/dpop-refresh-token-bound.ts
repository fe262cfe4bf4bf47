/**
 * dpop-refresh-token-bound (DP-09) — a public client's refresh token issued with a DPoP proof is bound
 * to that key: a refresh without a proof, or with another key's, gets nothing.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-5
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import type { CheckDefinition } from '../types.js';
import { boundToken, validProofControl } from '../dpop-evidence.js';
import { tokenStepOf } from '../related.js';
import { describeTokenResponse, issuedAccessToken, presentedClientCredentials } from '../token-response.js';

export const dpopRefreshTokenBound: CheckDefinition<'token'> = {
  id: 'dpop-refresh-token-bound',
  title: 'A public client\'s refresh token is bound to its DPoP key',
  catalog: ['DP-09'],
  requirements: ['RFC9449-5', 'RFC9700-4.14.2'],
  level: 'MUST',
  quote: 'Refresh tokens issued to public clients ... MUST be bound to the respective public key',
  on: 'token',
  evaluate(e, ctx) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: 'not a refresh request' };
    if (presentedClientCredentials(e)) return { holds: 'n/a', reason: 'a confidential client\'s refresh (its refresh token may be bound by client authentication instead, RFC 9449 §5)' };
    const from = tokenStepOf(e, ctx);
    if (!from || !boundToken(from)) return { holds: 'n/a', reason: 'the refresh token did not come with a DPoP-bound access token' };
    const variant = e.dpop?.variant ?? 'none';
    if (variant !== 'none' && variant !== 'other-key') return { holds: 'n/a', reason: `the refresh carried ${variant === 'valid' ? 'a valid proof of the key' : `a proof with ${variant}`}` };
    if (!validProofControl(e, ctx)) return { holds: 'n/a', reason: 'no request of this scenario with a valid DPoP proof got a bound token' };
    const expected = 'no tokens; 400 error=invalid_grant (or invalid_dpop_proof)';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: false, expected, actual, message: `a public client's DPoP-bound refresh token was refreshed ${variant === 'none' ? 'without a DPoP proof' : 'with a proof of another key'}` };
    return { holds: true, expected, actual, refusal: true };
  },
};
