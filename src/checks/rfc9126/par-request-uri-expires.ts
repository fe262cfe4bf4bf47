/**
 * par-request-uri-expires (PAR-04) — a request_uri used after the lifetime its push announced
 * (expires_in) is refused.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-4
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf } from '../outcome.js';
import { notPushed, pushOf } from '../par-evidence.js';

export const parRequestUriExpires: CheckDefinition<'authorization'> = {
  id: 'par-request-uri-expires',
  title: 'An expired request_uri is refused',
  catalog: ['PAR-04'],
  requirements: ['RFC9126-4', 'RFC9126-2.2'],
  level: 'MUST',
  quote: 'An expired request_uri MUST be rejected as invalid.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e, ctx) {
    const why = notPushed(e, ctx);
    if (why) return { holds: 'n/a', reason: why };
    const push = pushOf(e, ctx)!;
    if (push.waited === undefined) return { holds: 'n/a', reason: 'the scenario did not wait for the request_uri to expire' };
    const r = refusalOf(e);
    const expected = `no code: the request_uri expired ${push.waited} s ago (expires_in) refused`;
    const actual = describeOutcome(e);
    if (!r.refused) return { holds: false, expected, actual, message: `a request_uri used after its expires_in (${push.waited} s) had passed got ${r.delivered.join(', ')}` };
    return { holds: true, expected, actual };
  },
};
