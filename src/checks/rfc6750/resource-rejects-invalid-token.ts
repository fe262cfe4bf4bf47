/**
 * resource-rejects-invalid-token (RS-05) — the protected resource refuses a request with no token or
 * with a made-up one: no 2xx. The resource server must validate every token it is given.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-7
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
import type { CheckDefinition } from '../types.js';

export const resourceRejectsInvalidToken: CheckDefinition<'resource'> = {
  id: 'resource-rejects-invalid-token',
  title: 'The protected resource refuses requests without a valid token',
  catalog: ['RS-05'],
  requirements: ['RFC6749-7', 'RFC6750-3.1'],
  level: 'MUST',
  quote: 'The resource server MUST validate the access token and ensure that it has not expired and that its scope covers the requested resource.',
  on: 'resource',
  evaluate(e) {
    if (e.presented !== 'none' && e.presented !== 'bogus') return { holds: 'n/a', reason: `a token the server issued was presented (${e.presented})` };
    const expected = '401 (no access without a valid token)';
    const actual = `${e.response.status} from the protected resource`;
    const s = e.response.status;
    if (s >= 200 && s < 300) {
      return { holds: false, expected, actual, message: e.presented === 'none' ? 'the protected resource answered without any token' : 'the protected resource accepted a made-up token' };
    }
    return { holds: true, expected, actual };
  },
};
