/**
 * token-response-well-formed (TR-03) — a successful token response is served as application/json with
 * access_token and token_type (MUST) and expires_in as a number (RECOMMENDED: a missing or non-numeric
 * one is lenient, reported at SHOULD). Ambient on every response that issued an access token.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { headerOf, issuedAccessToken, tokenBody } from '../token-response.js';

export const tokenResponseWellFormed: CheckDefinition<'token'> = {
  id: 'token-response-well-formed',
  title: 'Token responses are JSON with access_token, token_type and expires_in',
  catalog: ['TR-03'],
  requirements: ['RFC6749-5.1'],
  level: 'MUST',
  quote: 'The parameters are included in the entity-body of the HTTP response using the "application/json" media type',
  on: 'token',
  ambient: (e) => issuedAccessToken(e) !== undefined,
  evaluate(e) {
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: 'the response carried no access token' };
    const body = tokenBody(e)!;
    const type = headerOf(e.response.headers, 'content-type');
    const expected = 'application/json with access_token, token_type (and expires_in, RECOMMENDED)';
    const members = ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope'].filter((k) => k in body);
    const actual = `${type ?? 'no content-type'}; members ${members.join(', ')}`;
    const wrong: string[] = [];
    if (!/^application\/json\b/i.test(type ?? '')) wrong.push(`content-type ${type ?? '(none)'} instead of application/json`);
    if (typeof body.token_type !== 'string' || !body.token_type) wrong.push('no token_type');
    if (wrong.length) return { holds: false, expected, actual, message: `malformed ${e.grant} token response: ${wrong.join('; ')}` };
    if (body.expires_in === undefined) return { holds: 'lenient', expected, actual, message: `the ${e.grant} token response has no expires_in (RECOMMENDED)` };
    if (typeof body.expires_in !== 'number') {
      return { holds: 'lenient', expected, actual, message: `expires_in is a ${typeof body.expires_in}, not a JSON number (RFC 6749 §5.1: numerical values are JSON numbers)` };
    }
    return { holds: true, expected, actual };
  },
};
