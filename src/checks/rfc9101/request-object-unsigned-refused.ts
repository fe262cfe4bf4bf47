/**
 * request-object-unsigned-refused (JR-02) — a request object with alg none authenticates nothing: anyone can write it. Refused, since the source of a request MUST be verified (RFC 9101 §10.2) and a by-value object has no other way to be.
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-10.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

const WHAT: Record<string, string> = { 'alg-none': 'without a signature (alg none)' };

export const requestObjectUnsignedRefused: CheckDefinition<'authorization'> = {
  id: 'request-object-unsigned-refused',
  title: 'An unsigned (alg none) request object is refused',
  catalog: ['JR-02'],
  requirements: ['RFC9101-10.2'],
  level: 'MUST',
  quote: 'The source of the Authorization Request MUST always be verified.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const what = e.requestObject && WHAT[e.requestObject.variant];
    if (!what) return { holds: 'n/a', reason: 'the request sent no request object of the kind this rule judges' };
    const expected = 'refused: no code delivered';
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual: `${describeOutcome(e)} with ${r.delivered.join(', ')}`, message: `a request object ${what} was accepted` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual: describeOutcome(e), message: uncredited };
    return { holds: true, expected, actual: r.error ? `error=${r.error}` : describeOutcome(e), refusal: true };
  },
};
