/**
 * dpop-proof-htm-htu-checked (DP-04) — a token request whose DPoP proof has the htm or htu of another request is refused.
 * Judged beside a token request of the same scenario whose valid proof got a bound token.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 */
import type { CheckDefinition } from '../types.js';
import { proofRefused } from '../dpop-evidence.js';

export const dpopProofHtmHtuChecked: CheckDefinition<'token'> = {
  id: 'dpop-proof-htm-htu-checked',
  title: 'A DPoP proof with the htm or htu of another request is refused',
  catalog: ['DP-04'],
  requirements: ['RFC9449-4.3'],
  level: 'MUST',
  quote: 'the htm claim matches the HTTP method of the current request',
  on: 'token',
  evaluate(e, ctx) {
    return proofRefused(e, ctx, ['wrong-htm', 'wrong-htu'], 'the htm or htu of another request');
  },
};
