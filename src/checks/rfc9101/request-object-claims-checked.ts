/**
 * request-object-claims-checked (JR-04) — a signed request object whose aud is another server, or whose iss is not the client_id, is refused (RFC 7519 §4.1.3: a JWT whose aud does not name the recipient MUST be rejected).
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-4
 * @see https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { brokenRequestObjectRefused } from '../jwt.js';

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
  evaluate: (e) => brokenRequestObjectRefused(e, WHAT),
};
