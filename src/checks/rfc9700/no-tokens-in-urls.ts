/**
 * no-tokens-in-urls (AR-02; BR-04 for tokens) — in a code flow no access, refresh or ID token appears in any URL the
 * browser sees: request URLs, redirect Locations, query or fragment of the landing page. Ambient.
 * Bearer tokens in URLs leak through history, logs and Referer.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.3
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.3.2
 */
import type { CheckDefinition } from '../types.js';
import { fragmentOf, queryOf } from '../../evidence/params.js';

const TOKEN_PARAMS = ['access_token', 'refresh_token', 'id_token'];

export const noTokensInUrls: CheckDefinition<'authorization'> = {
  id: 'no-tokens-in-urls',
  title: 'No token appears in any URL of a code flow',
  catalog: ['AR-02', 'BR-04'],
  requirements: ['RFC6750-5.3', 'RFC9700-4.3.2'],
  level: { default: 'SHOULD', 'oauth2.1': 'MUST', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.2
  quote: 'Bearer tokens SHOULD NOT be passed in page URLs (for example, as query string parameters). — RFC 6750 §5.3; the OAuth 2.1 draft ("Do Not Use Bearer Tokens in URLs") makes it MUST NOT',
  on: 'authorization',
  ambient: (e) => e.request.params.response_type === 'code',
  evaluate(e) {
    const urls = [...e.chain.flatMap((h) => [h.url, h.location ?? '']), e.outcome.url].filter(Boolean);
    const found: string[] = [];
    for (const url of new Set(urls)) {
      for (const [part, params] of [['query', queryOf(url)], ['fragment', fragmentOf(url)]] as const) {
        for (const name of TOKEN_PARAMS) if (params[name]) found.push(`${name} in the ${part} of ${url}`);
      }
    }
    const expected = 'no access_token, refresh_token or id_token in any URL';
    if (found.length) return { holds: false, expected, actual: found.join('; '), message: `token in a URL: ${found[0]}` };
    return { holds: true, expected, actual: `none in ${new Set(urls).size} URLs` };
  },
};
