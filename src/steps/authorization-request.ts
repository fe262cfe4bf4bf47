/**
 * Builds an authorization request from an authorize step's options: state, PKCE, the named
 * redirect_uri manipulation, the profile's own parameters (`authorization_params`, e.g. a nonce or an
 * audience some servers require), extra, omitted and repeated parameters.
 */
import { NotApplicable } from '../harness-error.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { REDIRECT_URI_VARIANTS, type RedirectUriVariantName } from '../spec/redirect-uri-variants.js';
import type { ClientProfile, TargetProfile } from '../target/schema.js';
import { expandTemplate, templateValues } from '../target/templates.js';
import { client, type StepContext } from './context.js';
import { pkcePair } from './pkce.js';
import { resourceIndicator } from './resource-indicator.js';
import { stateValue } from './state.js';

export interface AuthorizationRequest {
  url: string;
  params: Record<string, string>;
  clientKey: string;
  registered: string;
  redirectUri?: string;
  variant?: string;
  state?: string;
  pkce?: ReturnType<typeof pkcePair>;
  scope: string;
}

export function authorizationRequest(spec: Partial<AuthorizeSpec>, ctx: StepContext): AuthorizationRequest {
  const { profile, endpoints, features } = ctx.target;
  const clientKey = spec.client ?? 'confidential';
  const c = client(ctx, clientKey);
  const registered = c.redirect_uris[0];
  const r = spec.redirect_uri;
  const other = typeof r === 'object' && 'of' in r ? otherClientUri(ctx, c, clientKey, r.of) : undefined;
  const named = typeof r === 'object' && 'variant' in r ? (r.variant as RedirectUriVariantName) : undefined;
  const variant = other ? `of:${(r as { of: string }).of}` : named;
  const redirectUri = r === 'omit' ? undefined : other ?? (named ? REDIRECT_URI_VARIANTS[named].apply(registered) : registered);
  const state = stateValue(spec.state ?? 'random');
  const method = spec.pkce ?? (features.has('pkce') ? 'S256' : 'none');
  const pkce = method === 'none' ? undefined : pkcePair(method);
  ctx.redactor.add(pkce?.verifier, 'code_verifier');
  const offline = spec.offline ? profile.refresh : undefined;
  const scope = spec.scope ?? offline?.scope ?? c.scope ?? profile.scope ?? 'openid';

  const params: Record<string, string> = {
    response_type: spec.response_type ?? 'code',
    client_id: c.id,
    ...(redirectUri ? { redirect_uri: redirectUri } : {}),
    scope,
    ...(state !== undefined ? { state } : {}),
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: pkce.method } : {}),
    ...profileParams(profile, c, offline?.authorization_params),
    ...Object.fromEntries(resourceIndicator(spec.resource, ctx)),
    ...expanded(spec.extra),
  };
  for (const name of spec.omit ?? []) delete params[name];
  const url = new URL(endpoints.authorization);
  for (const [k, v] of Object.entries(params)) {
    url.searchParams.append(k, v);
    if (spec.duplicate?.includes(k)) url.searchParams.append(k, v);
  }
  return { url: url.toString(), params, clientKey, registered, redirectUri, variant, state: params.state, pkce, scope };
}

/**
 * A redirect URI registered for client `of` and not for this client: sending one registered for both
 * would test nothing (the profile says the server accepts it for this client too).
 */
function otherClientUri(ctx: StepContext, c: ClientProfile, key: string, of: string): string {
  const own = new Set(c.redirect_uris);
  const uri = client(ctx, of).redirect_uris.find((u) => !own.has(u));
  if (uri === undefined) throw new NotApplicable(`every redirect URI of clients.${of} is also registered for clients.${key} (the profile lists them for both): none is another client's alone`);
  return uri;
}

/** A scenario's `extra` parameters, `{{random}}` expanded (fresh per request). */
function expanded(extra: Record<string, string> | undefined): Record<string, string> {
  if (!extra) return {};
  // Only `{{random}}`: a scenario is no place for the profile's secrets.
  return Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v.includes('{{random}}') ? expandTemplate(v, {}) : v]));
}

/** The profile's, the client's and (for a flow that is to yield a refresh token) the refresh block's `authorization_params`, expanded (`{{random}}` fresh per request). */
function profileParams(profile: TargetProfile, c: ClientProfile, offline?: Record<string, string>): Record<string, string> {
  const merged = { ...profile.authorization_params, ...c.authorization_params, ...offline };
  if (!Object.keys(merged).length) return {};
  const values = templateValues(profile);
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, expandTemplate(v, values)]));
}
