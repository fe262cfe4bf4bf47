/**
 * query-token-refused (RS-02) — an access token sent only as `?access_token=` in the URL is not
 * accepted. URLs end up in logs, history and Referer headers. RFC 6750 lets resource servers support
 * the query method (MAY) while telling clients not to use it; RFC 9700 forbids clients to use it (a
 * server refusing it enforces that: SHOULD); OAuth 2.1 drops the method (MUST).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.3
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.3
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.3.2
 */
import type { CheckDefinition } from '../types.js';

export const queryTokenRefused: CheckDefinition<'resource'> = {
  id: 'query-token-refused',
  title: 'The protected resource does not accept an access token in the URL query',
  catalog: ['RS-02'],
  requirements: ['RFC6750-2.3', 'RFC6750-5.3', 'RFC9700-4.3.2'],
  level: { default: 'SHOULD', rfc6749: 'MAY', 'oauth2.1': 'MUST' },
  quote: 'it SHOULD NOT be used unless it is impossible to transport the access token in the "Authorization" request header field or the HTTP request entity-body. — RFC 6750 §2.3; "Clients MUST NOT pass access tokens in a URI query parameter in the way described in Section 2.3 of [RFC6750]." — RFC 9700',
  on: 'resource',
  evaluate(e) {
    if (e.presented !== 'query') return { holds: 'n/a', reason: `the token was presented as "${e.presented}", not in the URL query` };
    const expected = '401: a token in the URL query is not accepted';
    const actual = `${e.response.status} from the protected resource`;
    const s = e.response.status;
    if (s >= 200 && s < 300) return { holds: false, expected, actual, message: 'the protected resource accepted an access token from the URL query' };
    return { holds: true, expected, actual };
  },
};
