/**
 * request-object-claims-checked (JR-04) — a signed request object whose aud is another server, or whose iss is not the client_id, is refused (RFC 7519 §4.1.3: a JWT whose aud does not name the recipient MUST be rejected).
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-4
 * @see https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

const WHAT: Record<string, string> = { 'wrong-aud': 'addressed to another server (aud)', 'wrong-iss': 'whose iss is not the client' };

export const requestObjectClaimsChecked: CheckDefinition<'authorization'> = {
  id: 'request-object-claims-checked',
  title: 'A request object addressed to another server, or issued by another party, is refused',
  catalog: ['JR-04'],
  requirements: ['RFC9101-4', 'RFC7519-4.1.3'],
  level: 'MUST',
  quote: 'If the principal processing the claim does not identify itself with a value in the "aud" claim when this claim is present, then the JWT MUST be rejected.',
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
