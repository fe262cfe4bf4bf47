/**
 * authorize — drives the browser through an authorization request (see authorization-request.ts for
 * how it is built). The code it yields is kept for later steps, never written unredacted.
 */
import type { AuthorizationEvidence } from '../evidence/types.js';
import { driveAuthorization } from '../drive/authorize.js';
import { blockedCount, withinFlow } from '../drive/page-guard.js';
import { blockedNavigationError, explainBlocked } from '../drive/blocked-navigation.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { loopbackRedirectHosts } from '../target/resolve.js';
import { templateValues } from '../target/templates.js';
import { authorizationRequest } from './authorization-request.js';
import { client, timeouts, type StepContext } from './context.js';
import { withRequestObject, type RequestObjectVariant } from './request-object.js';
import { requireDenial } from './denial.js';
import { plainAuthorization } from './precondition.js';
import { pushedAuthorizationRequest } from './pushed-authorization.js';

export async function authorize(spec: AuthorizeSpec, ctx: StepContext): Promise<AuthorizationEvidence> {
  const { profile } = ctx.target;
  const pushed = spec.request_uri !== undefined ? pushedAuthorizationRequest(spec, ctx) : undefined;
  const r = pushed ?? authorizationRequest(spec, ctx);
  const ro = spec.request_object
    ? await withRequestObject(r, client(ctx, r.clientKey), spec.request_object.variant as RequestObjectVariant, ctx.target.endpoints.issuer, ctx.target.endpoints.authorization)
    : undefined;
  if (ro) Object.assign(r, { url: ro.url });
  const t = timeouts(ctx.target);
  const page = await ctx.page();
  const blockedBefore = blockedCount(page);
  const driven = await withinFlow(page, t.flow, () => driveAuthorization(page, {
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
  })).catch((err: unknown) => { throw blockedNavigationError(page, blockedBefore) ?? err; });
  // A navigation the guard blocked (an origin the profile does not name): said so, or an error.
  explainBlocked(page, blockedBefore, driven, Boolean(r.variant));

  const o = driven.outcome;
  const code = o.type === 'redirect' ? (o.query.code?.[0] ?? o.fragment.code?.[0]) : undefined;
  ctx.redactor.add(code, 'code');
  // Tokens a server put in the front channel (implicit grant, or a flaw) are secrets like the code.
  if (o.type === 'redirect') for (const name of ['access_token', 'id_token', 'refresh_token']) ctx.redactor.add(o.query[name]?.[0] ?? o.fragment[name]?.[0], name);
  ctx.results[ctx.index] = { kind: 'authorize', client: r.clientKey, code, redirectUri: r.redirectUri, verifier: r.pkce?.verifier, challenge: r.pkce?.challenge, scope: r.scope, plain: !pushed && plainAuthorization(spec, ctx.target.features) };
  const ev: AuthorizationEvidence = {
    kind: 'authorization',
    step: ctx.index,
    client: r.clientKey,
    request: { url: r.url, params: ro?.params ?? r.params },
    ...(pushed ? { pushed: { from: pushed.pushedFrom, client: pushed.pushedBy } } : {}),
    sentState: r.state,
    redirectUri: r.redirectUri ? { value: r.redirectUri, registered: r.registered, variant: r.variant } : undefined,
    consent: spec.consent,
    interactions: driven.interactions,
    chain: driven.chain,
    subresources: driven.subresources,
    outcome: o,
    pkce: r.pkce,
    ...(ro ? { requestObject: ro.requestObject } : {}),
  };
  if (spec.consent === 'deny') await requireDenial(ev, profile.interaction, page);
  return ev;
}
