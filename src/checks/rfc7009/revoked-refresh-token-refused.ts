/**
 * revoked-refresh-token-refused (RV-02) — after the client revoked its refresh token (answered 200), a
 * refresh with it gets no tokens. Judged on a refresh whose refresh token an earlier step of the
 * scenario revoked with the right hint or none (a wrong hint is revocation-hint-not-binding's).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { refusedWithoutTokens } from '../token-response.js';
import { honoured, plainHint, revocationOfRefresh } from '../revocation.js';

export const revokedRefreshTokenRefused: CheckDefinition<'token'> = {
  id: 'revoked-refresh-token-refused',
  title: 'A revoked refresh token no longer gets tokens',
  catalog: ['RV-02'],
  requirements: ['RFC7009-2', 'RFC7009-2.2'],
  level: 'MUST',
  quote: 'Implementations MUST support the revocation of refresh tokens',
  on: 'token',
  evaluate(e, ctx) {
    const r = revocationOfRefresh(ctx, e, (x) => honoured(x) && plainHint(x));
    if (!r) return { holds: 'n/a', reason: 'no earlier step revoked this refresh token with a 200 answer' };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `the refresh token the server said it revoked (step ${r.step + 1}, answered 200) still got new tokens`,
    });
  },
};
