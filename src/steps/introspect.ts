/**
 * introspect — asks the token introspection endpoint (RFC 7662 §2) about a token of an earlier step,
 * authenticated as the client the token was issued to. A server that advertises no endpoint is
 * recorded as such: the checks on this step then skip, naming what is missing.
 */
import type { IntrospectionEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import type { IntrospectSpec } from '../scenario/schema.js';
import { clientAuth } from './client-auth.js';
import { client, earlier, timeouts, type StepContext } from './context.js';

export async function introspect(spec: IntrospectSpec, ctx: StepContext): Promise<IntrospectionEvidence> {
  const which = spec.which ?? 'access_token';
  const has = (r: { accessToken?: string; refreshToken?: string }) => Boolean(which === 'access_token' ? r.accessToken : r.refreshToken);
  const { index: tokenFrom, result: from } = earlier(ctx, 'token', spec.token, has);
  const token = which === 'access_token' ? from.accessToken : from.refreshToken;
  if (!token) throw new HarnessError(`step ${ctx.index + 1} needs ${which === 'access_token' ? 'an access token' : 'a refresh token'}, but step ${tokenFrom + 1} issued none`);
  ctx.results[ctx.index] = { kind: 'other' };
  const endpoint = ctx.target.endpoints.metadata?.introspection_endpoint;
  if (typeof endpoint !== 'string') return { kind: 'introspection', step: ctx.index, tokenFrom, which };
  const auth = await clientAuth(client(ctx, from.client), 'as-registered', endpoint, (assertion) => ctx.redactor.add(assertion, 'client_assertion'));
  const exchange = await send({
    method: 'POST', url: endpoint, headers: auth.headers, query: auth.query, timeout: timeouts(ctx.target).http,
    form: [['token', token], ['token_type_hint', which], ...auth.form],
  });
  return { kind: 'introspection', step: ctx.index, tokenFrom, which, exchange };
}
