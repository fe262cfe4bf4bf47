/**
 * request-object-unsigned-refused (JR-02) — a request object with alg none authenticates nothing: anyone can write it. Refused, since the source of a request MUST be verified (RFC 9101 §10.2) and a by-value object has no other way to be.
 * Judged on what happened: no code or token delivered. An error page of the server's, or an error
 * response (invalid_request_object) at the client, is the refusal.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-10.2
 */
import type { CheckDefinition } from '../types.js';
import { brokenRequestObjectRefused } from '../jwt.js';

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
  evaluate: (e) => brokenRequestObjectRefused(e, WHAT),
};
