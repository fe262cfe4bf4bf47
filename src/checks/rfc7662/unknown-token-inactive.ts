/**
 * unknown-token-inactive (IN-03) — a properly authorized introspection of a token the server never
 * issued is answered 200 with `active: false`, not with an error. A pass counts only beside the same
 * client's introspection that said `active: true` (an endpoint saying false to everything proves nothing).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.3
 */
import type { CheckDefinition } from '../types.js';

export const unknownTokenInactive: CheckDefinition<'introspection'> = {
  id: 'unknown-token-inactive',
  title: 'Introspection of an unknown token says active: false',
  catalog: ['IN-03'],
  requirements: ['RFC7662-2.2', 'RFC7662-2.3'],
  level: 'MUST',
  quote: 'If the introspection call is properly authorized but the token is not active, does not exist on this server, or the protected resource is not allowed to introspect this particular token, then the authorization server MUST return an introspection response with the "active" field set to "false".',
  on: 'introspection',
  evaluate(e) {
    if (e.which !== 'bogus' || e.variants?.some((v) => v.startsWith('auth:'))) return { holds: 'n/a', reason: 'not an authorized introspection of a made-up token' };
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no introspection_endpoint (RFC 8414 metadata)' };
    const { status, json } = e.exchange.response;
    const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    const expected = '200 with "active": false';
    const actual = `${status}${typeof body?.error === 'string' ? ` error=${body.error.slice(0, 60)}` : body && 'active' in body ? ` with "active": ${JSON.stringify(body.active)}` : ''}`;
    if (status === 200 && body?.active === false) return { holds: true, expected, actual, refusal: true };
    if (status === 200 && body?.active === true) return { holds: false, expected, actual, message: 'introspection reports a made-up token active' };
    return { holds: false, expected, actual, message: `introspection of a made-up token was answered ${actual}, not "active": false` };
  },
};
