/**
 * revocation-hint-not-binding (RV-08) — an access token revoked with a wrong token_type_hint
 * (refresh_token) or one the server does not know is revoked all the same: the server must search its
 * other token types. Judged at the protected resource, when the token worked there before and another
 * access token of the scenario, revoked with the right hint, was refused there (the control).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import type { CheckDefinition } from '../types.js';
import { honoured, plainHint, revocationsBefore, workedAtResource } from '../revocation.js';

export const revocationHintNotBinding: CheckDefinition<'resource'> = {
  id: 'revocation-hint-not-binding',
  title: 'A wrong or unknown token_type_hint does not stop a revocation',
  catalog: ['RV-08'],
  requirements: ['RFC7009-2.1'],
  level: 'MUST',
  quote: 'If the server is unable to locate the token using the given hint, it MUST extend its search across all of its supported token types.',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || e.tokenFrom === undefined) return { holds: 'n/a', reason: 'no issued access token presented in the header' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === 'access_token' && x.tokenFrom === e.tokenFrom && honoured(x) && (x.hint === 'wrong' || x.hint === 'unknown'));
    if (!r) return { holds: 'n/a', reason: 'no earlier step revoked this access token with a wrong or unknown hint and a 200 answer' };
    const before = workedAtResource(ctx, e, r.step);
    if (!before) return { holds: 'n/a', reason: 'the access token was not seen working at the resource before its revocation' };
    // The control: another access token revoked with the right hint (or none) is refused at the resource,
    // so the resource does notice revocations at all (revoked-access-token-rejected judges that one).
    const control = ctx.all.find((x) => x.kind === 'resource' && x.step < e.step && x.tokenFrom !== e.tokenFrom && x.presented === 'header'
      && x.response.status >= 400 && revocationsBefore(ctx, x.step).some((y) => y.which === 'access_token' && y.tokenFrom === x.tokenFrom && honoured(y) && plainHint(y)));
    if (!control) return { holds: 'n/a', reason: 'no other access token, revoked with the right hint, was seen refused at the resource (the control)' };
    const hint = r.hint === 'wrong' ? 'token_type_hint=refresh_token' : 'a token_type_hint the server does not know';
    const expected = '401 (revoked whatever the hint)';
    const actual = `${e.response.status} from the protected resource`;
    if (e.response.status >= 200 && e.response.status < 300) {
      return { holds: false, expected, actual, message: `the access token revoked with ${hint} (step ${r.step + 1}, answered 200) still works: the server took the hint as binding` };
    }
    return { holds: true, expected, actual };
  },
};
