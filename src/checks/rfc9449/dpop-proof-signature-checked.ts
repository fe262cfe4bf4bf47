/**
 * dpop-proof-signature-checked (DP-03) — a token request whose DPoP proof has no signature (alg none) is refused.
 * Judged beside a token request of the same scenario whose valid proof got a bound token.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 */
import type { CheckDefinition } from '../types.js';
import { proofRefused } from '../dpop-evidence.js';

export const dpopProofSignatureChecked: CheckDefinition<'token'> = {
  id: 'dpop-proof-signature-checked',
  title: 'A DPoP proof with no signature (alg none) is refused',
  catalog: ['DP-03'],
  requirements: ['RFC9449-4.3'],
  level: 'MUST',
  quote: 'the alg JOSE Header Parameter indicates a registered asymmetric digital signature algorithm, is not none, is supported by the application, and is acceptable per local policy',
  on: 'token',
  evaluate(e, ctx) {
    return proofRefused(e, ctx, ['alg-none'], 'no signature (alg none)');
  },
};
