/**
 * Loads what a run needs — the target profile and the scenarios — failing with every load error at once.
 *
 * Playwright Test loads the plan again in its runner and in every worker. Parsing 130 YAML files and
 * compiling the schemas costs each of those processes about a second, so the CLI, having validated the
 * inputs, writes a plan file (OC_PLAN: the scenarios and the target document as validated, before
 * `${env:...}` substitution, so no secret is in it) that the other processes read instead.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECK_IDS } from '../checks/index.js';
import { LoadFailed } from '../load/errors.js';
import { loadScenarios, type LoadedScenario } from '../scenario/load.js';
import { loadTarget } from '../target/load.js';
import type { TargetProfile } from '../target/schema.js';
import { FLAWS } from '../../fixtures/servers/embedded/flaws.js';
import type { RunSettings } from './env.js';

export const KNOWN_FLAWS: ReadonlySet<string> = new Set(Object.keys(FLAWS));

interface PlanFile { target: string; validated: unknown; suites: string[]; scenarios: LoadedScenario[] }

let planFile: PlanFile | null | undefined;
/** The CLI's plan file, when this process was started by it for the same inputs. */
function cachedPlan(s: RunSettings): PlanFile | undefined {
  if (planFile === undefined) {
    try {
      planFile = process.env.OC_PLAN ? JSON.parse(readFileSync(process.env.OC_PLAN, 'utf8')) as PlanFile : null;
    } catch {
      planFile = null; // gone or unreadable: load from the files
    }
  }
  return planFile && planFile.target === s.target && planFile.suites.join('\n') === s.suites.join('\n') ? planFile : undefined;
}

export function loadPlanTarget(s: RunSettings): TargetProfile {
  return loadPlanTargetValidated(s).target;
}

function loadPlanTargetValidated(s: RunSettings): { target: TargetProfile; validated: unknown } {
  const { target, errors, validated } = loadTarget(s.target, process.env, { knownFlaws: KNOWN_FLAWS, validated: cachedPlan(s)?.validated });
  if (errors.length || !target) throw new LoadFailed(errors);
  return { target, validated };
}

export function loadPlanScenarios(s: RunSettings): LoadedScenario[] {
  const cached = cachedPlan(s);
  if (cached) return cached.scenarios;
  const { scenarios, errors } = loadScenarios(s.suites, { knownChecks: CHECK_IDS });
  if (errors.length) throw new LoadFailed(errors);
  return scenarios;
}

/**
 * Loads and validates the plan, and writes the plan file the run's other processes read (see above).
 * Throws LoadFailed on bad input. `remove` deletes the file once the run is over.
 */
export function writePlanFile(s: RunSettings): { target: TargetProfile; scenarios: LoadedScenario[]; file: string; remove(): void } {
  const { target, validated } = loadPlanTargetValidated(s);
  const scenarios = loadPlanScenarios(s);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oauth-conformance-plan-'));
  const file = path.join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({ target: s.target, validated, suites: s.suites, scenarios } satisfies PlanFile), { mode: 0o600 });
  return { target, scenarios, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
