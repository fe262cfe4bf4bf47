/**
 * authorize — drives the browser through an authorization request (see authorization-request.ts for
 * how it is built). The code it yields is kept for later steps, never written unredacted.
 */
import type { AuthorizationEvidence } from '../evidence/types.js';
import { driveAuthorization } from '../drive/authorize.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { loopbackRedirectHosts } from '../target/resolve.js';
import { templateValues } from '../target/templates.js';
import { authorizationRequest } from './authorization-request.js';
import { timeouts, type StepContext } from './context.js';

export async function authorize(spec: AuthorizeSpec, ctx: StepContext): Promise<AuthorizationEvidence> {
  const { profile } = ctx.target;
  const r = authorizationRequest(spec, ctx);
  const t = timeouts(ctx.target);
  const page = await ctx.page();
  const driven = await driveAuthorization(page, {
    url: r.url,
    rules: profile.interaction,
    consent: spec.consent,
    values: templateValues(profile),
    actionTimeout: t.action,
    flowTimeout: t.flow,
    isHarnessHost: ctx.isHarnessHost,
    loopbackHosts: loopbackRedirectHosts(profile),
    registeredRedirectUri: r.registered,
    requestedRedirectUri: r.variant ? r.redirectUri : undefined,
    expectRefusal: ctx.expectsRefusal,
  });

  const o = driven.outcome;
  const code = o.type === 'redirect' ? (o.query.code?.[0] ?? o.fragment.code?.[0]) : undefined;
  ctx.redactor.add(code, 'code');
  ctx.results[ctx.index] = { kind: 'authorize', client: r.clientKey, code, redirectUri: r.redirectUri, verifier: r.pkce?.verifier, challenge: r.pkce?.challenge, scope: r.scope };
  return {
    kind: 'authorization',
    step: ctx.index,
    client: r.clientKey,
    request: { url: r.url, params: r.params },
    sentState: r.state,
    redirectUri: r.redirectUri ? { value: r.redirectUri, registered: r.registered, variant: r.variant } : undefined,
    consent: spec.consent,
    interactions: driven.interactions,
    chain: driven.chain,
    subresources: driven.subresources,
    outcome: o,
    pkce: r.pkce,
  };
}
