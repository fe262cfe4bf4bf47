/**
 * How the CLI talks to the Playwright run it starts: environment variables, read in one place.
 * Playwright Test runs config, global setup, workers and reporters in separate processes; the
 * environment is what they all share.
 */
import path from 'node:path';
import type { FailOn } from '../results/results.js';
import { DEFAULT_PROFILE, PROFILES, type Profile } from '../spec/levels.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunSettings {
  target: string;
  suites: string[];
  profile: Profile;
  reportDir: string;
  flaws: string[];
  /** The CI gate: `must` (default) or `should` (a SHOULD warning fails too). */
  failOn?: FailOn;
  /** A results.json to compare with (absolute path); the gate then fails on new failures only. */
  baseline?: string;
  /** `i/n` when this run is one shard of several: it writes a blob report for `merge`. */
  shard?: string;
  /** Rounds of every race step (`run --race-rounds`), overriding the scenarios'. */
  raceRounds?: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const profile = (env.OC_PROFILE ?? DEFAULT_PROFILE) as Profile;
  if (!PROFILES.includes(profile)) throw new Error(`OC_PROFILE must be one of ${PROFILES.join(', ')} (got ${profile})`);
  return {
    target: path.resolve(env.OC_TARGET ?? path.join(ROOT, 'fixtures/targets/embedded.yaml')),
    suites: (env.OC_SUITES ?? path.join(ROOT, 'suites')).split(path.delimiter).filter(Boolean).map((p) => path.resolve(p)),
    profile,
    reportDir: path.resolve(env.OC_REPORT_DIR ?? path.join(ROOT, 'reports/latest')),
    flaws: (env.OC_FLAWS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    failOn: env.OC_FAIL_ON === 'should' ? 'should' : 'must',
    baseline: env.OC_BASELINE || undefined,
    shard: env.OC_SHARD || undefined,
    raceRounds: Number(env.OC_RACE_ROUNDS) > 0 ? Number(env.OC_RACE_ROUNDS) : undefined,
  };
}

export function settingsEnv(s: RunSettings): Record<string, string> {
  return {
    OC_TARGET: s.target,
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
