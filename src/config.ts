/**
 * The run's configuration, read from the environment in this one module. Playwright Test runs the
 * config, global setup, workers and reporters in separate processes; the environment is what they all
 * share, so the CLI (and global setup) hand values over as OC_* variables, and every process reads them
 * here: `config()` parses them once per process into a frozen object. A unit test fails on any other
 * `process.env.OC_` read in src/ (test/unit/config.test.ts).
 *
 * Two kinds of value: the run's settings (fixed before Playwright starts: config()) and the hand-offs
 * global setup makes once the embedded servers run (handoff(): read when asked, since the runner process
 * that built config() is the one global setup then changes).
 */
import path from 'node:path';
import { DEFAULT_PROFILE, PROFILES, type Profile } from './spec/levels.js';

/** Defined by scripts/build.mjs in the compiled bundle (true, and the checkout it was built from); undeclared in the sources. */
declare const OC_COMPILED: boolean | undefined;
declare const OC_ROOT: string | undefined;
const COMPILED = typeof OC_COMPILED !== 'undefined' && OC_COMPILED;

/** The repository: src/.. here, or the checkout the bundle was built from. */
export const ROOT = COMPILED && typeof OC_ROOT === 'string' ? OC_ROOT : path.resolve(import.meta.dirname, '..');

/**
 * The compiled build this process runs (its directory, named by a hash of the sources), or undefined
 * when it runs the TypeScript sources: what a cache of work derived from the code is keyed on.
 */
export const BUILD_DIR: string | undefined = COMPILED ? import.meta.dirname : undefined;

/**
 * A module Playwright or the command line loads by path (`source` from the repository root, e.g.
 * 'src/report/reporter.ts'): itself, or under a compiled build its bundle beside this one (scripts/build.mjs
 * names each after its source's file name).
 */
export function entry(source: string): string {
  return BUILD_DIR ? path.join(BUILD_DIR, `${path.basename(source, '.ts')}.mjs`) : path.join(ROOT, source);
}
export const DEFAULT_TARGET = path.join(ROOT, 'fixtures/targets/embedded.yaml');

export interface RunSettings {
  /** The target profiles (absolute paths): each one a Playwright project of the run. */
  targets: string[];
  suites: string[];
  /** The rule profile every project is judged under unless its own `profile` option says otherwise. */
  profile: Profile;
  reportDir: string;
  flaws: string[];
  /** The CI gate: `must` (default) or `should` (a SHOULD warning fails too). */
  failOn?: 'must' | 'should';
  /** A results.json to compare with (absolute path); the gate then fails on new failures only. */
  baseline?: string;
  /** `i/n` when this run is one shard of several: it writes a blob report for `merge`. */
  shard?: string;
  /** Rounds of every race step (`run --race-rounds`), overriding the scenarios'. */
  raceRounds?: number;
}

export interface Config {
  run: RunSettings;
  /** The CLI's validated plan file (src/runner/plan.ts). */
  plan?: string;
  /** Where the CLI hands over the servers it started while Playwright started (runner/global-setup.ts). */
  setupFile?: string;
  /** A Chromium binary chosen by the tester (src/drive/chromium.ts). */
  chromium?: string;
  /** Write a blob report from an unsharded run too. */
  blob: boolean;
  /** Under `merge`: the run facts the shards recorded (JSON of report/reporter.ts MergedRun). */
  mergedRun?: unknown;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const profile = (env.OC_PROFILE || DEFAULT_PROFILE) as Profile;
  if (!PROFILES.includes(profile)) throw new Error(`OC_PROFILE must be one of ${PROFILES.join(', ')} (got ${profile})`);
  const list = (v: string | undefined, fallback: string) => (v || fallback).split(path.delimiter).filter(Boolean).map((p) => path.resolve(p));
  return {
    targets: list(env.OC_TARGET, DEFAULT_TARGET),
    suites: list(env.OC_SUITES, path.join(ROOT, 'suites')),
    profile,
    reportDir: path.resolve(env.OC_REPORT_DIR || path.join(ROOT, 'reports/latest')),
    flaws: (env.OC_FLAWS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    failOn: env.OC_FAIL_ON === 'should' ? 'should' : 'must',
    baseline: env.OC_BASELINE || undefined,
    shard: env.OC_SHARD || undefined,
    raceRounds: Number(env.OC_RACE_ROUNDS) > 0 ? Number(env.OC_RACE_ROUNDS) : undefined,
  };
}

/** The environment that hands `s` to a Playwright run (its config, global setup, workers, reporters). */
export function settingsEnv(s: RunSettings): Record<string, string> {
  return {
    OC_TARGET: s.targets.join(path.delimiter),
    OC_SUITES: s.suites.join(path.delimiter),
    OC_PROFILE: s.profile,
    OC_REPORT_DIR: s.reportDir,
    OC_FLAWS: s.flaws.join(','),
    OC_FAIL_ON: s.failOn ?? 'must',
    // Empty rather than absent, so a value in the caller's environment does not leak into the run.
    OC_BASELINE: s.baseline ?? '',
    OC_SHARD: s.shard ?? '',
    OC_RACE_ROUNDS: s.raceRounds ? String(s.raceRounds) : '',
  };
}

/** The rest of what the CLI hands over: the plan file, a blob report, the merged run (`merge`). Empty clears. */
export function handOverEnv(o: { plan?: string; setupFile?: string; blob?: boolean; mergedRun?: unknown }): Record<string, string> {
  return { OC_PLAN: o.plan ?? '', OC_SETUP_FILE: o.setupFile ?? '', OC_BLOB: o.blob ? '1' : '', OC_MERGED_RUN: o.mergedRun === undefined ? '' : JSON.stringify(o.mergedRun) };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return deepFreeze({
    run: readSettings(env),
    plan: env.OC_PLAN || undefined,
    setupFile: env.OC_SETUP_FILE || undefined,
    chromium: env.OC_CHROMIUM || undefined,
    blob: Boolean(env.OC_BLOB),
    mergedRun: env.OC_MERGED_RUN ? JSON.parse(env.OC_MERGED_RUN) as unknown : undefined,
  });
}

let built: Config | undefined;
/** This process's configuration, built on first use. */
export function config(): Config {
  return (built ??= readConfig());
}

/** What the embedded server of a project is reached by (src/target/resolve.ts EMBEDDED_ENV names). */
export interface EmbeddedAddress { issuer: string; resourceUrl?: string; ca?: string }

/**
 * What global setup hands every worker and the reporter, by project name: the embedded server it
 * started, the stub certificate it made (any JSON value), and the declared features the metadata contradicts.
 */
export interface Handoff {
  embedded: Record<string, EmbeddedAddress>;
  stubTls: Record<string, unknown>;
  featureFindings: Record<string, string[]>;
}

const HANDOFF_ENV = { embedded: 'OC_EMBEDDED', stubTls: 'OC_STUB_TLS', featureFindings: 'OC_FEATURE_FINDINGS' } as const;

/** Global setup: hands `h` to the workers Playwright starts after it (and to this process's reporter). */
export function handOff(h: Partial<Handoff>): void {
  for (const [k, v] of Object.entries(h)) process.env[HANDOFF_ENV[k as keyof Handoff]] = JSON.stringify(v);
}

/** What global setup handed over (empty before it ran, or malformed). */
export function handoff(env: NodeJS.ProcessEnv = process.env): Handoff {
  const read = <T>(name: string): Record<string, T> => {
    try {
      const v = JSON.parse(env[name] || '{}') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, T> : {};
    } catch {
      return {};
    }
  };
  return { embedded: read(HANDOFF_ENV.embedded), stubTls: read(HANDOFF_ENV.stubTls), featureFindings: read(HANDOFF_ENV.featureFindings) };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
