/**
 * Positive controls. A refusal ("the server did not redirect to the manipulated redirect_uri") proves
 * something only about a server that does redirect a valid request: an authorization endpoint answering
 * every request with a maintenance page refuses every attack too. So a refusal verdict counts only when a
 * valid authorization request by the same client, in the same run, reached the client's registered
 * redirect URI with a code: an earlier step of the same scenario, else the worker's own control request,
 * run once per client and cached (several workers and `--grep` subsets each get theirs). Without one,
 * the refusal is `error`: the harness could not exercise the rule (DESIGN §5).
 */
import type { Page } from 'playwright';
import { CHECKS_BY_ID } from '../checks/index.js';
import { describeOutcome } from '../checks/outcome.js';
import type { CheckOutcome } from '../checks/types.js';
import type { Redactor } from '../evidence/redact.js';
import type { AuthorizationEvidence, Evidence } from '../evidence/types.js';
import type { PositiveControl } from '../report/results.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import { authorize } from '../steps/authorize.js';
import type { ResolvedTarget } from '../steps/context.js';

export const NO_POSITIVE_CONTROL = 'the target issued no code to a valid request in this run';

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

/** One valid authorization request by `client` (the profile's defaults, consent approved). */
export async function runPositiveControl(client: string, o: ControlOptions): Promise<PositiveControl> {
  const ctx = { ...o, evidence: [], results: [], ids: new Map<string, number>(), index: 0, expectsRefusal: false };
  try {
    const e = await authorize({ client, consent: 'approve' } as AuthorizeSpec, ctx);
    const ok = gotCode(e);
    return { client, ok, source: 'run', outcome: o.redactor.redactString(`a valid request by client "${client}" ${ok ? 'got a code' : 'got no code'}: ${describeOutcome(e)}`) };
  } catch (err) {
    const first = ((err as Error).message ?? String(err)).split('\n')[0];
    return { client, ok: false, source: 'run', outcome: o.redactor.redactString(`a valid request by client "${client}" did not complete: ${first}`) };
  }
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
 * Turns each passed refusal of `checks` into `error` unless a positive control for its client worked;
 * returns the control they rested on (a failed one first), if any refusal passed.
 */
export async function controlRefusals(
  checks: CheckOutcome[], evidence: Evidence[], control?: (client: string) => Promise<PositiveControl>,
): Promise<PositiveControl | undefined> {
  let used: PositiveControl | undefined;
  for (const c of checks) {
    if (c.verdict !== 'pass' || !CHECKS_BY_ID.get(c.check)?.expectsRefusal) continue;
    const refused = evidence.find((e): e is AuthorizationEvidence => e.kind === 'authorization' && e.step === c.step);
    if (!refused) continue;
    const own = evidence.find((e): e is AuthorizationEvidence => e.kind === 'authorization' && e.client === refused.client && e.step !== c.step && gotCode(e));
    const ctl: PositiveControl = own
      ? { client: own.client, ok: true, source: 'scenario', outcome: `step ${own.step + 1} of this scenario, a request by client "${own.client}", got a code` }
      : control
        ? await control(refused.client)
        : { client: refused.client, ok: false, source: 'run', outcome: 'no positive control was run' };
    if (!used || (used.ok && !ctl.ok)) used = ctl;
    if (!ctl.ok) Object.assign(c, { verdict: 'error', message: `${NO_POSITIVE_CONTROL} (${ctl.outcome}): the refusal proves nothing without it` });
  }
  return used;
}
