/**
 * `oauth-conformance run`: validates the inputs, runs the scenarios in Playwright Test against each
 * target (one Playwright project per `--target`; global setup starts the embedded servers they ask
 * for), prints the summary and the report paths, and exits 0 (no failure), 1 (the gate failed: a MUST, with `--fail-on should` a SHOULD too; with a
 * baseline, a new failure only) or 2 (bad input or harness error).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromiumExecutable } from '../drive/chromium.js';
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { config, DEFAULT_TARGET, entry, handOverEnv, ROOT, settingsEnv, type RunSettings } from '../config.js';
import type { LoadedScenario } from '../scenario/load.js';
import { writePlanFile } from '../runner/plan.js';
import { runProjects } from '../runner/projects.js';
import type { RunServers } from '../runner/setup.js';
import { PROFILES, type Profile } from '../spec/levels.js';
import { UsageError } from './args.js';
import { clearReports, playwright, privateReports } from './playwright.js';
import { finish, gateOptions } from './summary.js';

export interface RunFlags {
  /** One target profile per project (repeatable); default: the embedded target. */
  target?: string | string[];
  grep?: string;
  workers?: string;
  reportDir?: string;
  profile?: string;
  flaw?: string[];
  suites: string[];
  shard?: string;
  /** Include scenarios tagged `slow` (code lifetime, token expiry), left out by default. */
  slow?: boolean;
  failOn?: string;
  baseline?: string;
  /** Rounds of every race step (`--race-rounds`), overriding the scenarios'. */
  raceRounds?: string;
}

export async function run(f: RunFlags, out: (s: string) => void): Promise<number> {
  if (f.profile && !PROFILES.includes(f.profile as Profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}`);
  if (f.workers && !/^[1-9][0-9]*$/.test(f.workers)) throw new UsageError('--workers takes a positive whole number');
  if (f.shard && !/^[1-9][0-9]*\/[1-9][0-9]*$/.test(f.shard)) throw new UsageError('--shard takes i/n, e.g. 1/3');
  if (f.raceRounds && !(/^[1-9][0-9]*$/.test(f.raceRounds) && Number(f.raceRounds) <= 50)) throw new UsageError('--race-rounds takes a whole number from 1 to 50');
  const gate = gateOptions(f, out);
  if (!gate) return 2;
  const settings: RunSettings = {
    targets: [...new Set(([] as string[]).concat(f.target ?? DEFAULT_TARGET).map((t) => path.resolve(t)))],
    suites: (f.suites.length ? f.suites : [path.join(ROOT, 'suites')]).map((p) => path.resolve(p)),
    profile: (f.profile ?? 'rfc9700') as Profile,
    reportDir: path.resolve(f.reportDir ?? path.join(ROOT, 'reports/latest')),
    flaws: f.flaw ?? [],
    ...gate,
    shard: f.shard,
    raceRounds: f.raceRounds ? Number(f.raceRounds) : undefined,
  };
  let plan: ReturnType<typeof writePlanFile>;
  try {
    plan = writePlanFile(settings);
  } catch (err) {
    if (err instanceof LoadFailed) {
      for (const e of err.errors) out(formatLoadError(e));
      out(`\n${err.errors.length} error(s) in the inputs; nothing was run.`);
      return 2;
    }
    throw err;
  }
  try {
    return await runPlan(plan, settings, f, out);
  } finally {
    plan.remove();
  }
}

async function runPlan(plan: ReturnType<typeof writePlanFile>, settings: RunSettings, f: RunFlags, out: (s: string) => void): Promise<number> {
  const names = plan.targets.map((t) => `"${t.name}"`).join(', ');
  const selected = selectScenarios(plan.scenarios, f.grep);
  const count = selected.length;
  if (settings.flaws.length && !plan.targets.every((t) => t.embedded)) throw new UsageError('--flaw applies to the embedded target only');
  const chosen = config().chromium;
  if (chosen && !existsSync(chosen)) {
    out(`error: OC_CHROMIUM=${chosen}: no such file.\n  hint: point OC_CHROMIUM at a Chromium binary, or unset it to use the one \`npm run setup\` installs.`);
    return 2;
  }
  if (!chromiumExecutable()) {
    out('error: no Chromium found.\n  hint: run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary.');
    return 2;
  }
  clearReports(settings.reportDir, ['blob']);
  out(`oauth-conformance: ${count} scenario(s) against ${names}${settings.flaws.length ? ` with flaw(s) ${settings.flaws.join(', ')}` : ''}, profile ${settings.profile}\n`);

  const args = ['test', '-c', entry('playwright.config.ts')];
  if (f.grep) args.push('--grep', idsPattern(selected));
  if (!f.slow) args.push('--grep-invert', '@slow');
  // A shard also writes a blob report (see reporters.ts) for `oauth-conformance merge`.
  if (f.shard) args.push('--shard', f.shard);
  if (f.workers) args.push('--workers', f.workers);
  // The servers start here while Playwright starts (its global setup waits for them): neither waits on the other.
  const setupFile = count ? path.join(path.dirname(plan.file), 'setup.json') : undefined;
  const run = playwright(args, { ...settingsEnv(settings), ...handOverEnv({ plan: plan.file, setupFile, blob: config().blob }) });
  const servers = setupFile ? startServers(settings, setupFile, out) : undefined;
  const { code, stderr } = await run;
  await (await servers)?.close();
  privateReports(settings.reportDir, ['blob']);
  return finish(settings.reportDir, out, {
    missing: `the run produced no results (Playwright exited ${code}).\n${stderr}`,
    empty: `no scenario ran${f.grep ? ` (--grep ${JSON.stringify(f.grep)} matched none)` : ''}.${stderr ? `\n${stderr}` : ''}`,
  });
}

/** Starts the run's servers and hands them (or why they did not start) to Playwright's global setup in `file`. */
async function startServers(settings: RunSettings, file: string, out: (s: string) => void): Promise<RunServers | undefined> {
  const handOver = (value: unknown) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode: 0o600 });
    renameSync(`${file}.tmp`, file); // whole or not at all: global setup polls for it
  };
  try {
    // Loaded here, once Playwright is on its way: the server, the certificate library and their modules.
    const { startRunServers } = await import('../runner/setup.js');
    const servers = await startRunServers(runProjects(settings).map((p) => ({ name: p.name, options: p.use })));
    for (const note of servers.notes) out(`  ${note}`);
    handOver({ handoff: servers.handoff });
    return servers;
  } catch (err) {
    handOver({ error: (err as Error).message });
    return undefined;
  }
}

/**
 * `--grep` selects scenarios by id or title, here rather than in Playwright: Playwright matches its regular
 * expression against the whole test title (project, file, "id — title"), so `^code-single-use$` would match
 * nothing. The chosen ids are handed on as one pattern anchored on the test title's "id — " prefix.
 */
export function selectScenarios(scenarios: LoadedScenario[], grep: string | undefined): LoadedScenario[] {
  if (!grep) return scenarios;
  let re: RegExp;
  try {
    re = new RegExp(grep);
  } catch (err) {
    throw new UsageError(`--grep ${JSON.stringify(grep)} is not a regular expression: ${(err as Error).message}`);
  }
  // The id, the title, or the two as the test is titled (`id — title`), as before this selection moved here.
  return scenarios.filter(({ scenario: s }) => re.test(s.id) || re.test(s.title) || re.test(`${s.id} — ${s.title}`));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function idsPattern(selected: LoadedScenario[]): string {
  if (!selected.length) return '(?!)';
  return `(^| )(${selected.map(({ scenario: s }) => escapeRegExp(s.id)).join('|')}) — `;
}
