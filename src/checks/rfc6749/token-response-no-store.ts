/**
 * token-response-no-store (TR-01) — every token endpoint response that carries tokens has
 * `Cache-Control: no-store`. Ambient: judged on every successful token response of every scenario
 * (code, refresh and other grants alike), since the rule holds for each response, at every level.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { headerOf, issuedAccessToken } from '../token-response.js';

export const tokenResponseNoStore: CheckDefinition<'token'> = {
  id: 'token-response-no-store',
  title: 'Token responses carry Cache-Control: no-store',
  catalog: ['TR-01'],
  requirements: ['RFC6749-5.1'],
  level: 'MUST',
  quote: 'The authorization server MUST include the HTTP "Cache-Control" response header field [RFC2616] with a value of "no-store" in any response containing tokens, credentials, or other sensitive information',
  on: 'token',
  ambient: (e) => issuedAccessToken(e) !== undefined,
  evaluate(e) {
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: 'the response carried no token' };
    const value = headerOf(e.response.headers, 'cache-control');
    const expected = 'Cache-Control: no-store';
    const actual = value === undefined ? 'no Cache-Control header' : `Cache-Control: ${value}`;
    const directives = (value ?? '').split(',').map((d) => d.trim().toLowerCase());
    if (directives.includes('no-store')) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the ${e.grant} grant's token response is cacheable: ${actual}` };
  },
};
