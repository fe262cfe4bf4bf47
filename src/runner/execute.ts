/**
 * Runs one scenario against one target: applicability, steps in order, the expected checks on each
 * step's evidence, and one verdict from those alone. The ambient checks judge all of it too, but apart
 * (the run judges each ambient rule once: src/report/ambient.ts). A refusal counts only beside a
 * positive control (src/runner/positive-control.ts). Knows nothing of Playwright Test: the runner spec
 * and the harness's own tests both call it.
 */
import type { Page } from 'playwright';
import { AMBIENT_CHECKS, CHECKS_BY_ID } from '../checks/index.js';
import { judge } from '../checks/judge.js';
import type { CheckOutcome, Verdict } from '../checks/types.js';
import type { Evidence } from '../evidence/types.js';
import type { Redactor } from '../evidence/redact.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { ExpectEntry, ScenarioStep } from '../scenario/schema.js';
import type { Feature } from '../spec/features.js';
import { levelFor, type Level, type Profile } from '../spec/levels.js';
import { requirementUrl } from '../spec/links.js';
import type { StepContext, StepResult } from '../steps/context.js';
import type { ResolvedTarget } from '../target/resolve.js';
import { kindOf, runStep } from '../steps/index.js';
import { shot } from '../drive/interaction.js';
import type { PositiveControl } from '../results/results.js';
import { controlRefusals } from './positive-control.js';
import { guardedPages } from '../drive/page-guard.js';
import { scenarioVerdict } from './verdict.js';

export interface ScenarioRunOptions {
  target: ResolvedTarget;
  profile: Profile;
  page(): Promise<Page>;
  isHarnessHost(host: string): boolean;
  redactor: Redactor;
  /** Rounds of every race step, overriding the scenario's (`run --race-rounds`). */
  raceRounds?: number;
  /**
   * The positive control of a client (cached per worker): a valid authorization request that got a code.
   * Without it, a refusal verdict is `error`.
   */
  positiveControl?(client: string): Promise<PositiveControl>;
  /** Called around each step, e.g. to show it as a Playwright test.step. */
  wrapStep?: <T>(title: string, body: () => Promise<T>) => Promise<T>;
}

export interface ScenarioError { step?: number; message: string; hint?: string; screenshot?: Buffer }

export interface ScenarioOutcome {
  verdict: Verdict;
  /** Why a scenario was skipped or errored; the first failure otherwise. */
  reason?: string;
  /** The scenario's own rules (its `expect`s); the verdict comes from these. */
  checks: CheckOutcome[];
  /** What the ambient checks saw in its evidence: judged once per run, not part of the verdict. */
  ambient: CheckOutcome[];
  /** The positive control its refusal verdicts rested on, when it had any. */
  positiveControl?: PositiveControl;
  evidence: Evidence[];
  error?: ScenarioError;
  durationMs: number;
}

/** Playwright's errors when the browser process went away under a step. */
const BROWSER_GONE = /Target page, context or browser has been closed|Browser has been closed|browser has disconnected|Target closed/i;

export async function executeScenario(loaded: LoadedScenario, o: ScenarioRunOptions): Promise<ScenarioOutcome> {
  const started = Date.now();
  const s = loaded.scenario;
  const missing = (s.features ?? []).filter((f) => !o.target.features.has(f as Feature));
  if (missing.length) {
    return { verdict: 'skip', reason: `the target lacks ${missing.map((f) => `\`${f}\``).join(', ')}`, checks: [], ambient: [], evidence: [], durationMs: 0 };
  }
  const evidence: Evidence[] = [];
  const checks: CheckOutcome[] = [];
  const ambient: CheckOutcome[] = [];
  const results: StepResult[] = [];
  const ids = new Map<string, number>();
  const wrap = o.wrapStep ?? ((_t, body) => body());
  let error: ScenarioError | undefined;
  // Every page the target's content reaches is guarded: origins, bytes (drive/page-guard.ts).
  const page = guardedPages(o.page, o.target, o.isHarnessHost);
  let notApplicable: string | undefined;

  for (const [index, step] of s.steps.entries()) {
    if (step.id) ids.set(step.id, index);
    const expected = (step.expect ?? []).map(normalize);
    const lacking = (step.requires ?? []).filter((f) => !o.target.features.has(f as Feature));
    if (lacking.length) {
      for (const e of expected) checks.push(skipped(e, index, `step ${index + 1} needs ${lacking.join(', ')}, which the target lacks`, o.profile));
      continue;
    }
    const contextFor = (i: number, seen: Evidence[]): StepContext => ({
      target: o.target, page, isHarnessHost: o.isHarnessHost, redactor: o.redactor, evidence: seen, results, ids, index: i,
      expectsRefusal: (s.steps[i].expect ?? []).map(normalize).some((e) => CHECKS_BY_ID.get(e.check)?.expectsRefusal),
      raceRounds: o.raceRounds,
      rerun: (j) => runStep(s.steps[j], contextFor(j, [...evidence])),
    });
    const ctx = contextFor(index, evidence);
    try {
      // Playwright (and Allure) record a step's error as thrown: its message is redacted before it leaves.
      const ev = await wrap(stepTitle(step, index), () => runStep(step, ctx).catch((err: unknown) => { throw scrubbed(err, o.redactor); }));
      evidence.push(ev);
      const judgedBefore = checks.length;
      for (const e of expected) {
        const check = CHECKS_BY_ID.get(e.check)!;
        if (check.on !== ev.kind) {
          checks.push({ ...skipped(e, index, '', o.profile), verdict: 'error', message: `check ${e.check} judges ${check.on} evidence, but step ${index + 1} is ${kindOf(step)}` });
          continue;
        }
        checks.push(judge(check, ev, { all: evidence }, { profile: o.profile, level: e.level }));
      }
      for (const check of AMBIENT_CHECKS) {
        if (check.on !== ev.kind || expected.some((e) => e.check === check.id)) continue;
        if ((check.ambient as (e: Evidence) => boolean)(ev)) ambient.push(judge(check, ev, { all: evidence }, { profile: o.profile, ambient: true }));
      }
      // A screenshot costs the browser about 80 ms: the server's page is captured when a rule judged on
      // it did not hold, while the browser still shows it (the next step has not run).
      if (ev.kind === 'authorization' && ev.outcome.type === 'error-page' && checks.slice(judgedBefore).some((c) => c.verdict !== 'pass' && c.verdict !== 'skip')) {
        ev.screenshot = await shot(await page());
      }
    } catch (err) {
      if (err instanceof NotApplicable) {
        // The scenario's premise does not hold for this target: the rest is not applicable (verdict.ts).
        notApplicable = `step ${index + 1} is not applicable: ${err.message}`;
        if (err.evidence) evidence.push(err.evidence);
        for (const e of expected) checks.push(skipped(e, index, notApplicable, o.profile));
        for (const [later, rest] of s.steps.entries()) {
          if (later > index) for (const e of (rest.expect ?? []).map(normalize)) checks.push(skipped(e, later, `not run: ${notApplicable}`, o.profile));
        }
        break;
      }
      const e = err as Error;
      error = err instanceof HarnessError
        ? { step: index, message: e.message, hint: err.hint, screenshot: err.screenshot }
        : BROWSER_GONE.test(e.message)
          ? { step: index, message: `the browser closed or crashed during the step (${e.message.split('\n')[0]})`, hint: 'was Chromium killed, or out of memory? run again; OC_CHROMIUM picks another browser' }
          : { step: index, message: `harness bug: ${e.stack ?? e.message}` };
      break;
    }
  }
  const positiveControl = await controlRefusals(checks, evidence, o.positiveControl);
  const { verdict, reason } = scenarioVerdict({ checks, error, notApplicable });
  return { verdict, reason, checks, ambient, ...(positiveControl ? { positiveControl } : {}), evidence, error, durationMs: Date.now() - started };
}

function normalize(e: ExpectEntry): { check: string; level?: Level } {
  return typeof e === 'string' ? { check: e } : { check: e.check, level: e.level as Level | undefined };
}

function skipped(e: { check: string; level?: Level }, step: number, message: string, profile: Profile): CheckOutcome {
  const c = CHECKS_BY_ID.get(e.check)!;
  return {
    check: c.id, title: c.title, catalog: c.catalog, requirements: c.requirements.map((id) => ({ id, url: requirementUrl(id) })),
    level: e.level ?? levelFor(c.level, profile), verdict: 'skip', message, step, ambient: false,
  };
}

/** The error with every known secret masked in its message and stack (its class kept: HarnessError, NotApplicable). */
function scrubbed(err: unknown, redactor: Redactor): unknown {
  if (!(err instanceof Error)) return err;
  err.message = redactor.redactString(err.message);
  if (err.stack) err.stack = redactor.redactString(err.stack);
  return err;
}

export function stepTitle(step: ScenarioStep, index: number): string {
  const kind = kindOf(step);
  return `${index + 1}. ${kind}${step.id ? ` (${step.id})` : ''}${step.title ? `: ${step.title}` : ''}`;
}
