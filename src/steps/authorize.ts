/**
 * authorize — builds the authorization request (state, PKCE, the named redirect_uri manipulation)
 * and drives the browser through it. The code it yields is kept for later steps, never written
 * unredacted.
 */
import type { AuthorizationEvidence } from '../evidence/types.js';
import { driveAuthorization } from '../drive/authorize.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { REDIRECT_URI_VARIANTS, type RedirectUriVariantName } from '../spec/redirect-uri-variants.js';
import { client, timeouts, type StepContext } from './context.js';
import { pkcePair } from './pkce.js';
import { stateValue } from './state.js';

export async function authorize(spec: AuthorizeSpec, ctx: StepContext): Promise<AuthorizationEvidence> {
  const { profile, endpoints, features } = ctx.target;
  const clientKey = spec.client;
  const c = client(ctx, clientKey);
  const registered = c.redirect_uris[0];
  const variant = typeof spec.redirect_uri === 'object' ? (spec.redirect_uri.variant as RedirectUriVariantName) : undefined;
  const redirectUri = spec.redirect_uri === 'omit' ? undefined : variant ? REDIRECT_URI_VARIANTS[variant].apply(registered) : registered;
  const state = stateValue(spec.state ?? 'random');
  const method = spec.pkce ?? (features.has('pkce') ? 'S256' : 'none');
  const pkce = method === 'none' ? undefined : pkcePair(method);
  ctx.redactor.add(pkce?.verifier, 'code_verifier');

  const params: Record<string, string> = {
    response_type: spec.response_type,
    client_id: c.id,
    ...(redirectUri ? { redirect_uri: redirectUri } : {}),
    scope: spec.scope ?? c.scope ?? profile.scope ?? 'openid',
    ...(state !== undefined ? { state } : {}),
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: pkce.method } : {}),
    ...spec.extra,
  };
  const url = new URL(endpoints.authorization);
  for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);

  const t = timeouts(ctx.target);
  const page = await ctx.page();
  const driven = await driveAuthorization(page, {
    url: url.toString(),
    rules: profile.interaction,
    consent: spec.consent,
    values: { 'user.username': profile.user.username, 'user.password': profile.user.password },
    actionTimeout: t.action,
    flowTimeout: t.flow,
    isHarnessHost: ctx.isHarnessHost,
    registeredRedirectUri: registered,
    requestedRedirectUri: variant ? redirectUri : undefined,
    expectRefusal: ctx.expectsRefusal,
  });

  const o = driven.outcome;
  const code = o.type === 'redirect' ? (o.query.code?.[0] ?? o.fragment.code?.[0]) : undefined;
  ctx.redactor.add(code, 'code');
  ctx.results[ctx.index] = { kind: 'authorize', client: clientKey, code, redirectUri, verifier: pkce?.verifier };
  return {
    kind: 'authorization',
    step: ctx.index,
    client: clientKey,
    request: { url: url.toString(), params },
    sentState: state,
    redirectUri: redirectUri ? { value: redirectUri, registered, variant } : undefined,
    consent: spec.consent,
    interactions: driven.interactions,
    chain: driven.chain,
    outcome: o,
    pkce,
    screenshot: driven.screenshot,
  };
}
