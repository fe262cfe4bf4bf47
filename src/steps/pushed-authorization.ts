/**
 * The authorization request that follows a push (RFC 9126 §4): client_id and request_uri only, plus the
 * step's `extra` (front-channel parameters the server must not trust). client_id is the step's client,
 * which may be another than the one that pushed (the binding rule of §2.2).
 */
import { HarnessError } from '../harness-error.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import type { AuthorizationRequest } from './authorization-request.js';
import { client, earlier, type StepContext } from './context.js';
import { missingFrom } from './precondition.js';

export function pushedAuthorizationRequest(spec: AuthorizeSpec, ctx: StepContext): AuthorizationRequest & { pushedFrom: number; pushedBy: string } {
  const ref = spec.request_uri === 'latest' ? undefined : spec.request_uri;
  const { index, result: pushed } = earlier(ctx, 'par', ref, (r) => Boolean(r.requestUri));
  if (!pushed.requestUri) {
    const ev = ctx.evidence.find((e) => e.step === index);
    if (ev?.kind === 'par' && !ev.endpoint) throw new HarnessError(`step ${ctx.index + 1} needs a request_uri, but the server advertises no pushed_authorization_request_endpoint`);
    throw missingFrom(ctx, index, 'a request_uri');
  }
  const clientKey = spec.client ?? 'confidential';
  const c = client(ctx, clientKey);
  const params: Record<string, string> = { client_id: c.id, request_uri: pushed.requestUri, ...spec.extra };
  for (const name of spec.omit ?? []) delete params[name];
  const url = new URL(ctx.target.endpoints.authorization);
  for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
  const registered = client(ctx, pushed.client).redirect_uris[0];
  const redirectUri = pushed.redirectUri;
  return {
    url: url.toString(), params, clientKey, registered, redirectUri,
    // A redirect_uri pushed other than the registered one is the manipulated URI the redirect may go to.
    variant: redirectUri !== undefined && redirectUri !== registered ? 'pushed' : undefined,
    state: pushed.state,
    pkce: pushed.pkce,
    scope: pushed.scope,
    pushedFrom: index,
    pushedBy: pushed.client,
  };
}
