/**
 * dpop-proof-iat-checked (DP-05) — a token request whose DPoP proof has an iat an hour old is refused.
 * Judged beside a token request of the same scenario whose valid proof got a bound token.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 */
import type { CheckDefinition } from '../types.js';
import { proofRefused } from '../dpop-evidence.js';

export const dpopProofIatChecked: CheckDefinition<'token'> = {
  id: 'dpop-proof-iat-checked',
  title: 'A DPoP proof with an iat an hour old is refused',
  catalog: ['DP-05'],
  requirements: ['RFC9449-4.3'],
  level: 'MUST',
  quote: 'the creation time of the JWT, as determined by either the iat claim or a server managed timestamp via the nonce claim, is within an acceptable window',
  on: 'token',
  evaluate(e, ctx) {
    return proofRefused(e, ctx, ['stale-iat'], 'an iat an hour old');
  },
};
