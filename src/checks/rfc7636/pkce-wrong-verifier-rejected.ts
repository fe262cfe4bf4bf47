/**
 * pkce-wrong-verifier-rejected (PK-02, PK-06) — a code whose authorization carried a PKCE challenge is
 * redeemed with a verifier that does not match it (a random one, or another flow's valid verifier):
 * no tokens. Judged on what happened; an error other than invalid_grant is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.6
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, sentVerifier, verifierMatches } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const pkceWrongVerifierRejected: CheckDefinition<'token'> = {
  id: 'pkce-wrong-verifier-rejected',
  title: 'A code_verifier that does not match the code challenge gets no tokens',
  catalog: ['PK-02', 'PK-06'],
  requirements: ['RFC7636-4.6', 'RFC9700-2.1.1'],
  level: 'MUST',
  quote: 'If the values are not equal, an error response indicating "invalid_grant" as described in Section 5.2 of [RFC6749] MUST be returned.',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    const challenge = auth && challengeOf(auth);
    if (!challenge) return { holds: 'n/a', reason: 'the authorization request carried no code_challenge: there is nothing to verify against' };
    const verifier = sentVerifier(e);
    if (verifier === undefined) return { holds: 'n/a', reason: 'the token request carried no code_verifier (pkce-verifier-required judges that)' };
    if (verifierMatches(verifier, challenge)) return { holds: 'n/a', reason: 'the code_verifier sent matches the challenge: nothing wrong to reject' };
    const which = e.variants.includes('code_verifier:other-flow') ? 'the verifier of another authorization' : 'a code_verifier that does not match the challenge';
    return refusedWithoutTokens(e, { expectedError: 'invalid_grant', accepted: `the code was redeemed with ${which}, and tokens were issued: PKCE is not enforced` });
  },
};
