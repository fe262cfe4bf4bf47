/** DPoP at the token endpoint for the token, refresh and device steps: the proof header and the evidence of it. */
import type { DpopProofSent } from '../evidence/fapi.js';
import type { HttpExchange } from '../evidence/types.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { DpopVariantName } from '../spec/dpop-variants.js';
import type { StepContext } from './context.js';
import { dpopProof, sendWithDpop } from './dpop.js';

export interface DpopAtToken {
  /** For TokenRequestSpec.headers: a new proof per request. */
  headers: () => Promise<Record<string, string>>;
  /** Sends (with a nonce retry) and says what the proof was. */
  send<T extends HttpExchange>(send: () => Promise<T>): Promise<{ ex: T; dpop: DpopProofSent }>;
}

export function dpopAtToken(ctx: StepContext, variant: string | undefined): DpopAtToken | undefined {
  if (variant === undefined) return undefined;
  if (!ctx.target.features.has('dpop')) throw new NotApplicable('the step sends a DPoP proof and the target does not declare the `dpop` feature');
  const v = variant as DpopVariantName;
  let sent: DpopProofSent = { variant: v };
  const url = ctx.target.endpoints.token;
  return {
    headers: async () => {
      const p = await dpopProof(ctx, v, 'POST', url);
      if (v === 'replay' && !p.header) throw new HarnessError(`step ${ctx.index + 1}: dpop: replay needs an earlier step of this scenario that sent a valid DPoP proof`);
      sent = p.sent;
      return p.header ? { dpop: p.header } : ({} as Record<string, string>);
    },
    async send(send) {
      const { ex, nonceRetried } = await sendWithDpop(ctx, v, send);
      return { ex, dpop: { ...sent, ...(nonceRetried ? { nonceRetried } : {}) } };
    },
  };
}

/** DPoP at the protected resource (RFC 9449 §7.1): `Authorization: DPoP <token>` and a proof with `ath`. */
export function dpopAtResource(ctx: StepContext, variant: string, url: string, token: string | undefined) {
  if (!ctx.target.features.has('dpop')) throw new NotApplicable('the step sends a DPoP proof and the target does not declare the `dpop` feature');
  const v = variant as DpopVariantName;
  return {
    proof: () => dpopProof(ctx, v, 'GET', url, token),
    send: <T extends HttpExchange>(send: () => Promise<T>) => sendWithDpop(ctx, v, send),
  };
}
