/**
 * par — a pushed authorization request (RFC 9126 §2.1): the authorization request an authorize step
 * would send, posted with client authentication to the pushed_authorization_request_endpoint. The
 * request_uri it yields is for a later authorize step (`request_uri:`). A server that advertises no
 * endpoint is recorded as such; the checks on this step then skip, naming what is missing.
 */
import type { ParEvidence } from '../evidence/fapi.js';
import { send, type Params } from '../drive/http.js';
import { NotApplicable } from '../harness-error.js';
import type { AuthorizeSpec, ParSpec } from '../scenario/schema.js';
import { authorizationRequest } from './authorization-request.js';
import { clientAuth, type ClientAuthVariant } from './client-auth.js';
import { client, timeouts, type StepContext } from './context.js';

/** The longest a scenario waits for a request_uri to expire. */
export const MAX_EXPIRY_WAIT_S = 30;

export async function par(spec: ParSpec, ctx: StepContext): Promise<ParEvidence> {
  const clientKey = spec.client ?? 'confidential';
  const endpoint = ctx.target.endpoints.metadata?.pushed_authorization_request_endpoint;
  const r = authorizationRequest({ client: clientKey, redirect_uri: spec.redirect_uri, pkce: spec.pkce, scope: spec.scope, extra: spec.extra, omit: spec.omit } as Partial<AuthorizeSpec>, ctx);
  ctx.results[ctx.index] = { kind: 'par', client: clientKey, redirectUri: r.redirectUri, pkce: r.pkce, state: r.state, scope: r.scope };
  const variants = [
    ...(spec.auth && spec.auth !== 'as-registered' ? [`auth:${spec.auth}`] : []),
    ...(r.variant ? [`redirect_uri:${r.variant}`] : []),
    ...Object.keys(spec.extra ?? {}).map((k) => `extra:${k}`),
    ...(spec.omit ?? []).map((k) => `omit:${k}`),
  ];
  if (typeof endpoint !== 'string') return { kind: 'par', step: ctx.index, client: clientKey, variants };
  const auth = await clientAuth(client(ctx, clientKey), spec.auth as ClientAuthVariant | undefined, ctx.target.endpoints.issuer, (a) => ctx.redactor.add(a, 'client_assertion'));
  // client_id is in the pushed parameters already; the auth may add it again (public clients, `none`).
  const form: Params = [...Object.entries(r.params), ...auth.form.filter(([k]) => k !== 'client_id' || !Object.hasOwn(r.params, 'client_id'))];
  const exchange = await send({ method: 'POST', url: endpoint, headers: auth.headers, query: auth.query, form, timeout: timeouts(ctx.target).http });
  const body = exchange.response.json as Record<string, unknown> | undefined;
  const requestUri = exchange.response.status < 300 && typeof body?.request_uri === 'string' ? body.request_uri : undefined;
  ctx.redactor.add(requestUri, 'request_uri');
  ctx.results[ctx.index] = { ...ctx.results[ctx.index] as object, requestUri } as never;
  const waited = requestUri && spec.wait === 'expiry' ? await waitForExpiry(body?.expires_in) : undefined;
  return { kind: 'par', step: ctx.index, client: clientKey, variants, endpoint, exchange, pushed: r.params, ...(waited !== undefined ? { waited } : {}) };
}

async function waitForExpiry(expiresIn: unknown): Promise<number> {
  if (typeof expiresIn !== 'number' || !(expiresIn > 0)) throw new NotApplicable(`the push answered no positive expires_in (${JSON.stringify(expiresIn)}): no lifetime to wait out`);
  if (expiresIn > MAX_EXPIRY_WAIT_S) throw new NotApplicable(`the request_uri lives ${expiresIn} s (expires_in), longer than the ${MAX_EXPIRY_WAIT_S} s the harness waits`);
  await new Promise((r) => setTimeout(r, (expiresIn + 1.5) * 1000));
  return expiresIn;
}
