/**
 * request-object-signature-verified (JR-03) — a request object signed with a fresh key (or secret) the client never registered is refused.
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-6.2
 */
import type { CheckDefinition } from '../types.js';
import { brokenRequestObjectRefused } from '../jwt.js';

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
  evaluate: (e) => brokenRequestObjectRefused(e, WHAT),
};
