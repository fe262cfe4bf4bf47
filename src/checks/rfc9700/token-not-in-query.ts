/**
 * token-not-in-query (DG-02) — no access token (nor ID or refresh token) is ever put in the query of a
 * URL, the part servers log and browsers keep in history and send on in Referer: asked for
 * `response_type=token&response_mode=query`, the server refuses, or at least uses the fragment. The
 * catalog's MUST NOT comes from OpenID's Multiple Response Type Encoding Practices, which the harness
 * cannot cite; the levels here are RFC 6750's and OAuth 2.1's for tokens in URLs.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.3
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.3.2
 */
import { queryOf } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';

const TOKENS = ['access_token', 'id_token', 'refresh_token'];

export const tokenNotInQuery: CheckDefinition<'authorization'> = {
  id: 'token-not-in-query',
  title: 'No token is put in the query of a URL (response_mode=query refused for token responses)',
  catalog: ['DG-02'],
  requirements: ['RFC6750-5.3', 'RFC9700-4.3.2'],
  level: { default: 'SHOULD', 'oauth2.1': 'MUST', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.2: code in the query response only, no tokens
  quote: 'Bearer tokens SHOULD NOT be passed in page URLs (for example, as query string parameters). (RFC 6750 §5.3) — Clients MUST NOT pass access tokens '
    + 'in a URI query parameter in the way described in Section 2.3 of [RFC6750]. (RFC 9700 §4.3.2)',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const urls = new Set([...e.chain.flatMap((h) => [h.url, h.location ?? '']), e.outcome.url].filter(Boolean));
    const found: string[] = [];
    for (const url of urls) for (const name of TOKENS) if (queryOf(url)[name]) found.push(`${name} in the query of ${url}`);
    const expected = 'no access_token, id_token or refresh_token in the query of any URL';
    if (found.length) return { holds: false, expected, actual: found.join('; '), message: `a token was sent in a URL query: ${found[0]}` };
    return { holds: true, expected, actual: `none in ${urls.size} URLs` };
  },
};
