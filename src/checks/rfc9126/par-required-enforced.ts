/**
 * par-required-enforced (PAR-06) — a server whose metadata says require_pushed_authorization_requests:
 * true refuses an authorization request that was not pushed. Servers that do not say so are not judged.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-5
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf } from '../outcome.js';

export const parRequiredEnforced: CheckDefinition<'authorization'> = {
  id: 'par-required-enforced',
  title: 'A server that requires PAR refuses a plain authorization request',
  catalog: ['PAR-06'],
  requirements: ['RFC9126-5', 'FAPI2-5.3.2.2'],
  level: 'MUST',
  quote: 'require_pushed_authorization_requests: Boolean parameter indicating whether the authorization server accepts authorization request data only via PAR.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e, ctx) {
    if (e.pushed) return { holds: 'n/a', reason: 'the request was pushed' };
    const meta = ctx.all.find((x) => x.kind === 'metadata');
    if (meta?.kind !== 'metadata' || !meta.metadata) return { holds: 'n/a', reason: 'no metadata document in the evidence' };
    if (meta.metadata.require_pushed_authorization_requests !== true) return { holds: 'n/a', reason: 'the metadata does not say require_pushed_authorization_requests: true' };
    const r = refusalOf(e);
    const expected = 'no code: the authorization request was not pushed';
    const actual = describeOutcome(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the metadata requires pushed authorization requests, yet a plain one got ${r.delivered.join(', ')}` };
    return { holds: true, expected, actual };
  },
};
