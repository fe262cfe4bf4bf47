/**
 * Reading revocation and introspection evidence, shared by the RFC 7009 and RFC 7662 checks: which
 * revocations the server honoured, whether a later use concerns a revoked token (or its grant), and
 * what an introspection answer says.
 */
import type { IntrospectionEvidence, ResourceEvidence, RevocationEvidence, TokenEvidence } from '../evidence/types.js';
import { evidenceAt, tokenStepOf } from './related.js';
import { authVariant } from './token-response.js';
import type { CheckContext, Judgement } from './types.js';

/** The client's own revocation request, authenticated as registered, answered 200 (hint variants allowed). */
export function honoured(r: RevocationEvidence): boolean {
  return r.response.status === 200 && r.which !== 'bogus' && !r.variants.some((v) => v.startsWith('auth:') || v.startsWith('client:'));
}

/** `true` when the hint sent was the token's own type or none. */
export function plainHint(r: { hint?: string }): boolean {
  return r.hint === undefined || r.hint === 'as-token' || r.hint === 'omit';
}

export function revocationsBefore(ctx: CheckContext, step: number): RevocationEvidence[] {
  return ctx.all.filter((x): x is RevocationEvidence => x.kind === 'revocation' && x.step < step);
}

/** The token steps whose tokens belong to the grant of token step `from`: it, and the refreshes that descend from it. */
export function sameGrant(ctx: CheckContext, from: number | undefined, of: number | undefined): boolean {
  for (let at = of, hops = 0; at !== undefined && hops < 20; hops++) {
    if (at === from) return true;
    const t = evidenceAt(ctx, at);
    at = t?.kind === 'token' && t.grant === 'refresh_token' ? t.tokenFrom : undefined;
  }
  return false;
}

/** The access token at the resource worked (2xx) at an earlier step, before `before`: the positive control of a later refusal. */
export function workedAtResource(ctx: CheckContext, e: ResourceEvidence, before: number): ResourceEvidence | undefined {
  return ctx.all.find((x): x is ResourceEvidence => x.kind === 'resource' && x.step < before && x.presented === 'header'
    && x.tokenFrom === e.tokenFrom && x.response.status >= 200 && x.response.status < 300);
}

/** The refresh token a refresh request sent was revoked, as the step says, by an earlier revocation. */
export function revocationOfRefresh(ctx: CheckContext, e: TokenEvidence, which: (r: RevocationEvidence) => boolean): RevocationEvidence | undefined {
  if (e.grant !== 'refresh_token' || !e.sentRefreshToken) return undefined;
  return revocationsBefore(ctx, e.step).find((r) => r.which === 'refresh_token' && r.sentToken === e.sentRefreshToken && which(r));
}

/** The token step a refresh request's tokens came from, for messages. */
export const originOf = (ctx: CheckContext, e: TokenEvidence) => tokenStepOf(e, ctx)?.step;

/** The `active` member of an introspection answer: a boolean, or why the answer does not say. */
export function activeOf(e: IntrospectionEvidence): { active: boolean; status: number } | { unknown: string } {
  if (!e.exchange) return { unknown: 'the server advertises no introspection_endpoint (RFC 8414 metadata)' };
  const { status, json } = e.exchange.response;
  const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (status === 200 && typeof body?.active === 'boolean') return { active: body.active, status };
  return { unknown: `the introspection endpoint answered ${status}${body ? (typeof body.error === 'string' ? ` error=${JSON.stringify(body.error.slice(0, 60))}` : ' without a boolean "active"') : ' without a JSON object'}` };
}

/** An introspection of the same token (step and kind), by its own client as registered, before `before`, that said active. */
export function seenActive(ctx: CheckContext, e: IntrospectionEvidence, before: number, hint: (i: IntrospectionEvidence) => boolean = plainHint): IntrospectionEvidence | undefined {
  return ctx.all.find((x): x is IntrospectionEvidence => x.kind === 'introspection' && x.step < before && x.tokenFrom === e.tokenFrom
    && x.which === e.which && !x.variants?.length && hint(x) && (() => { const a = activeOf(x); return 'active' in a && a.active; })());
}

export const tokenName = (which: string) => (which === 'refresh_token' ? 'refresh token' : which === 'bogus' ? 'made-up token' : 'access token');

/** The `auth:` variants that present no valid client authentication, in words (revocation, introspection). */
export const UNAUTHENTICATED: Readonly<Record<string, string>> = {
  none: 'without client credentials (client_id only)',
  'no-client-id': 'with nothing identifying the client',
  'wrong-secret': 'with a wrong client secret',
  'empty-secret': 'with an empty client secret',
};

/** The request's `auth:` variant when it presents no valid client authentication, in words; else why the rule does not apply. */
export function unauthenticated(e: { variants?: string[] }): { what: string } | { reason: string } {
  const variant = authVariant(e);
  if (variant && UNAUTHENTICATED[variant]) return { what: UNAUTHENTICATED[variant] };
  return { reason: `the request authenticated ${variant ? `with variant ${variant}, judged elsewhere` : 'as registered'}` };
}

/**
 * An access token used at the resource after revocation `r` (answered 200): refused holds; served is the
 * breach `accepted` describes. Judged only when the token worked there before `r` (the positive control).
 */
export function refusedAtResourceAfter(ctx: CheckContext, e: ResourceEvidence, r: RevocationEvidence, expected: string, accepted: string): Judgement {
  const before = workedAtResource(ctx, e, r.step);
  if (!before) return { holds: 'n/a', reason: 'the access token was not seen working at the resource before the revocation' };
  const actual = `${e.response.status} from the protected resource`;
  if (e.response.status >= 200 && e.response.status < 300) return { holds: false, expected, actual, message: accepted };
  return { holds: true, expected, actual, note: `it worked there at step ${before.step + 1}, before the revocation` };
}
