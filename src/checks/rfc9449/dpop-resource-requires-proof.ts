/**
 * dpop-resource-requires-proof (DP-07) — a DPoP-bound access token presented at the resource as a
 * bearer token (no proof) is refused. Judged beside a request with a valid proof that was served.
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1
 */
import type { CheckDefinition } from '../types.js';
import { resourceRefused } from '../dpop-evidence.js';

export const dpopResourceRequiresProof: CheckDefinition<'resource'> = {
  id: 'dpop-resource-requires-proof',
  title: 'A DPoP-bound token is refused at the resource without a proof',
  catalog: ['DP-07', 'RS-06'],
  requirements: ['RFC9449-7.1', 'FAPI2-5.3.2.1'],
  level: 'MUST',
  quote: 'A DPoP-bound access token is sent using the Authorization request header field per Section 11.6.2 of [RFC9110] using an authentication scheme of DPoP.',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || (e.dpop && e.dpop.variant !== 'none')) return { holds: 'n/a', reason: 'the token was presented with a proof, or not in the header' };
    return resourceRefused(e, ctx, { expected: '401 (the bound token without a proof refused)', served: 'a DPoP-bound access token was served without a DPoP proof, as a bearer token' });
  },
};
