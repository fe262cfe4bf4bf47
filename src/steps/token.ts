/**
 * token — redeems an authorization code at the token endpoint (RFC 6749 §4.1.3), as a client would
 * or with one named manipulation: another client, a bad client authentication, another redirect_uri,
 * a missing, wrong, downgraded or foreign PKCE verifier, repeated parameters, GET, or a race.
 */
import { randomBytes } from 'node:crypto';
import { responseError } from '../checks/outcome.js';
import type { Evidence, TokenEvidence, TokenRaceEvidence } from '../evidence/types.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { TokenSpec } from '../scenario/schema.js';
import { REDIRECT_URI_VARIANTS, type RedirectUriVariantName } from '../spec/redirect-uri-variants.js';
import { resourceIndicator } from './resource-indicator.js';
import { client, earlier, tokensOf, type AuthorizeResult, type StepContext } from './context.js';
import { missingFrom } from './precondition.js';
import { race, times } from './race.js';
import { tokenRequest } from './token-request.js';
import type { AssertionContext, AssertionVariant } from './client-assertion.js';
import { dpopAtToken } from './dpop-request.js';

export async function token(spec: TokenSpec, ctx: StepContext): Promise<TokenEvidence | TokenRaceEvidence> {
  const { index: codeFrom, result: auth } = earlier(ctx, 'authorize', spec.code);
  if (!auth.code) throw spec.skip_if_refused ? refused(ctx, codeFrom) : noCode(ctx, codeFrom);
  if (spec.concurrent) return codeRace(spec, spec.concurrent, codeFrom, ctx);
  const clientKey = spec.client ?? auth.client;
  const dpop = dpopAtToken(ctx, spec.dpop);
  const { req, variants } = redemption(spec, { ...auth, code: auth.code }, ctx, dpop?.headers);
  const { ex, dpop: proof } = dpop ? await dpop.send(req.send) : { ex: await req.send(), dpop: undefined };
  const tokens = tokensOf(ctx, ex.response.json);
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? auth.scope, plain: !variants.length && auth.plain && (proof === undefined || proof.variant === 'valid'), assertion: req.lastAssertion() };
  return { kind: 'token', step: ctx.index, grant: 'authorization_code', client: clientKey, variants, codeFrom, originalScope: auth.scope, ...ex, ...(proof ? { dpop: proof } : {}) };
}

/**
 * Rounds of N concurrent redemptions, each round of a fresh code: the authorize step runs again (in the
 * worker's logged-in browser session, so it is quick).
 */
async function codeRace(spec: TokenSpec, concurrent: number, codeFrom: number, ctx: StepContext): Promise<TokenRaceEvidence> {
  const { rounds, plannedRounds, stopped } = await race(ctx, {
    rounds: spec.rounds,
    async prepare(round) {
      const again = round > 0 ? await ctx.rerun!(codeFrom) : undefined;
      const auth = ctx.results[codeFrom];
      if (auth?.kind !== 'authorize' || !auth.code) throw noCode(ctx, codeFrom, again);
      return { requests: await times(concurrent, redemption(spec, { ...auth, code: auth.code }, ctx).req.build) };
    },
  });
  return { kind: 'token-race', step: ctx.index, grant: 'authorization_code', codeFrom, concurrent, rounds, plannedRounds, ...(stopped ? { stopped } : {}) };
}

/** The redemption request of a code, with the step's manipulations. */
function redemption(spec: TokenSpec, auth: AuthorizeResult & { code: string }, ctx: StepContext, headers?: () => Promise<Record<string, string>>): { req: ReturnType<typeof tokenRequest>; variants: string[] } {
  const clientKey = spec.client ?? auth.client;
  const variants: string[] = [];
  const redirectUri = redirectUriOf(spec, auth, variants);
  const verifier = verifierOf(spec, auth, ctx, variants);
  if (spec.client && spec.client !== auth.client) variants.push(`client:${spec.client}`);
  if (spec.resource) variants.push(`resource:${spec.resource}`);
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    duplicate: spec.duplicate,
    method: spec.method,
    body: spec.body,
    ...(spec.client_assertion ? { assertion: { variant: spec.client_assertion.variant as AssertionVariant, context: assertionContext(ctx, clientKey) } } : {}),
    headers,
    params: edited([
      ['grant_type', 'authorization_code'],
      ['code', auth.code],
      ...(redirectUri !== undefined ? [['redirect_uri', redirectUri] as [string, string]] : []),
      ...(verifier !== undefined ? [['code_verifier', verifier] as [string, string]] : []),
      ...resourceIndicator(spec.resource, ctx),
    ], spec),
  });
  variants.push(...req.variants, ...Object.keys(spec.extra ?? {}).map((k) => `extra:${k}`), ...(spec.omit ?? []).map((k) => `omit:${k}`));
  return { req, variants };
}

/** Whose keys and ids a forged assertion may borrow; the assertion a `replayed` one repeats (the latest earlier token step of the client). */
function assertionContext(ctx: StepContext, clientKey: string): AssertionContext {
  let previous: string | undefined;
  for (let i = ctx.index - 1; i >= 0 && previous === undefined; i--) {
    const r = ctx.results[i];
    if (r?.kind === 'token' && r.client === clientKey) previous = r.assertion;
  }
  return { others: Object.values(ctx.target.profile.clients), previous };
}

/** `extra` replaces a parameter of the same name or is added; `omit` leaves parameters out. */
function edited(params: [string, string][], spec: TokenSpec): [string, string][] {
  const extra = spec.extra ?? {};
  const out = params.filter(([k]) => !Object.hasOwn(extra, k) && !spec.omit?.includes(k));
  return [...out, ...Object.entries(extra).filter(([k]) => !spec.omit?.includes(k))];
}

function redirectUriOf(spec: TokenSpec, auth: AuthorizeResult, variants: string[]): string | undefined {
  const r = spec.redirect_uri;
  if (r === 'omit') { variants.push('redirect_uri:omit'); return undefined; }
  if (typeof r === 'object') {
    variants.push(`redirect_uri:${r.variant}`);
    return REDIRECT_URI_VARIANTS[r.variant as RedirectUriVariantName].apply(auth.redirectUri ?? '');
  }
  return auth.redirectUri;
}

function verifierOf(spec: TokenSpec, auth: AuthorizeResult, ctx: StepContext, variants: string[]): string | undefined {
  const v = spec.code_verifier;
  if (v === undefined || v === 'as-authorized') return auth.verifier;
  variants.push(`code_verifier:${typeof v === 'object' ? 'other-flow' : v}`);
  if (v === 'omit') return undefined;
  if (v === 'wrong') return randomBytes(32).toString('base64url');
  if (v === 'short') return 'abc';
  if (v === 'challenge') {
    if (!auth.challenge) throw new HarnessError(`step ${ctx.index + 1}: code_verifier: challenge needs an authorize step that sent a PKCE challenge`);
    return auth.challenge;
  }
  const other = earlier(ctx, 'authorize', v.from).result;
  if (!other.verifier) throw new HarnessError(`step ${ctx.index + 1}: step "${v.from}" sent no PKCE verifier`);
  return other.verifier;
}

/** How the authorization of step `codeFrom` (or its rerun) ended without a code, for people. */
function endedWithout(ctx: StepContext, codeFrom: number, rerun?: Evidence): string {
  const ev = rerun ?? ctx.evidence.find((e) => e.kind === 'authorization' && e.step === codeFrom);
  if (ev?.kind !== 'authorization') return 'no answer';
  const o = ev.outcome;
  if (o.type === 'redirect') {
    const error = o.query.error?.[0] ?? o.fragment.error?.[0];
    const description = o.query.error_description?.[0] ?? o.fragment.error_description?.[0];
    return `a redirect without a code (${error ?? 'no error'}${description ? `: ${description}` : ''})`;
  }
  return `an error page (HTTP ${o.status ?? '?'}${[o.title, o.text].filter(Boolean).length ? `: ${[o.title, o.text].filter(Boolean).join(': ').slice(0, 200)}` : ''})`;
}

/** A request the server may rightly refuse was refused: nothing to redeem, so nothing to judge. */
function refused(ctx: StepContext, codeFrom: number): NotApplicable {
  return new NotApplicable(`the server issued no code to the authorization of step ${codeFrom + 1}, which it may rightly refuse; it answered with ${endedWithout(ctx, codeFrom)}`);
}

function noCode(ctx: StepContext, codeFrom: number, rerun?: Evidence): HarnessError | NotApplicable {
  const ev = rerun ?? ctx.evidence.find((e) => e.kind === 'authorization' && e.step === codeFrom);
  const where = endedWithout(ctx, codeFrom, rerun);
  // A server that supports PKCE may require it of every client: a request sent without a challenge on
  // purpose (the profile declares `pkce`) then gets no code, and none is to be had. Without `pkce` the
  // request was the profile's own plain one, and its refusal is judged below like any other.
  if (ev?.kind === 'authorization' && ctx.target.features.has('pkce') && ev.request.params.code_challenge === undefined && (ev.outcome.type === 'error-page' || responseError(ev) !== undefined)) {
    return new NotApplicable(`the server issues no code without a PKCE challenge: step ${codeFrom + 1}, sent without code_challenge, got ${where}`);
  }
  const plain = rerun ? undefined : (ctx.results[codeFrom] as AuthorizeResult | undefined)?.plain;
  return missingFrom(ctx, codeFrom, 'an authorization code', { plain, hint: 'a valid request got no code: check the client id, redirect URI and scope in the target profile' });
}
