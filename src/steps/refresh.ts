/**
 * refresh — a refresh_token grant request (RFC 6749 §6) with the refresh token of an earlier step;
 * or rounds of N identical ones at once (RT-07), each new refresh token then tried once more.
 */
import type { TokenEvidence, TokenRaceEvidence } from '../evidence/types.js';
import type { Params } from '../drive/http.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { RefreshSpec } from '../scenario/schema.js';
import { client, earlier, tokensOf, type StepContext } from './context.js';
import { grantedScope } from './granted-scope.js';
import { missingFrom } from './precondition.js';
import { race, statusOf, times } from './race.js';
import { tokenRequest } from './token-request.js';
import { resourceIndicator } from './resource-indicator.js';
import { dpopAtToken } from './dpop-request.js';

export async function refresh(spec: RefreshSpec, ctx: StepContext): Promise<TokenEvidence | TokenRaceEvidence> {
  const { index: tokenFrom, result: from } = earlier(ctx, 'token', spec.token, (r) => Boolean(r.refreshToken));
  if (!from.refreshToken) throw missingFrom(ctx, tokenFrom, 'a refresh token', { plain: from.plain, hint: 'declare the `refresh-token` feature only if the server issues refresh tokens with the code grant' });
  const clientKey = spec.client ?? from.client;
  if (spec.concurrent) return refreshRace(spec, spec.concurrent, tokenFrom, clientKey, ctx);
  const scope = spec.escalate ? escalated(ctx, from.scope) : spec.scope;
  const dpop = dpopAtToken(ctx, spec.dpop);
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    params: [...refreshParams(from.refreshToken, scope), ...resourceIndicator(spec.resource, ctx)],
    headers: dpop?.headers,
  });
  const { ex, dpop: proof } = dpop ? await dpop.send(req.send) : { ex: await req.send(), dpop: undefined };
  const tokens = tokensOf(ctx, ex.response.json);
  // A refresh asking for a scope whose response does not say what it granted: ask the server (introspection, resource).
  const confirmed = scope !== undefined && tokens.accessToken && tokens.scope === undefined ? await grantedScope(ctx, clientKey, tokens.accessToken) : undefined;
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? confirmed?.scope ?? from.scope };
  const variants = [...req.variants, ...(spec.client && spec.client !== from.client ? [`client:${spec.client}`] : []), ...(scope !== undefined ? ['scope'] : []), ...(spec.resource ? [`resource:${spec.resource}`] : [])];
  return { kind: 'token', step: ctx.index, grant: 'refresh_token', client: clientKey, variants, tokenFrom, originalScope: from.scope, sentRefreshToken: from.refreshToken, ...(confirmed ? { grantedScope: confirmed } : {}), ...ex, ...(proof ? { dpop: proof } : {}) };
}

/**
 * Rounds of N concurrent refreshes, each round with a fresh refresh token: the steps that produced it
 * (authorize, token, …) run again, since a race that trips reuse detection revokes the whole family.
 * Each new refresh token is then used once more, one after the other.
 */
async function refreshRace(spec: RefreshSpec, concurrent: number, tokenFrom: number, clientKey: string, ctx: StepContext): Promise<TokenRaceEvidence> {
  const { rounds, plannedRounds, stopped } = await race(ctx, {
    rounds: spec.rounds,
    async prepare(round) {
      if (round > 0) for (const i of producers(ctx, tokenFrom)) await ctx.rerun!(i);
      const from = ctx.results[tokenFrom];
      if (from?.kind !== 'token' || !from.refreshToken) throw new HarnessError(`round ${round + 1} of step ${ctx.index + 1} needs a fresh refresh token, but step ${tokenFrom + 1}, run again, issued none`);
      const req = tokenRequest(ctx, { client: client(ctx, clientKey), auth: spec.auth, params: refreshParams(from.refreshToken, spec.scope) });
      return { requests: await times(concurrent, req.build), sentRefreshToken: from.refreshToken };
    },
    async afterwards(refreshTokens, sent) {
      const statuses: (number | undefined)[] = [];
      for (const rt of refreshTokens) {
        statuses.push(rt && rt !== sent ? await statusOf(await tokenRequest(ctx, { client: client(ctx, clientKey), params: refreshParams(rt) }).build()) : undefined);
      }
      return statuses;
    },
  });
  return { kind: 'token-race', step: ctx.index, grant: 'refresh_token', tokenFrom, concurrent, rounds, plannedRounds, ...(stopped ? { stopped } : {}) };
}

function refreshParams(refreshToken: string, scope?: string): Params {
  return [['grant_type', 'refresh_token'], ['refresh_token', refreshToken], ...(scope !== undefined ? [['scope', scope] as [string, string]] : [])];
}

/** The steps whose results led to step `index`'s tokens (its code's authorize step, …), oldest first. */
function producers(ctx: StepContext, index: number): number[] {
  const ev = ctx.evidence.find((e) => e.kind === 'token' && e.step === index);
  const from = ev?.kind === 'token' ? (ev.grant === 'authorization_code' ? ev.codeFrom : ev.grant === 'refresh_token' ? ev.tokenFrom : undefined) : undefined;
  return from === undefined ? [index] : [...producers(ctx, from), index];
}

/**
 * The original scope plus one it lacks: the profile's `refresh.extra_scope`, else offline_access (a
 * scope OpenID Connect servers know without granting it by default). Nothing to add is no test.
 */
function escalated(ctx: StepContext, original: string | undefined): string {
  const granted = (original ?? '').split(' ').filter(Boolean);
  const extra = ctx.target.profile.refresh?.extra_scope ?? 'offline_access';
  const added = extra.split(' ').filter((s) => s && !granted.includes(s));
  if (!added.length) {
    throw new NotApplicable(`the original scope "${original ?? ''}" already includes ${extra}: set refresh.extra_scope in the profile to a scope the server knows but did not grant`);
  }
  return [...granted, ...added].join(' ');
}
