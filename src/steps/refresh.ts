/** refresh — a refresh_token grant request (RFC 6749 §6) with the refresh token of an earlier step. */
import type { TokenEvidence } from '../evidence/types.js';
import { HarnessError } from '../harness-error.js';
import type { RefreshSpec } from '../scenario/schema.js';
import { client, earlier, tokensOf, type StepContext } from './context.js';
import { tokenRequest } from './token-request.js';

export async function refresh(spec: RefreshSpec, ctx: StepContext): Promise<TokenEvidence> {
  const { index: tokenFrom, result: from } = earlier(ctx, 'token', spec.token, (r) => Boolean(r.refreshToken));
  if (!from.refreshToken) throw new HarnessError(`step ${ctx.index + 1} needs a refresh token, but step ${tokenFrom + 1} issued none`, 'declare the `refresh-token` feature only if the server issues refresh tokens with the code grant');
  const clientKey = spec.client ?? from.client;
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    params: [['grant_type', 'refresh_token'], ['refresh_token', from.refreshToken], ...(spec.scope !== undefined ? [['scope', spec.scope] as [string, string]] : [])],
  });
  const ex = await req.send();
  const tokens = tokensOf(ctx, ex.response.json);
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? from.scope };
  const variants = [...req.variants, ...(spec.client && spec.client !== from.client ? [`client:${spec.client}`] : []), ...(spec.scope !== undefined ? ['scope'] : [])];
  return { kind: 'token', step: ctx.index, grant: 'refresh_token', client: clientKey, variants, tokenFrom, originalScope: from.scope, sentRefreshToken: from.refreshToken, ...ex };
}
