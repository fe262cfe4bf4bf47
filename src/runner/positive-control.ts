/**
 * Positive controls. A refusal ("the server did not redirect to the manipulated redirect_uri") proves
 * something only about a server that does redirect a valid request: an authorization endpoint answering
 * every request with a maintenance page refuses every attack too. So a refusal verdict counts only when a
 * valid authorization request by the same client, in the same run, reached the client's registered
 * redirect URI with a code: an earlier step of the same scenario, else the worker's own control request,
 * run once per client and cached (several workers and `--grep` subsets each get theirs). Without one,
 * the refusal is `error`: the harness could not exercise the rule (DESIGN §5). The same for the token
 * endpoint: a refused token request counts only when a valid one by the same client got tokens (the
 * control redeems its code).
 */
import type { Page } from 'playwright';
import { CHECKS_BY_ID } from '../checks/index.js';
import { describeOutcome } from '../checks/outcome.js';
import type { CheckOutcome } from '../checks/types.js';
import type { Redactor } from '../evidence/redact.js';
import type { AuthorizationEvidence, Evidence, TokenEvidence } from '../evidence/types.js';
import { issuedAccessToken } from '../checks/token-response.js';
import type { PositiveControl } from '../results/results.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { authorize } from '../steps/authorize.js';
import { guardedPages } from '../drive/page-guard.js';
import type { StepContext } from '../steps/context.js';
import type { ResolvedTarget } from '../target/resolve.js';
import { token } from '../steps/token.js';
import type { TokenSpec } from '../scenario/schema.js';

export const NO_POSITIVE_CONTROL = 'the target issued no code to a valid request in this run';
export const NO_TOKEN_CONTROL = 'the target issued no tokens to a valid token request in this run';

/** The authorization reached the registered redirect URI with a code. */
function gotCode(e: AuthorizationEvidence): boolean {
  const o = e.outcome;
  return o.type === 'redirect' && o.target === 'registered' && Boolean(o.query.code?.[0] ?? o.fragment.code?.[0]);
}

export interface ControlOptions {
  target: ResolvedTarget;
  page(): Promise<Page>;
  isHarnessHost(host: string): boolean;
  redactor: Redactor;
}

const firstLine = (err: unknown) => ((err as Error).message ?? String(err)).split('\n')[0];

/**
 * One valid authorization request by `client` (the profile's defaults, consent approved), its code
 * redeemed. The `implicit` role may be registered for the implicit grant alone: when the code flow gets
 * it nothing, the request it is registered for (response_type=token) is its valid request.
 */
export async function runPositiveControl(client: string, options: ControlOptions): Promise<PositiveControl> {
  // Its page is guarded as a scenario's is: it may be the worker's shared page before any scenario used it.
  const o = { ...options, page: guardedPages(options.page, options.target, options.isHarnessHost) };
  const code = await codeControl(client, o);
  if (code.ok || client !== 'implicit') return code;
  const implicit = await implicitControl(client, o);
  return implicit.ok ? implicit : code;
}

async function implicitControl(client: string, o: ControlOptions): Promise<PositiveControl> {
  const ctx: StepContext = { ...o, evidence: [], results: [], ids: new Map<string, number>(), index: 0, expectsRefusal: false };
  try {
    const e = await authorize({ client, consent: 'approve', response_type: 'token', pkce: 'none' } as AuthorizeSpec, ctx);
    const ok = e.outcome.type === 'redirect' && e.outcome.target === 'registered' && Boolean(e.outcome.fragment.access_token?.[0] ?? e.outcome.query.access_token?.[0]);
    return { client, ok, tokens: ok, source: 'run', outcome: o.redactor.redactString(`a valid implicit request (response_type=token) by client "${client}" ${ok ? 'got an access token' : 'got none'}: ${describeOutcome(e)}`) };
  } catch (err) {
    return { client, ok: false, source: 'run', outcome: o.redactor.redactString(`a valid implicit request by client "${client}" did not complete: ${firstLine(err)}`) };
  }
}

async function codeControl(client: string, o: ControlOptions): Promise<PositiveControl> {
  const ctx: StepContext = { ...o, evidence: [], results: [], ids: new Map<string, number>(), index: 0, expectsRefusal: false };
  let e: AuthorizationEvidence;
  try {
    e = await authorize({ client, consent: 'approve' } as AuthorizeSpec, ctx);
  } catch (err) {
    return { client, ok: false, source: 'run', outcome: o.redactor.redactString(`a valid request by client "${client}" did not complete: ${firstLine(err)}`) };
  }
  const ok = gotCode(e);
  const got = `a valid request by client "${client}" ${ok ? 'got a code' : 'got no code'}: ${describeOutcome(e)}`;
  if (!ok) return { client, ok, source: 'run', outcome: o.redactor.redactString(got) };
  let redeemed: string;
  let tokens = false;
  try {
    const t = await token({} as TokenSpec, { ...ctx, index: 1 }) as TokenEvidence;
    tokens = issuedAccessToken(t) !== undefined;
    redeemed = tokens ? 'redeemed for tokens' : `not redeemed: HTTP ${t.response.status} ${t.response.body.slice(0, 120)}`;
  } catch (err) {
    redeemed = `not redeemed: ${firstLine(err)}`;
  }
  return { client, ok, tokens, source: 'run', outcome: o.redactor.redactString(`${got}; the code ${redeemed}`) };
}

/** A worker's positive controls, one per client, each run at most once. */
export class PositiveControls {
  private readonly done = new Map<string, Promise<PositiveControl>>();

  constructor(private readonly run: (client: string) => Promise<PositiveControl>) {}

  for(client: string): Promise<PositiveControl> {
    let p = this.done.get(client);
    if (!p) this.done.set(client, (p = this.run(client)));
    return p;
  }
}

/**
 * What a refusal judged on one step needs: a code at the authorization endpoint, tokens at the token
 * endpoint; at the revocation and introspection endpoints, a valid request of the same client in the
 * same scenario that the server honoured (200; `active: true`): no run-wide control exists for those.
 */
type Need = { client: string; endpoint: 'authorization' | 'token' | 'revocation' | 'introspection' };

/** The refusal a passed check rests on, if it does: an `expectsRefusal` check, or a pass the check calls a refusal. */
function refusalOf(c: CheckOutcome, evidence: Evidence[]): Need | undefined {
  if (c.verdict !== 'pass') return undefined;
  const e = evidence.find((x) => x.step === c.step);
  if (e?.kind === 'authorization' && CHECKS_BY_ID.get(c.check)?.expectsRefusal) return { client: e.client, endpoint: 'authorization' };
  if (e?.kind === 'token' && c.refusal) return { client: e.client, endpoint: 'token' };
  if (e?.kind === 'revocation' && c.refusal) return { client: e.client, endpoint: 'revocation' };
  if (e?.kind === 'introspection' && c.refusal && e.client) return { client: e.client, endpoint: 'introspection' };
  return undefined;
}

/** A step of the scenario itself that was a valid request of the kind needed and worked. */
function ownControl(need: Need, step: number, evidence: Evidence[]): PositiveControl | undefined {
  const own = evidence.find((e) => e.step !== step && worked(need, e));
  if (!own) return undefined;
  const what = { authorization: 'got a code', token: 'got tokens', revocation: 'was answered 200', introspection: 'was answered "active": true' }[need.endpoint];
  return { client: need.client, ok: true, ...(need.endpoint === 'token' ? { tokens: true } : {}), source: 'scenario', outcome: `step ${own.step + 1} of this scenario, a request by client "${need.client}", ${what}` };
}

/** `e` is a valid request by the client of `need`, at its endpoint, that the server honoured. */
function worked(need: Need, e: Evidence): boolean {
  switch (need.endpoint) {
    case 'authorization': return e.kind === 'authorization' && e.client === need.client && gotCode(e);
    case 'token': return e.kind === 'token' && e.client === need.client && issuedAccessToken(e) !== undefined;
    case 'revocation': return e.kind === 'revocation' && e.client === need.client && !e.variants.length && e.which !== 'bogus' && e.response.status === 200;
    case 'introspection': return e.kind === 'introspection' && e.client === need.client && !e.variants?.length && e.exchange?.response.status === 200
      && (e.exchange.response.json as { active?: unknown } | undefined)?.active === true;
  }
}

const NO_CONTROL: Record<Need['endpoint'], string> = {
  authorization: NO_POSITIVE_CONTROL,
  token: NO_TOKEN_CONTROL,
  revocation: 'no valid revocation request by the same client was answered 200 in this scenario',
  introspection: 'no valid introspection request by the same client was answered "active": true in this scenario',
};

/**
 * Turns each passed refusal of `checks` into `error` unless a positive control for its client worked;
 * returns the control they rested on (a failed one first), if any refusal passed.
 */
export async function controlRefusals(
  checks: CheckOutcome[], evidence: Evidence[], control?: (client: string) => Promise<PositiveControl>,
): Promise<PositiveControl | undefined> {
  let used: PositiveControl | undefined;
  for (const c of checks) {
    const need = refusalOf(c, evidence);
    if (!need) continue;
    const runWide = need.endpoint === 'authorization' || need.endpoint === 'token';
    const ctl: PositiveControl = ownControl(need, c.step, evidence)
      ?? (control && runWide ? await control(need.client) : { client: need.client, ok: false, source: runWide ? 'run' : 'scenario', outcome: runWide ? 'no positive control was run' : `the scenario has no such request of client "${need.client}"` });
    const ok = ctl.ok && (need.endpoint !== 'token' || ctl.tokens === true);
    used ??= ctl;
    if (!ok) {
      used = ctl;
      Object.assign(c, { verdict: 'error', message: `${NO_CONTROL[need.endpoint]} (${ctl.outcome}): the refusal proves nothing without it` });
    }
  }
  return used;
}
