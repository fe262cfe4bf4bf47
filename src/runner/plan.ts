/** Loads what a run needs — the target profile and the scenarios — failing with every load error at once. */
import { CHECK_IDS } from '../checks/index.js';
import { LoadFailed } from '../load/errors.js';
import { loadScenarios, type LoadedScenario } from '../scenario/load.js';
import { loadTarget } from '../target/load.js';
import type { TargetProfile } from '../target/schema.js';
import { FLAWS } from '../../fixtures/servers/embedded/flaws.js';
import type { RunSettings } from './env.js';

export const KNOWN_FLAWS: ReadonlySet<string> = new Set(Object.keys(FLAWS));

export function loadPlanTarget(s: RunSettings): TargetProfile {
  const { target, errors } = loadTarget(s.target, process.env, { knownFlaws: KNOWN_FLAWS });
  if (errors.length || !target) throw new LoadFailed(errors);
  return target;
}

export function loadPlanScenarios(s: RunSettings): LoadedScenario[] {
  const { scenarios, errors } = loadScenarios(s.suites, { knownChecks: CHECK_IDS });
  if (errors.length) throw new LoadFailed(errors);
  return scenarios;
}
