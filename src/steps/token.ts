/** token — redeems an authorization code at the token endpoint (RFC 6749 §4.1.3). */
import type { TokenEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import type { TokenSpec } from '../scenario/schema.js';
import { client, earlier, timeouts, type StepContext } from './context.js';
import { clientAuth } from './client-auth.js';

export async function token(spec: TokenSpec, ctx: StepContext): Promise<TokenEvidence> {
  const { index: codeFrom, result: auth } = earlier(ctx, 'authorize', spec.code);
  if (!auth.code) {
    const ev = ctx.evidence.find((e) => e.kind === 'authorization' && e.step === codeFrom);
    const where = ev?.kind === 'authorization' && ev.outcome.type === 'redirect' ? `a redirect without a code (${ev.outcome.query.error?.[0] ?? 'no error'})` : 'an error page';
    throw new HarnessError(
      `step ${ctx.index + 1} needs the code of step ${codeFrom + 1}, but that authorization ended with ${where}`,
      'a valid request got no code: check the client id, redirect URI and scope in the target profile',
    );
  }
  const clientKey = spec.client ?? auth.client;
  const c = client(ctx, clientKey);
  const { headers, form } = clientAuth(c);
  const ex = await send({
    method: 'POST',
    url: ctx.target.endpoints.token,
    headers,
    form: {
      grant_type: 'authorization_code',
      code: auth.code,
      redirect_uri: spec.redirect_uri === 'omit' ? undefined : auth.redirectUri,
      code_verifier: spec.code_verifier === 'omit' ? undefined : auth.verifier,
      ...form,
    },
    timeout: timeouts(ctx.target).http,
  });
  const body = ex.response.json as Record<string, unknown> | undefined;
  const accessToken = typeof body?.access_token === 'string' ? body.access_token : undefined;
  const refreshToken = typeof body?.refresh_token === 'string' ? body.refresh_token : undefined;
  ctx.redactor.add(accessToken, 'access_token');
  ctx.redactor.add(refreshToken, 'refresh_token');
  if (typeof body?.id_token === 'string') ctx.redactor.add(body.id_token, 'id_token');
  ctx.results[ctx.index] = { kind: 'token', accessToken, refreshToken };
  return { kind: 'token', step: ctx.index, client: clientKey, codeFrom, ...ex };
}
