/**
 * client-authentication-required (TK-06, RT-02) — a confidential client's token request (code or
 * refresh grant) without valid client authentication gets no tokens: no credentials, a wrong secret,
 * an empty secret; for a JWT client assertion (RFC 7523 §3), one signed with a wrong key or unsigned
 * (alg none). The right secret by the other method than registered (Basic <-> body) is judged
 * lenient: the client did prove itself, only not as registered. Judged on what happened; the error code
 * and status are reported beside it (TK-12 and TK-13 judge them).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
import type { CheckDefinition } from '../types.js';
import { authVariant, refusedWithoutTokens, sentParam } from '../token-response.js';

const WHAT: Record<string, string> = {
  none: 'without any client authentication',
  'wrong-secret': 'with a wrong client secret',
  'empty-secret': 'with an empty client secret',
  'switch-method': 'with the right secret, by the other authentication method than registered',
};
/** The same variants for a JWT client assertion (client_secret_jwt, private_key_jwt; RFC 7523 §3). */
const WHAT_ASSERTION: Record<string, string> = {
  'wrong-secret': 'with a client assertion signed with a wrong key',
  'empty-secret': 'with an unsigned client assertion (alg none)',
};

export const clientAuthenticationRequired: CheckDefinition<'token'> = {
  id: 'client-authentication-required',
  title: 'A confidential client gets no tokens without valid client authentication',
  catalog: ['TK-06', 'RT-02'],
  requirements: ['RFC6749-3.2.1', 'RFC6749-4.1.3', 'RFC6749-6', 'RFC7523-3'],
  level: 'MUST',
  quote: 'Confidential clients or other clients issued client credentials MUST authenticate with the authorization server as described in Section 2.3 when making requests to the token endpoint.',
  on: 'token',
  evaluate(e) {
    const variant = authVariant(e);
    if (!variant || !WHAT[variant]) return { holds: 'n/a', reason: `the request authenticated ${variant ? `with variant ${variant}, judged elsewhere` : 'as registered'}` };
    const grant = e.grant === 'refresh_token' ? 'refresh request' : 'code redemption';
    const what = (sentParam(e, 'client_assertion') !== undefined ? WHAT_ASSERTION[variant] : undefined) ?? WHAT[variant];
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_client',
      accepted: `a ${grant} ${what} was answered with tokens`
        + (variant === 'switch-method' ? ' (not a bypass: the secret was right; but the server does not hold the client to its registered method)' : ''),
      lenient: variant === 'switch-method',
    });
  },
};
