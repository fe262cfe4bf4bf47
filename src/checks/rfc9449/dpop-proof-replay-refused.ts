/**
 * dpop-proof-replay-refused (DP-06) — a token request whose DPoP proof has the jti of a proof already used is refused.
 * Judged beside a token request of the same scenario whose valid proof got a bound token.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-11.1
 */
import type { CheckDefinition } from '../types.js';
import { proofRefused } from '../dpop-evidence.js';

export const dpopProofReplayRefused: CheckDefinition<'token'> = {
  id: 'dpop-proof-replay-refused',
  title: 'A DPoP proof with the jti of a proof already used is refused',
  catalog: ['DP-06'],
  requirements: ['RFC9449-11.1'],
  level: 'MUST',
  quote: 'the server can store, in the context of the target URI, the jti value of each DPoP proof for the time window in which the respective DPoP proof JWT would be accepted',
  on: 'token',
  evaluate(e, ctx) {
    return proofRefused(e, ctx, ['replay'], 'the jti of a proof already used');
  },
};
