/**
 * request-object-signature-verified (JR-03) — a request object signed with a fresh key (or secret) the client never registered is refused.
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-6.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

const WHAT: Record<string, string> = { 'wrong-key': 'signed with a key that is not the client\'s' };

export const requestObjectSignatureVerified: CheckDefinition<'authorization'> = {
  id: 'request-object-signature-verified',
  title: 'A request object signed with a key that is not the client\'s is refused',
  catalog: ['JR-03'],
  requirements: ['RFC9101-6.2'],
  level: 'MUST',
  quote: 'The signature MUST be validated against the appropriate key for that client_id and algorithm.',
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
