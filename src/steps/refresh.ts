/**
 * refresh — a refresh_token grant request (RFC 6749 §6) with the refresh token of an earlier step;
 * or N identical ones at once (RT-07), each new refresh token then tried once more.
 */
import type { TokenEvidence, TokenRaceEvidence } from '../evidence/types.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { RefreshSpec } from '../scenario/schema.js';
import { client, earlier, tokensOf, type StepContext } from './context.js';
import { race } from './race.js';
import { tokenRequest } from './token-request.js';

export async function refresh(spec: RefreshSpec, ctx: StepContext): Promise<TokenEvidence | TokenRaceEvidence> {
  const { index: tokenFrom, result: from } = earlier(ctx, 'token', spec.token, (r) => Boolean(r.refreshToken));
  if (!from.refreshToken) throw new HarnessError(`step ${ctx.index + 1} needs a refresh token, but step ${tokenFrom + 1} issued none`, 'declare the `refresh-token` feature only if the server issues refresh tokens with the code grant');
  const clientKey = spec.client ?? from.client;
  const scope = spec.escalate ? escalated(ctx, from.scope) : spec.scope;
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    params: [['grant_type', 'refresh_token'], ['refresh_token', from.refreshToken], ...(scope !== undefined ? [['scope', scope] as [string, string]] : [])],
  });
  if (spec.concurrent) {
    const { exchanges, issued, resourceStatuses } = await race(spec.concurrent, req.send, ctx);
    // Does each new refresh token work? One plain refresh each, one after the other.
    const refreshStatuses: (number | undefined)[] = [];
    for (const { refreshToken } of issued) {
      const again = refreshToken && refreshToken !== from.refreshToken
        ? tokenRequest(ctx, { client: client(ctx, clientKey), params: [['grant_type', 'refresh_token'], ['refresh_token', refreshToken]] })
        : undefined;
      refreshStatuses.push(again && (await again.send()).response.status);
    }
    return { kind: 'token-race', step: ctx.index, grant: 'refresh_token', tokenFrom, sentRefreshToken: from.refreshToken, exchanges, resourceStatuses, refreshStatuses };
  }
  const ex = await req.send();
  const tokens = tokensOf(ctx, ex.response.json);
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? from.scope };
  const variants = [...req.variants, ...(spec.client && spec.client !== from.client ? [`client:${spec.client}`] : []), ...(scope !== undefined ? ['scope'] : [])];
  return { kind: 'token', step: ctx.index, grant: 'refresh_token', client: clientKey, variants, tokenFrom, originalScope: from.scope, sentRefreshToken: from.refreshToken, ...ex };
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
