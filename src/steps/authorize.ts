/**
 * authorize — drives the browser through an authorization request (see authorization-request.ts for
 * how it is built). The code it yields is kept for later steps, never written unredacted.
 */
import type { AuthorizationEvidence } from '../evidence/types.js';
import { deliveredGrants, responseError } from '../checks/outcome.js';
import { driveAuthorization } from '../drive/authorize.js';
import { shot } from '../drive/interaction.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import type { InteractionRule } from '../target/schema.js';
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
    registeredRedirectUri: r.registered,
    requestedRedirectUri: r.variant ? r.redirectUri : undefined,
    expectRefusal: ctx.expectsRefusal,
  });

  const o = driven.outcome;
  const code = o.type === 'redirect' ? (o.query.code?.[0] ?? o.fragment.code?.[0]) : undefined;
  ctx.redactor.add(code, 'code');
  ctx.results[ctx.index] = { kind: 'authorize', client: r.clientKey, code, redirectUri: r.redirectUri, verifier: r.pkce?.verifier, challenge: r.pkce?.challenge, scope: r.scope, plain: isPlain(spec, ctx) };
  const ev: AuthorizationEvidence = {
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
  if (spec.consent !== 'deny') return ev;
  // A denial is judged only if the user really denied: deny steps ran on a page a rule knew (a consent page).
  ev.denied = driven.interactions.some((name) => profile.interaction.find((rule) => rule.name === name)?.deny);
  if (ev.denied) return ev;
  if (o.type === 'error-page' && (o.status ?? 0) < 400) {
    // The scenario expects a refusal, so the driver took this page for an error page: most likely the consent page no rule knew.
    throw new HarnessError(
      `the user was to deny consent, but the flow stopped on ${o.url} (${driven.interactions.length ? `after ${driven.interactions.join(' → ')}` : 'before any interaction'}), a page no interaction rule matched`,
      'if it is the consent page, add or fix the consent rule (with `deny:` steps) in the target profile\'s `interaction` (screenshot attached)',
      await shot(page),
    );
  }
  throw new NotApplicable(noDenial(profile.interaction, driven.interactions, ev), ev);
}

/** Where the flow ended, without the URL (it may carry a code). */
function endedWith(e: AuthorizationEvidence): string {
  const o = e.outcome;
  if (o.type === 'error-page') return `an error page${o.status ? ` (HTTP ${o.status})` : ''}`;
  const what = deliveredGrants(e).join(' and ') || (responseError(e) ? `error=${JSON.stringify(responseError(e))}` : 'nothing');
  return `a redirect to the ${o.target === 'registered' ? 'registered' : 'other'} redirect URI with ${what}`;
}

/** Why the user could not deny consent: no consent page came, or the profile cannot deny on one. */
function noDenial(rules: readonly InteractionRule[], ran: readonly string[], e: AuthorizationEvidence): string {
  const ended = `the flow ended with ${endedWith(e)}`;
  if (!rules.some((rule) => rule.deny)) {
    return `nothing was denied: no interaction rule of the profile has \`deny\` steps (${ran.length ? `${ran.join(' → ')} ran, approving any consent page` : 'no rule ran'}; `
      + `${ended}); if the server has a consent page, add \`deny:\` to its rule`;
  }
  const approved = deliveredGrants(e).length > 0;
  const why = !approved ? `${ran.length ? `after ${ran.join(' → ')}, ` : ''}${ended} before any consent page`
    : ran.length ? `only ${ran.join(' → ')} ran: the server approved on login, or remembered an earlier consent; ${ended}`
      : `no page of the server asked for anything: it approved at once; ${ended}`;
  return `no consent page was shown to deny (${why})`;
}

/** The profile's own valid request: nothing in the step manipulates it (precondition.ts). */
function isPlain(spec: AuthorizeSpec, ctx: StepContext): boolean {
  const defaultPkce = ctx.target.features.has('pkce') ? 'S256' : 'none';
  return (spec.response_type ?? 'code') === 'code' && spec.scope === undefined && (spec.pkce ?? defaultPkce) === defaultPkce
    && (spec.redirect_uri ?? 'registered') === 'registered' && spec.state !== 'omit' && spec.consent !== 'deny'
    && !Object.keys(spec.extra ?? {}).length && !spec.omit?.length && !spec.duplicate?.length;
}
