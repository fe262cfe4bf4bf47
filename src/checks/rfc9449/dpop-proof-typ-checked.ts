/**
 * dpop-proof-typ-checked (DP-02) — a token request whose DPoP proof has typ JWT instead of dpop+jwt is refused.
 * Judged beside a token request of the same scenario whose valid proof got a bound token.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 */
import type { CheckDefinition } from '../types.js';
import { proofRefused } from '../dpop-evidence.js';

export const dpopProofTypChecked: CheckDefinition<'token'> = {
  id: 'dpop-proof-typ-checked',
  title: 'A DPoP proof with typ JWT instead of dpop+jwt is refused',
  catalog: ['DP-02'],
  requirements: ['RFC9449-4.3'],
  level: 'MUST',
  quote: 'the typ JOSE Header Parameter has the value dpop+jwt',
  on: 'token',
  evaluate(e, ctx) {
    return proofRefused(e, ctx, ['typ-jwt'], 'typ JWT instead of dpop+jwt');
  },
};
