/**
 * pkce-verifier-without-challenge-rejected (PK-04) — a code whose authorization request carried no
 * code_challenge is redeemed with a code_verifier: refused. Accepting it lets an attacker who injects a
 * stolen code (obtained without PKCE) pass the client's PKCE check (the PKCE downgrade, RFC 9700 §4.8.2).
 * RFC 7636 alone does not require this, hence MAY under the RFC 6749 profile.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.8.2
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, sentVerifier } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const pkceVerifierWithoutChallengeRejected: CheckDefinition<'token'> = {
  id: 'pkce-verifier-without-challenge-rejected',
  title: 'A code_verifier is refused for a code issued without a PKCE challenge',
  catalog: ['PK-04'],
  requirements: ['RFC9700-2.1.1', 'RFC9700-4.8.2'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'Authorization servers MUST mitigate PKCE Downgrade Attacks by ensuring that a token request containing a code_verifier parameter is accepted only if a code_challenge parameter was present in the authorization request',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    if (!auth) return { holds: 'n/a', reason: 'the authorization of this code is not in the evidence' };
    if (challengeOf(auth)) return { holds: 'n/a', reason: 'the authorization request carried a code_challenge' };
    if (sentVerifier(e) === undefined) return { holds: 'n/a', reason: 'the token request carried no code_verifier' };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: 'a code issued without any code_challenge was redeemed with a code_verifier: the PKCE downgrade goes undetected',
    });
  },
};
