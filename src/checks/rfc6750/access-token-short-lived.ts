/**
 * access-token-short-lived (TR-05) — bearer access tokens are issued for an hour or less: `expires_in`
 * ≤ 3600. A response without expires_in says nothing (n/a; token-response-well-formed asks for it).
 * Expiry itself (the token refused after its lifetime) would need an hour-long slow test.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.3
 */
import type { CheckDefinition } from '../types.js';
import { issuedAccessToken, tokenBody } from '../token-response.js';

const ONE_HOUR = 3600;

export const accessTokenShortLived: CheckDefinition<'token'> = {
  id: 'access-token-short-lived',
  title: 'Access tokens (bearer) live an hour or less',
  catalog: ['TR-05'],
  requirements: ['RFC6750-5.3'],
  level: 'SHOULD',
  quote: 'Token servers SHOULD issue short-lived (one hour or less) bearer tokens, particularly when issuing tokens to clients that run within a web browser or other environments where information leakage may occur.',
  on: 'token',
  evaluate(e) {
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: 'no access token was issued' };
    const body = tokenBody(e)!;
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') return { holds: 'n/a', reason: `a ${body.token_type} token, not a bearer token` };
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : typeof body.expires_in === 'string' && /^\d+$/.test(body.expires_in) ? Number(body.expires_in) : undefined;
    if (lifetime === undefined) return { holds: 'n/a', reason: 'the response states no expires_in: the lifetime is unknown' };
    const expected = `expires_in ≤ ${ONE_HOUR}`;
    const actual = `expires_in ${lifetime} (${(lifetime / 3600).toFixed(lifetime % 3600 ? 1 : 0)} h)`;
    if (lifetime <= ONE_HOUR) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the ${e.grant} grant issued a bearer token valid for ${actual.slice('expires_in '.length)}, longer than one hour` };
  },
};
