/**
 * par-request-uri-single-use (PAR-03) — a request_uri that already got a code is refused when it comes
 * back: a second authorization with it issues nothing.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-4
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf } from '../outcome.js';
import { notPushed } from '../par-evidence.js';

export const parRequestUriSingleUse: CheckDefinition<'authorization'> = {
  id: 'par-request-uri-single-use',
  title: 'A request_uri cannot be used twice',
  catalog: ['PAR-03'],
  requirements: ['RFC9126-4', 'RFC9126-2.2'],
  level: { default: 'SHOULD', fapi2: 'MUST' },
  quote: 'The authorization server SHOULD treat request_uri values as one-time use but MAY allow for duplicate requests due to a user reloading/refreshing their user agent.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e, ctx) {
    const why = notPushed(e, ctx);
    if (why) return { holds: 'n/a', reason: why };
    const first = ctx.all.find((x) => x.kind === 'authorization' && x.step < e.step && x.pushed?.from === e.pushed!.from && !refusalOf(x).refused);
    if (!first) return { holds: 'n/a', reason: 'no earlier use of this request_uri got a code: nothing was replayed' };
    const r = refusalOf(e);
    const expected = 'no code: the used request_uri refused (error=invalid_request_uri, or an error page)';
    const actual = describeOutcome(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the request_uri that got a code in step ${first.step + 1} got ${r.delivered.join(', ')} again` };
    return { holds: true, expected, actual };
  },
};
