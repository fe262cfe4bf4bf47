/**
 * dpop-resource-key-bound (DP-08) — a DPoP-bound access token presented with a valid proof of another
 * key (or a proof whose ath is another token's) is refused at the resource.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 */
import type { CheckDefinition } from '../types.js';
import { resourceRefused } from '../dpop-evidence.js';

export const dpopResourceKeyBound: CheckDefinition<'resource'> = {
  id: 'dpop-resource-key-bound',
  title: 'A DPoP-bound token is refused with a proof of another key',
  catalog: ['DP-08', 'RS-06'],
  requirements: ['RFC9449-7.1', 'RFC9449-4.3'],
  level: 'MUST',
  quote: 'the public key to which the access token is bound matches the public key from the DPoP proof',
  on: 'resource',
  evaluate(e, ctx) {
    const variant = e.dpop?.variant;
    if (variant !== 'other-key' && variant !== 'wrong-ath') return { holds: 'n/a', reason: 'the proof was not of another key or token' };
    return resourceRefused(e, ctx, {
      expected: '401 (invalid_token or invalid_dpop_proof)',
      served: `a DPoP-bound access token was served with a proof ${variant === 'other-key' ? 'signed by another key' : 'whose ath names another token'}`,
    });
  },
};
