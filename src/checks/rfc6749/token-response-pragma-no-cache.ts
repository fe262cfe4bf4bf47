/**
 * token-response-pragma-no-cache (TR-02) — token responses carry `Pragma: no-cache` besides
 * Cache-Control. A MUST of RFC 6749 §5.1 for HTTP/1.0 caches; OAuth 2.1 drops it and RFC 9111 deprecates
 * Pragma, so it is MUST under the RFC 6749 profile only and MAY under the others. Not ambient: a
 * server without it would otherwise warn in every scenario of the default profile.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { headerOf, issuedAccessToken } from '../token-response.js';

export const tokenResponsePragmaNoCache: CheckDefinition<'token'> = {
  id: 'token-response-pragma-no-cache',
  title: 'Token responses carry Pragma: no-cache',
  catalog: ['TR-02'],
  requirements: ['RFC6749-5.1'],
  level: { default: 'MAY', rfc6749: 'MUST' },
  quote: 'as well as the "Pragma" response header field [RFC2616] with a value of "no-cache".',
  on: 'token',
  evaluate(e) {
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: 'the response carried no token' };
    const value = headerOf(e.response.headers, 'pragma');
    const expected = 'Pragma: no-cache';
    const actual = value === undefined ? 'no Pragma header' : `Pragma: ${value}`;
    if ((value ?? '').split(',').some((d) => d.trim().toLowerCase() === 'no-cache')) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the ${e.grant} grant's token response lacks Pragma: no-cache (${actual})` };
  },
};
