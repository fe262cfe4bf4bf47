/**
 * pkce-downgrade-rejected (PK-05) — a code issued for an S256 challenge is redeemed with the challenge
 * itself as the verifier (what an attacker who saw the authorization request has), with or without
 * code_challenge_method=plain in the token request: no tokens. The method is fixed at authorization.
 * Under S256 the challenge is a verifier that does not match, hence PK-02 beside PK-05.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.6
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.8
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, sentVerifier } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens, sentParam } from '../token-response.js';

export const pkceDowngradeRejected: CheckDefinition<'token'> = {
  id: 'pkce-downgrade-rejected',
  title: 'The S256 challenge itself is not accepted as the code_verifier (no downgrade to plain)',
  catalog: ['PK-05', 'PK-02'],
  requirements: ['RFC7636-4.6', 'RFC9700-4.8'],
  level: 'MUST',
  quote: 'If the "code_challenge_method" from Section 4.3 was "S256", the received "code_verifier" is hashed by SHA-256, base64url-encoded, and then compared to the "code_challenge"',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    const c = auth && challengeOf(auth);
    if (!c || c.method !== 'S256') return { holds: 'n/a', reason: 'the authorization request carried no S256 code_challenge' };
    if (sentVerifier(e) !== c.challenge) return { holds: 'n/a', reason: 'the code_verifier sent is not the challenge: no downgrade attempted' };
    const plain = sentParam(e, 'code_challenge_method') === 'plain' ? ' and code_challenge_method=plain' : '';
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `the S256 challenge, sent back as the code_verifier${plain}, was accepted: the server compared it as plain, so anyone who saw the authorization request can redeem the code`,
    });
  },
};
