/**
 * revoked-access-token-rejected (RV-03) — after the client revoked its access token (answered 200), the
 * protected resource refuses it. Judged only when the same token worked at the resource before the
 * revocation (the positive control: a resource that refuses everything proves nothing). Revoking access
 * tokens is a SHOULD of RFC 7009; a server that cannot must say unsupported_token_type, not 200.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { honoured, plainHint, refusedAtResourceAfter, revocationsBefore } from '../revocation.js';

export const revokedAccessTokenRejected: CheckDefinition<'resource'> = {
  id: 'revoked-access-token-rejected',
  title: 'A revoked access token is refused at the protected resource',
  catalog: ['RV-03'],
  requirements: ['RFC7009-2', 'RFC7009-2.2'],
  level: 'SHOULD',
  quote: 'Implementations MUST support the revocation of refresh tokens and SHOULD support the revocation of access tokens (see Implementation Note).',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || e.tokenFrom === undefined) return { holds: 'n/a', reason: 'no issued access token presented in the header' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === 'access_token' && x.tokenFrom === e.tokenFrom && honoured(x) && plainHint(x));
    if (!r) return { holds: 'n/a', reason: 'no earlier step revoked this access token with a 200 answer' };
    return refusedAtResourceAfter(ctx, e, r, '401 (the revoked token refused)',
      `the access token the server said it revoked (step ${r.step + 1}, answered 200) still works at the protected resource`);
  },
};
