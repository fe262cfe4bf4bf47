/**
 * grant-access-tokens-revoked (RV-04) — after the client revoked its refresh token (answered 200), the
 * access tokens of the same grant (issued with it, or by refreshes with it) are refused at the protected
 * resource. Judged only when that access token worked at the resource before the revocation.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import type { CheckDefinition } from '../types.js';
import { honoured, refusedAtResourceAfter, revocationsBefore, sameGrant } from '../revocation.js';

export const grantAccessTokensRevoked: CheckDefinition<'resource'> = {
  id: 'grant-access-tokens-revoked',
  title: 'Revoking a refresh token invalidates the access tokens of the same grant',
  catalog: ['RV-04'],
  requirements: ['RFC7009-2.1'],
  level: 'SHOULD',
  quote: 'If the particular token is a refresh token and the authorization server supports the revocation of access tokens, then the authorization server SHOULD also invalidate all access tokens based on the same authorization grant',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || e.tokenFrom === undefined) return { holds: 'n/a', reason: 'no issued access token presented in the header' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === 'refresh_token' && honoured(x) && sameGrant(ctx, x.tokenFrom, e.tokenFrom));
    if (!r) return { holds: 'n/a', reason: 'no earlier step revoked a refresh token of this access token\'s grant with a 200 answer' };
    return refusedAtResourceAfter(ctx, e, r, '401 (the grant\'s access tokens go with its refresh token)',
      `an access token of the grant whose refresh token was revoked (step ${r.step + 1}, answered 200) still works at the protected resource`);
  },
};
