/** Reading DPoP exchanges (RFC 9449), shared by the DPoP checks. */
import type { Evidence, ResourceEvidence, TokenEvidence } from '../evidence/types.js';
import { describeTokenResponse, errorCode, issuedAccessToken, tokenBody } from './token-response.js';
import type { CheckContext, Judgement } from './types.js';

/** A token response that issued a DPoP-bound token (token_type DPoP, RFC 9449 §5). */
export function boundToken(e: TokenEvidence): boolean {
  const type = tokenBody(e)?.token_type;
  return Boolean(issuedAccessToken(e)) && typeof type === 'string' && type.toLowerCase() === 'dpop';
}

/** A token request of this scenario that sent a valid proof and got a bound token: the positive control of a refused proof. */
export function validProofControl(e: { step: number }, ctx: CheckContext): TokenEvidence | undefined {
  return ctx.all.find((x): x is TokenEvidence => x.kind === 'token' && x.step !== e.step && x.dpop?.variant === 'valid' && boundToken(x));
}

/**
 * A token request whose proof has one named defect: no tokens. A server that asked for a nonce instead
 * (use_dpop_nonce) refused that proof too; the retry with its nonce is judged only for the defect.
 */
export function proofRefused(e: TokenEvidence, ctx: CheckContext, variants: string[], what: string): Judgement {
  if (!e.dpop || !variants.includes(e.dpop.variant)) return { holds: 'n/a', reason: `the request sent no proof with ${what}` };
  if (!validProofControl(e, ctx)) return { holds: 'n/a', reason: 'no token request of this scenario with a valid DPoP proof got a DPoP-bound token: a refusal would prove nothing' };
  const expected = 'no tokens; 400 error=invalid_dpop_proof';
  const actual = describeTokenResponse(e);
  if (issuedAccessToken(e)) return { holds: false, expected, actual, message: `a token request whose DPoP proof had ${what} got tokens` };
  const code = errorCode(e);
  return { holds: true, expected, actual, refusal: true, ...(code !== 'invalid_dpop_proof' && code !== 'use_dpop_nonce' ? { note: `refused with ${code ? `error=${code}` : 'no error code'} instead of invalid_dpop_proof (RFC 9449 §5)` } : {}) };
}

/** The token step a resource request used, and whether it was DPoP-bound. */
export function boundTokenOf(e: ResourceEvidence, ctx: CheckContext): TokenEvidence | undefined {
  const t = ctx.all.find((x): x is TokenEvidence => x.kind === 'token' && x.step === e.tokenFrom);
  return t && boundToken(t) ? t : undefined;
}

/** Another resource request of this scenario with the same token and a valid proof that was served. */
export function resourceControl(e: ResourceEvidence, ctx: CheckContext): Evidence | undefined {
  return ctx.all.find((x) => x.kind === 'resource' && x.step !== e.step && x.tokenFrom === e.tokenFrom && x.dpop?.variant === 'valid' && x.response.status >= 200 && x.response.status < 300);
}

/**
 * A resource request with a DPoP-bound token that must be refused (401), judged beside a request of the
 * same scenario with the token and a valid proof that was served (the positive control).
 */
export function resourceRefused(e: ResourceEvidence, ctx: CheckContext, o: { expected: string; served: string }): Judgement {
  if (!boundTokenOf(e, ctx)) return { holds: 'n/a', reason: 'the access token used is not DPoP-bound' };
  if (!resourceControl(e, ctx)) return { holds: 'n/a', reason: 'no request of this scenario with the token and a valid proof was served: a refusal would prove nothing' };
  const actual = `HTTP ${e.response.status}`;
  if (e.response.status >= 200 && e.response.status < 300) return { holds: false, expected: o.expected, actual, message: o.served };
  return { holds: true, expected: o.expected, actual };
}
