/**
 * revoked-access-token-rejected (RV-03) — after the client revoked its access token (answered 200), the
 * protected resource refuses it. Judged only when the same token worked at the resource before the
 * revocation (the positive control: a resource that refuses everything proves nothing). Revoking access
 * tokens is a SHOULD of RFC 7009; a server that cannot must say unsupported_token_type, not 200.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { honoured, plainHint, revocationsBefore, workedAtResource } from '../revocation.js';

export const revokedAccessTokenRejected: CheckDefinition<'resource'> = {
  id: 'revoked-access-token-rejected',
  title: 'A revoked access token is refused at the protected resource',
  catalog: ['RV-03'],
  requirements: ['RFC7009-2', 'RFC7009-2.2'],
  level: 'SHOULD',
  quote: 'The authorization server responds with HTTP status code 200 if the token has been revoked successfully or if the client submitted an invalid token.',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || e.tokenFrom === undefined) return { holds: 'n/a', reason: 'no issued access token presented in the header' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === 'access_token' && x.tokenFrom === e.tokenFrom && honoured(x) && plainHint(x));
    if (!r) return { holds: 'n/a', reason: 'no earlier step revoked this access token with a 200 answer' };
    const before = workedAtResource(ctx, e, r.step);
    if (!before) return { holds: 'n/a', reason: 'the access token was not seen working at the resource before its revocation' };
    const expected = '401 (the revoked token refused)';
    const actual = `${e.response.status} from the protected resource`;
    if (e.response.status >= 200 && e.response.status < 300) {
      return { holds: false, expected, actual, message: `the access token the server said it revoked (step ${r.step + 1}, answered 200) still works at the protected resource` };
    }
    return { holds: true, expected, actual, note: `it worked there at step ${before.step + 1}, before the revocation` };
  },
};
