/**
 * pkce-short-verifier-rejected (PK-07) — a code_verifier outside the syntax of RFC 7636 §4.1
 * (43–128 unreserved characters) is refused even when it matches the challenge (the scenario sends
 * the S256 of the 3-character verifier `abc` as challenge). A short verifier is guessable. The RFC puts
 * the MUST on the client; a server enforcing it is expected, not required: SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, isWellFormedVerifier, sentVerifier, verifierMatches } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const pkceShortVerifierRejected: CheckDefinition<'token'> = {
  id: 'pkce-short-verifier-rejected',
  title: 'A code_verifier shorter than 43 characters is refused, even when it matches the challenge',
  catalog: ['PK-07'],
  requirements: ['RFC7636-4.1'],
  level: 'SHOULD',
  quote: 'code_verifier = high-entropy cryptographic random STRING using the unreserved characters [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~" from Section 2.3 of [RFC3986], with a minimum length of 43 characters and a maximum length of 128 characters.',
  on: 'token',
  evaluate(e, ctx) {
    const verifier = sentVerifier(e);
    if (verifier === undefined || isWellFormedVerifier(verifier)) return { holds: 'n/a', reason: 'the code_verifier sent is well-formed (or absent)' };
    const auth = authorizationOf(e, ctx);
    const c = auth && challengeOf(auth);
    if (!c || !verifierMatches(verifier, c)) {
      return { holds: 'n/a', reason: 'the malformed code_verifier does not match the challenge either, so a refusal says nothing about its syntax being checked' };
    }
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_request',
      accepted: `a ${verifier.length}-character code_verifier (matching its challenge) was accepted: the server does not enforce the 43-character minimum`,
    });
  },
};
