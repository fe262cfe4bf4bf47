/**
 * Finding the evidence a token step refers to, in the scenario's evidence so far: the authorization
 * whose code was redeemed, the token step whose refresh token was used. Shared by the back-channel checks.
 */
import type { AuthorizationEvidence, Evidence, TokenEvidence } from '../evidence/types.js';
import type { CheckContext } from './types.js';

export function evidenceAt(ctx: CheckContext, step: number | undefined): Evidence | undefined {
  return step === undefined ? undefined : ctx.all.find((x) => x.step === step);
}

/** The authorization whose code a token request redeemed. */
export function authorizationOf(e: { codeFrom?: number }, ctx: CheckContext): AuthorizationEvidence | undefined {
  const a = evidenceAt(ctx, e.codeFrom);
  return a?.kind === 'authorization' ? a : undefined;
}

/** The token (or refresh) step whose refresh token a refresh request used. */
export function tokenStepOf(e: { tokenFrom?: number }, ctx: CheckContext): TokenEvidence | undefined {
  const t = evidenceAt(ctx, e.tokenFrom);
  return t?.kind === 'token' ? t : undefined;
}

/** Every token evidence of the scenario so far, in order. */
export function tokenEvidence(ctx: CheckContext): TokenEvidence[] {
  return ctx.all.filter((x): x is TokenEvidence => x.kind === 'token');
}

/**
 * The successful token responses of the scenario so far, one per distinct response body: a response
 * replayed verbatim (as a proxy cache would) counts once, while two different responses carrying the
 * same token both count (a repeated token is then seen as such).
 */
export function distinctTokenResponses(ctx: CheckContext): TokenEvidence[] {
  const seen = new Set<string>();
  return tokenEvidence(ctx).filter((t) => {
    const body = t.response.json as Record<string, unknown> | undefined;
    if (!(t.response.status >= 200 && t.response.status < 300 && typeof body?.access_token === 'string') || seen.has(t.response.body)) return false;
    seen.add(t.response.body);
    return true;
  });
}

/** Space-separated scope values as a set (RFC 6749 §3.3: order does not matter). */
export function scopeSet(scope: string | undefined): Set<string> {
  return new Set((scope ?? '').split(' ').filter(Boolean));
}

/** A refresh step that used `sent` and got a different refresh token back: `sent` was rotated away. */
export function rotationOf(sent: string | undefined, before: number, ctx: CheckContext): { step: number; successor: string } | undefined {
  if (!sent) return undefined;
  for (const t of tokenEvidence(ctx)) {
    if (t.step >= before || t.grant !== 'refresh_token' || t.sentRefreshToken !== sent) continue;
    const body = t.response.json as Record<string, unknown> | undefined;
    const next = t.response.status >= 200 && t.response.status < 300 && typeof body?.refresh_token === 'string' ? body.refresh_token : undefined;
    if (next && next !== sent) return { step: t.step, successor: next };
  }
  return undefined;
}
