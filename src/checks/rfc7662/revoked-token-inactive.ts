/**
 * revoked-token-inactive (IN-02) — introspection reports a token the client revoked (answered 200) as
 * `active: false`. Judged only when an introspection of the same token said `active: true` before the
 * revocation (an endpoint that says false to everything proves nothing).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { activeOf, honoured, plainHint, revocationsBefore, seenActive, tokenName } from '../revocation.js';

export const revokedTokenInactive: CheckDefinition<'introspection'> = {
  id: 'revoked-token-inactive',
  title: 'Introspection reports a revoked token inactive',
  catalog: ['IN-02'],
  requirements: ['RFC7662-2.2', 'RFC7009-2.2'],
  level: 'MUST',
  quote: 'a "true" value return for the "active" property will generally indicate that a given token has been issued by this authorization server, has not been revoked by the resource owner, and is within its given time window of validity',
  on: 'introspection',
  evaluate(e, ctx) {
    if (e.which === 'bogus' || e.variants?.length) return { holds: 'n/a', reason: 'not the token\'s own client asking as registered about an issued token' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === e.which && x.tokenFrom === e.tokenFrom && honoured(x) && plainHint(x));
    if (!r) return { holds: 'n/a', reason: `no earlier step revoked this ${tokenName(e.which)} with a 200 answer` };
    if (!seenActive(ctx, e, r.step)) return { holds: 'n/a', reason: `no introspection said the ${tokenName(e.which)} was active before its revocation` };
    const a = activeOf(e);
    if ('unknown' in a) return { holds: 'n/a', reason: a.unknown };
    const expected = '200 with "active": false';
    const actual = `200 with "active": ${a.active}`;
    if (a.active) return { holds: false, expected, actual, message: `introspection reports the ${tokenName(e.which)} active after the server said it revoked it (step ${r.step + 1}, answered 200)` };
    return { holds: true, expected, actual };
  },
};
