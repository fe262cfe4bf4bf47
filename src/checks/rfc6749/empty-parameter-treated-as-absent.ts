/**
 * empty-parameter-treated-as-absent (AZ-04) — a parameter sent with an empty value (`code_challenge=`)
 * is treated as if it were omitted. Judged by comparison: against an earlier authorization of the same
 * scenario and client that left the parameter out (the baseline), this request must end the same way
 * (code issued, or refused). Issuing a code where the baseline was refused fails: the empty value passed
 * for a value (e.g. a PKCE requirement satisfied by an empty challenge). Refusing where the baseline got
 * a code is lenient. The baseline request itself (no empty parameter) is not judged.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 */
import type { AuthorizationEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { deliveredGrants, describeOutcome } from '../outcome.js';

const outcomeClass = (e: AuthorizationEvidence) => (deliveredGrants(e).length ? 'granted' : 'refused');

export const emptyParameterTreatedAsAbsent: CheckDefinition<'authorization'> = {
  id: 'empty-parameter-treated-as-absent',
  title: 'A parameter sent without a value is treated as omitted',
  catalog: ['AZ-04'],
  requirements: ['RFC6749-3.1'],
  level: 'MUST',
  quote: 'Parameters sent without a value MUST be treated as if they were omitted from the request.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e, ctx) {
    const empty = Object.entries(e.request.params).filter(([, v]) => v === '').map(([k]) => k);
    if (!empty.length) return { holds: 'n/a', reason: 'the request carried no empty parameter (a baseline for a later step)' };
    const baseline = ctx.all.filter((x): x is AuthorizationEvidence => x.kind === 'authorization' && x.step < e.step && x.client === e.client
      && x.consent === e.consent && empty.every((k) => !(k in x.request.params))).at(-1);
    const names = empty.map((k) => `${k}=`).join(', ');
    if (!baseline) return { holds: 'n/a', reason: `no earlier authorization of client ${e.client} without ${empty.join(', ')} to compare with` };
    const was = outcomeClass(baseline);
    const is = outcomeClass(e);
    const expected = `the same outcome as without ${empty.join(', ')} (step ${baseline.step + 1}: ${was})`;
    const actual = `${is}: ${describeOutcome(e)}`;
    if (was === is) return { holds: true, expected, actual };
    if (is === 'granted') {
      return { holds: false, expected, actual, message: `with ${names} the server issued ${deliveredGrants(e).join(' and ')}, but it refused the same request without ${empty.join(', ')}: the empty value was taken as a value` };
    }
    return { holds: 'lenient', expected, actual, message: `the server refused the request with ${names}, though it grants the same request without ${empty.join(', ')}` };
  },
};
