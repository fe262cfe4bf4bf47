/**
 * Loads what a run needs — the target profile and the scenarios — failing with every load error at once.
 *
 * Playwright Test loads the plan again in its runner and in every worker. Parsing 130 YAML files and
 * compiling the schemas costs each of those processes about a second, so the CLI, having validated the
 * inputs, writes a plan file (OC_PLAN: the scenarios and the target document as validated, before
 * `${env:...}` substitution, so no secret is in it) that the other processes read instead.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECK_IDS } from '../checks/index.js';
import { LoadFailed } from '../load/errors.js';
import { loadScenarios, type LoadedScenario } from '../scenario/load.js';
import { loadTarget } from '../target/load.js';
import type { TargetProfile } from '../target/schema.js';
import { FLAWS } from '../../fixtures/servers/embedded/flaws.js';
import { BUILD_DIR, config, type RunSettings } from '../config.js';
import { listYamlFiles } from '../load/yaml-files.js';

export const KNOWN_FLAWS: ReadonlySet<string> = new Set(Object.keys(FLAWS));

/** `targets`: each target profile's document as validated, by its absolute path. */
interface PlanFile { targets: Record<string, unknown>; suites: string[]; scenarios: LoadedScenario[] }

let planFile: PlanFile | null | undefined;
/** The CLI's plan file, when this process was started by it. */
function cachedPlan(): PlanFile | undefined {
  if (planFile === undefined) {
    try {
      const file = config().plan;
      planFile = file ? JSON.parse(readFileSync(file, 'utf8')) as PlanFile : null;
    } catch {
      planFile = null; // gone or unreadable: load from the files
    }
  }
  return planFile ?? undefined;
}

/** One target profile (an absolute path, or `{ target }`), loaded once per process: a project's. */
export function loadPlanTarget<T extends { target: string }>(file: string | T): TargetProfile {
  return loadPlanTargetValidated(typeof file === 'string' ? file : file.target).target;
}

const targets = new Map<string, { target: TargetProfile; validated: unknown }>();

function loadPlanTargetValidated(file: string): { target: TargetProfile; validated: unknown } {
  const done = targets.get(file);
  if (done) return done;
  const { target, errors, validated } = loadTarget(file, process.env, { knownFlaws: KNOWN_FLAWS, validated: cachedPlan()?.targets[file] });
  if (errors.length || !target) throw new LoadFailed(errors);
  targets.set(file, { target, validated });
  return { target, validated };
}

export function loadPlanScenarios<S extends { suites: string[] }>(s: S): LoadedScenario[] {
  const cached = cachedPlan();
  if (cached && cached.suites.join('\n') === s.suites.join('\n')) return cached.scenarios;
  const { scenarios, errors } = loadScenarios(s.suites, { knownChecks: CHECK_IDS });
  if (errors.length) throw new LoadFailed(errors);
  return scenarios;
}

/**
 * Scenarios validated by earlier runs of the same build, by the state of their files (path, size, time): a
 * run of unchanged suites skips their parsing and schemas (about half a second of its start). Kept in the
 * build's directory, so a change of the code (its schemas, its checks) is a new build and starts afresh;
 * the TypeScript sources (tests, `OC_NO_BUILD`) keep none. Target profiles are not kept: one may hold a
 * secret written in plain (not through `${env:...}`), and this file outlives the run. They are validated
 * every run.
 */
function planCache(s: RunSettings): { read(): PlanFile | undefined; write(plan: PlanFile): void } | undefined {
  if (!BUILD_DIR) return undefined;
  const listed = listYamlFiles(s.suites);
  if (listed.errors.length) return undefined;
  const hash = createHash('sha256');
  for (const file of listed.files) {
    try {
      const st = statSync(file);
      hash.update(`${file}\0${st.size}\0${st.mtimeMs}\0`);
    } catch {
      return undefined; // gone: the load says so, with its error
    }
  }
  hash.update(JSON.stringify(s.suites));
  const file = path.join(BUILD_DIR, 'plans', `${hash.digest('hex').slice(0, 32)}.json`);
  return {
    read() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as PlanFile;
      } catch {
        return undefined;
      }
    },
    write(plan) {
      try {
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}`;
        writeFileSync(tmp, JSON.stringify(plan), { mode: 0o600 });
        renameSync(tmp, file);
      } catch { /* a read-only install: no cache, nothing lost */ }
    },
  };
}

/**
 * Loads and validates the plan, and writes the plan file the run's other processes read (see above).
 * Throws LoadFailed on bad input. `remove` deletes the file once the run is over.
 */
export function writePlanFile(s: RunSettings): { targets: TargetProfile[]; /** The first. */ target: TargetProfile; scenarios: LoadedScenario[]; file: string; remove(): void } {
  const cache = planCache(s);
  const hit = cache?.read();
  // The scenarios validated before from the same files: the loads below take them as this process's plan (the targets are validated anew).
  if (hit) planFile = hit;
  const errors: LoadFailed['errors'] = [];
  const loaded = s.targets.map((file) => {
    try {
      return loadPlanTargetValidated(file);
    } catch (err) {
      if (!(err instanceof LoadFailed)) throw err;
      errors.push(...err.errors);
      return undefined;
    }
  });
  if (errors.length) throw new LoadFailed(errors);
  const scenarios = loadPlanScenarios(s);
  const validated = Object.fromEntries(s.targets.map((file, i) => [file, loaded[i]!.validated]));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oauth-conformance-plan-'));
  const file = path.join(dir, 'plan.json');
  const plan: PlanFile = { targets: validated, suites: s.suites, scenarios };
  writeFileSync(file, JSON.stringify(plan), { mode: 0o600 });
  if (cache && !hit) cache.write({ targets: {}, suites: s.suites, scenarios });
  return { targets: loaded.map((l) => l!.target), target: loaded[0]!.target, scenarios, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
