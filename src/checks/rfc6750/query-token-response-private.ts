/**
 * query-token-response-private (RS-03) — where the protected resource does accept a token in the URL
 * query, its success response carries `Cache-Control: private` (no-store, stricter, is accepted too),
 * so that shared caches do not keep a response fetched with a token-bearing URL.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.3
 */
import type { CheckDefinition } from '../types.js';
import { headerOf } from '../token-response.js';

export const queryTokenResponsePrivate: CheckDefinition<'resource'> = {
  id: 'query-token-response-private',
  title: 'A success answer to a query-token request carries Cache-Control: private',
  catalog: ['RS-03'],
  requirements: ['RFC6750-2.3'],
  level: 'SHOULD',
  quote: 'Server success (2XX status) responses to these requests SHOULD contain a Cache-Control header with the "private" option.',
  on: 'resource',
  evaluate(e) {
    if (e.presented !== 'query') return { holds: 'n/a', reason: `the token was presented as "${e.presented}", not in the URL query` };
    const s = e.response.status;
    if (s < 200 || s >= 300) return { holds: 'n/a', reason: `the query token was refused (${s}): no success response to cache` };
    const value = headerOf(e.response.headers, 'cache-control');
    const expected = 'Cache-Control: private (or no-store)';
    const actual = value === undefined ? 'no Cache-Control header' : `Cache-Control: ${value}`;
    const directives = (value ?? '').split(',').map((d) => d.trim().toLowerCase());
    if (directives.includes('private') || directives.includes('no-store')) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the success response to a token-in-URL request may be cached by shared caches (${actual})` };
  },
};
