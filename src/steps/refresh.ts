/**
 * refresh — a refresh_token grant request (RFC 6749 §6) with the refresh token of an earlier step;
 * or N identical ones at once (RT-07), each new refresh token then tried once more.
 */
import type { TokenEvidence, TokenRaceEvidence } from '../evidence/types.js';
import type { RefreshSpec } from '../scenario/schema.js';
import { client, earlier, tokensOf, type StepContext } from './context.js';
import { grantedScope } from './granted-scope.js';
import { missingFrom } from './precondition.js';
import { race } from './race.js';
import { tokenRequest } from './token-request.js';

export async function refresh(spec: RefreshSpec, ctx: StepContext): Promise<TokenEvidence | TokenRaceEvidence> {
  const { index: tokenFrom, result: from } = earlier(ctx, 'token', spec.token, (r) => Boolean(r.refreshToken));
  if (!from.refreshToken) throw missingFrom(ctx, tokenFrom, 'a refresh token', { plain: from.plain, hint: 'declare the `refresh-token` feature only if the server issues refresh tokens with the code grant' });
  const clientKey = spec.client ?? from.client;
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    params: [['grant_type', 'refresh_token'], ['refresh_token', from.refreshToken], ...(spec.scope !== undefined ? [['scope', spec.scope] as [string, string]] : [])],
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
  // A refresh asking for a scope whose response does not say what it granted: ask the server (introspection, resource).
  const confirmed = spec.scope !== undefined && tokens.accessToken && tokens.scope === undefined ? await grantedScope(ctx, clientKey, tokens.accessToken) : undefined;
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? confirmed?.scope ?? from.scope };
  const variants = [...req.variants, ...(spec.client && spec.client !== from.client ? [`client:${spec.client}`] : []), ...(spec.scope !== undefined ? ['scope'] : [])];
  return { kind: 'token', step: ctx.index, grant: 'refresh_token', client: clientKey, variants, tokenFrom, originalScope: from.scope, sentRefreshToken: from.refreshToken, ...(confirmed ? { grantedScope: confirmed } : {}), ...ex };
}
