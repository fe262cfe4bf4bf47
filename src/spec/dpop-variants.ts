/** The named DPoP proofs a step may send (RFC 9449 §4.2, §4.3): a valid one, none, or one with one defect. */
export const DPOP_VARIANTS = {
  valid: 'a valid proof with the scenario\'s key (and the server\'s nonce once it asked for one)',
  none: 'no DPoP header',
  'typ-jwt': 'typ "JWT" instead of "dpop+jwt" (§4.3 point 4)',
  'alg-none': 'unsigned, alg "none" (§4.3 point 5)',
  'wrong-htm': 'htm of another HTTP method (§4.3 point 8)',
  'wrong-htu': 'htu of another URL of the server (§4.3 point 9)',
  'stale-iat': 'iat an hour in the past (§4.3 point 11)',
  replay: 'the scenario\'s previous valid proof again, same jti (§11.1)',
  'other-key': 'a valid proof signed with another key than the one the token is bound to (§7.1)',
  'wrong-ath': 'ath of another access token (§4.3 point 12, at the resource)',
} as const;
export type DpopVariantName = keyof typeof DPOP_VARIANTS;
