/**
 * introspection-requires-authentication (IN-01) — an introspection request without valid client
 * authentication (none, no client_id, a wrong or empty secret) learns nothing: refused (401
 * invalid_client), or at most told `active: false`. `active: true` to such a caller opens the endpoint to
 * token scanning. A refusal counts only beside the same client's valid introspection that said active.
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.3
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-4
 */
import type { CheckDefinition } from '../types.js';
import { tokenName, unauthenticated } from '../revocation.js';

export const introspectionRequiresAuthentication: CheckDefinition<'introspection'> = {
  id: 'introspection-requires-authentication',
  title: 'The introspection endpoint answers only authorized callers',
  catalog: ['IN-01'],
  requirements: ['RFC7662-2.1', 'RFC7662-2.3', 'RFC7662-4'],
  level: 'MUST',
  quote: 'To prevent token scanning attacks, the endpoint MUST also require some form of authorization to access this endpoint',
  on: 'introspection',
  evaluate(e) {
    const u = unauthenticated(e);
    if ('reason' in u) return { holds: 'n/a', reason: u.reason };
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no introspection_endpoint (RFC 8414 metadata)' };
    const { status, json } = e.exchange.response;
    const body = json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
    const expected = '401 error=invalid_client (or nothing about the token)';
    const actual = `${status}${typeof body?.error === 'string' ? ` error=${body.error.slice(0, 60)}` : body && 'active' in body ? ` "active": ${JSON.stringify(body.active)}` : ''}`;
    if (status >= 200 && status < 300 && body?.active === true) {
      return { holds: false, expected, actual, message: `an introspection request ${u.what} was told the ${tokenName(e.which)} is active` };
    }
    if (status >= 200 && status < 300 && body?.active !== false) {
      return { holds: false, expected, actual, message: `an introspection request ${u.what} was answered ${status} with something other than "active": false` };
    }
    const note = status === 401 ? undefined : status >= 200 && status < 300 ? 'answered "active": false rather than refused (nothing leaked; RFC 7662 §2.3 prescribes 401)' : `refused with ${status} rather than 401 (RFC 7662 §2.3)`;
    return { holds: true, expected, actual, refusal: true, ...(note ? { note } : {}) };
  },
};
