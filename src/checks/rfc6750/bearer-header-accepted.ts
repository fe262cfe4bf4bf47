/**
 * bearer-header-accepted (RS-01) — the protected resource accepts a freshly issued access token in the
 * `Authorization: Bearer` header: 2xx. A 403 (insufficient_scope) is n/a: the token was recognised.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
import type { CheckDefinition } from '../types.js';

export const bearerHeaderAccepted: CheckDefinition<'resource'> = {
  id: 'bearer-header-accepted',
  title: 'The protected resource accepts a token in the Authorization header (Bearer)',
  catalog: ['RS-01'],
  requirements: ['RFC6750-2.1'],
  level: 'MUST',
  quote: 'Clients SHOULD make authenticated requests with a bearer token using the "Authorization" request header field with the "Bearer" HTTP authorization scheme. Resource servers MUST support this method.',
  on: 'resource',
  evaluate(e) {
    if (e.presented !== 'header') return { holds: 'n/a', reason: `the token was presented as "${e.presented}", not in the Authorization header` };
    const expected = '2xx for a valid access token in Authorization: Bearer';
    const actual = `${e.response.status} from the protected resource`;
    const s = e.response.status;
    if (s >= 200 && s < 300) return { holds: true, expected, actual };
    if (s === 403) return { holds: 'n/a', reason: 'the resource answered 403: the token was recognised but its scope does not cover the resource' };
    return { holds: false, expected, actual, message: `a valid access token in the Authorization header was refused (${s})` };
  },
};
