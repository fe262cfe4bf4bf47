/**
 * The detection matrix: every flaw of the embedded server against every scenario, compared with the
 * clean server. A flaw declares the catalog rules it breaks (`breaks`); a sound harness shows new
 * breaches exactly where a check guarding one of those rules judged, and nowhere else. Ambient rules
 * are judged once per run (not in scenario verdicts): a flaw breaking one is caught when that rule's
 * run-wide finding fails, reported as `ambient:<check>`.
 */
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { CHECKS, CHECKS_BY_ID } from '../../src/checks/index.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Profile } from '../../src/spec/levels.js';
import { CATALOG } from '../../src/spec/catalog.js';
import { ambientKey } from '../../src/results/results.js';
import { ambientOf, breaches, embeddedProfile, embeddedServer, resolveFor, sharedBrowser, startLane, startRig, type Lane, type Rig, type TargetServer } from './harness.js';

export type Outcomes = Map<string, ScenarioOutcome>;

/** The catalog rows a flaw breaks (its `breaks`, a list or the older free text naming them). */
export function breaksOf(flaw: FlawName): Set<string> {
  const b: unknown = FLAWS[flaw].breaks;
  return new Set(Array.isArray(b) ? b.map(String) : String(b).match(/[A-Z]{2,5}-\d{2}/g) ?? []);
}

/** How a flaw's `breaks` reads in the matrix document. */
export function breaksText(flaw: FlawName): string {
  const b: unknown = FLAWS[flaw].breaks;
  return Array.isArray(b) ? b.join(', ') : String(b);
}

export async function runFlaw(flaw: FlawName | undefined, scenarios: LoadedScenario[], profile: Profile = 'rfc9700'): Promise<Outcomes> {
  const rig = await startRig({ flaws: flaw ? [flaw] : [] });
  try {
    // Flows wait on the browser and the server more than on the CPU: 4 at a time suits 2 cores.
    return await rig.run(scenarios, profile, Number(process.env.OC_MATRIX_CONCURRENCY ?? 4));
  } finally {
    await rig.close();
  }
}

/** Scenarios of one row a lane runs in turn (see runMatrix). */
const CHUNK = 16;

function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, k) => list.slice(k * size, (k + 1) * size));
}

/**
 * Runs `scenarios` against the clean server (`undefined`) and each flaw: the whole matrix in one
 * process, with one Chromium and one stub for every server. Each row's scenarios, in chunks of CHUNK,
 * go into one queue that `workers` drain in order, so a row's slow last scenarios overlap the next
 * row's first ones instead of leaving the CPU idle; the servers of the next `window` rows start ahead. Each
 * row's outcomes resolve as soon as its last scenario is done (its server then closes).
 */
export function runMatrix(rows: (FlawName | undefined)[], scenarios: LoadedScenario[], o: { workers?: number; window?: number; profile?: Profile; select?: (row: FlawName | undefined, s: LoadedScenario) => boolean } = {}): Promise<Outcomes>[] {
  const chosen = rows.map((r) => (o.select ? scenarios.filter((s) => o.select!(r, s)) : scenarios));
  const workers = o.workers ?? Number(process.env.OC_MATRIX_CONCURRENCY ?? 4);
  const window = o.window ?? 2;
  const profile = embeddedProfile();
  type Row = { server?: Promise<{ server: TargetServer; target: Rig['target'] }>; lanes: Map<number, Lane>; outcomes: Outcomes; left: number; failed?: Error };
  const state: Row[] = rows.map((_, i) => ({ lanes: new Map(), outcomes: new Map(), left: chosen[i]!.length }));
  const settle = rows.map(() => { let resolve!: (o: Outcomes) => void, reject!: (e: Error) => void; const p = new Promise<Outcomes>((a, b) => { resolve = a; reject = b; }); p.catch(() => undefined); return { p, resolve, reject }; });
  const startServer = (i: number) => (state[i]!.server ??= (async () => {
    const server = await embeddedServer(rows[i] ? [rows[i]!] : [])(profile);
    return { server, target: await resolveFor(profile, server) };
  })());
  // Chunks of a row's scenarios, each run on one lane: a lane signs in and runs its positive controls once,
  // so a row of a few scenarios pays that once rather than once per worker (a quarter of the matrix's CPU).
  const queue = rows.flatMap((_, i) => chunks(chosen[i]!, CHUNK).map((list) => ({ i, list })));

  const finish = async (i: number) => {
    const row = state[i]!;
    await Promise.all([...row.lanes.values()].map((l) => l.close()));
    const started = await row.server?.catch(() => undefined);
    await started?.server.close();
    if (row.failed) settle[i]!.reject(row.failed); else settle[i]!.resolve(row.outcomes);
  };
  const worker = async (w: number) => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { i, list } = next;
      const row = state[i]!;
      for (let k = i; k < Math.min(rows.length, i + window); k++) startServer(k).catch(() => undefined);
      for (const s of list) {
        try {
          if (!row.failed) {
            let lane = row.lanes.get(w);
            if (!lane) {
              const { target } = await startServer(i);
              row.lanes.set(w, (lane = startLane(await sharedBrowser(target), target, profile, { profile: o.profile })));
            }
            row.outcomes.set(s.scenario.id, await lane.run(s));
          }
        } catch (err) {
          row.failed ??= err as Error;
        }
        if (--row.left === 0) await finish(i);
      }
    }
  };
  for (let i = 0; i < rows.length; i++) if (!chosen[i]!.length) void finish(i);
  void Promise.all(Array.from({ length: workers }, (_, w) => worker(w))).catch(() => undefined);
  return settle.map((x) => x.p);
}

/**
 * The scenarios a flaw is run against in `npm test`: those guarding a rule it breaks (their checks' catalog
 * rows name it: where it must be caught), plus a few broad flows that touch every endpoint (where a flaw
 * that breaks more than it says shows it first). The sections around those rules are run with
 * OC_MATRIX_SCOPE=sections, and every scenario with OC_MATRIX_FULL=1 (`npm run matrix`): about 2 000 and
 * 30 000 scenario runs, against about 800 here, more than CI's time on two cores allows beside the rest.
 */
/** How npm test's matrix reads in words. */
export function scopeText(): string {
  return process.env.OC_MATRIX_SCOPE === 'sections' ? 'the scenarios of the catalog sections it breaks' : 'the scenarios guarding the rules it breaks';
}
export const BROAD_FLOWS = ['metadata-published', 'code-single-use', 'public-client-pkce-flow', 'refresh-token-rotated'];
export function neighbourhood(flaw: FlawName | undefined, s: LoadedScenario): boolean {
  if (!flaw) return true;
  if (BROAD_FLOWS.includes(s.scenario.id)) return true;
  const broken = breaksOf(flaw);
  if (process.env.OC_MATRIX_SCOPE !== 'sections') return s.facts.catalog.some((id) => broken.has(id));
  const sections = new Set([...broken].map((id) => SECTION_OF.get(id)));
  return s.facts.catalog.some((id) => sections.has(SECTION_OF.get(id)));
}
const SECTION_OF = new Map<string, string>(CATALOG.flatMap((sec) => sec.rows.map((r) => [r.id, sec.id] as [string, string])));

export interface FlawVerdict {
  flaw: FlawName;
  /** Scenarios with new breaches under the flaw, and run-wide rules (`ambient:<check>`) newly broken. */
  caught: string[];
  /** Of those, the scenarios guarding a rule the flaw breaks (their own catalog rows name it): the ones that prove a check can fail. */
  guarded: string[];
  /** Everything unsound about this flaw's row: no guarding scenario caught it, collateral breaches, harness errors. */
  problems: string[];
}

/** Judges one row of the matrix against the clean run. */
export function judgeFlaw(flaw: FlawName, scenarios: LoadedScenario[], clean: Outcomes, flawed: Outcomes): FlawVerdict {
  const broken = breaksOf(flaw);
  const guards = (check: string) => (CHECKS_BY_ID.get(check.split(':')[0])?.catalog ?? []).some((id) => broken.has(id));
  const caught: string[] = [];
  const problems: string[] = [];
  for (const { scenario: s } of scenarios) {
    const before = clean.get(s.id);
    const after = flawed.get(s.id);
    if (!before || !after) continue;
    if (after.verdict === 'error' && before.verdict !== 'error') { problems.push(`${s.id}: harness error under the flaw: ${after.reason}`); continue; }
    const fresh = breaches(after).filter((b) => !breaches(before).includes(b));
    if (fresh.length) caught.push(s.id);
    const collateral = fresh.filter((b) => !guards(b));
    if (collateral.length) problems.push(`${s.id}: breaches outside ${[...broken].join(', ')}: ${collateral.join(', ')}`);
    // A check that can no longer judge (skip) is not a wrong verdict, nor is one that now can and finds
    // the rule holding (skip → pass: the flaw made a premise available, e.g. plain PKCE allowed lets a
    // challenge without method get a code); anything else changing silently is.
    const premiseOpened = before.verdict === 'skip' && after.verdict === 'pass';
    if (!fresh.length && after.verdict !== before.verdict && after.verdict !== 'skip' && !premiseOpened) problems.push(`${s.id}: verdict ${before.verdict} → ${after.verdict} without a breach`);
  }
  // Run-wide rules: one finding each, new under the flaw; it guards the flaw when its check covers a broken row.
  const wasBroken = new Set(ambientOf(clean).filter((a) => a.verdict === 'fail' || a.verdict === 'warn').map((a) => a.check));
  const ambientCaught: string[] = [];
  for (const a of ambientOf(flawed)) {
    if ((a.verdict !== 'fail' && a.verdict !== 'warn') || wasBroken.has(a.check)) continue;
    caught.push(ambientKey(a.check));
    if (guards(a.check)) ambientCaught.push(ambientKey(a.check));
    else problems.push(`run-wide rule ${a.check} broke outside ${[...broken].join(', ')}: ${a.message}`);
  }
  const guarded = [...caught.filter((id) => scenarios.find((x) => x.scenario.id === id)?.facts.catalog.some((c) => broken.has(c))), ...ambientCaught];
  if (!guarded.length) problems.push(`no scenario guarding ${[...broken].join(', ')} caught the flaw`);
  return { flaw, caught, guarded, problems };
}

/** What each check was seen to do in a recorded run: passes on the clean server, fails or warns under which flaws. */
export interface CheckRecord { passedClean: boolean; failedUnder: Set<string> }

/**
 * Every check's recorded verdicts, scenario checks and run-wide (ambient) rules alike: the proof that it
 * can pass (on the clean server) and can fail (under a flaw) comes from the run, not from test text.
 */
export function checkRecords(clean: Outcomes, flawed: Map<FlawName, Outcomes>): Map<string, CheckRecord> {
  const records = new Map<string, CheckRecord>(CHECKS.map((c) => [c.id, { passedClean: false, failedUnder: new Set<string>() }]));
  const verdicts = (o: Outcomes) => [...[...o.values()].flatMap((x) => x.checks), ...ambientOf(o)].map((c) => ({ check: c.check, verdict: c.verdict }));
  for (const c of verdicts(clean)) if (c.verdict === 'pass') records.get(c.check)!.passedClean = true;
  const cleanBreaches = new Set(verdicts(clean).filter((c) => c.verdict === 'fail' || c.verdict === 'warn').map((c) => c.check));
  for (const [flaw, o] of flawed) {
    for (const c of verdicts(o)) if ((c.verdict === 'fail' || c.verdict === 'warn') && !cleanBreaches.has(c.check)) records.get(c.check)!.failedUnder.add(flaw);
  }
  return records;
}

/** Checks the run did not show both ways, each with what is missing (compared with coverage.yaml's `no_control`). */
export function checksWithoutControls(records: Map<string, CheckRecord>): Map<string, string> {
  const missing = new Map<string, string>();
  for (const [id, r] of records) {
    const lacks = [!r.passedClean && 'no pass on the clean server', !r.failedUnder.size && 'no fail under any flaw'].filter(Boolean);
    if (lacks.length) missing.set(id, lacks.join(', '));
  }
  return missing;
}

/** docs/detection-matrix.md from a recorded run. Deterministic (no timings), so a test can compare it with the file. */
export function matrixMarkdown(o: { scenarios: LoadedScenario[]; rows: FlawVerdict[]; noFlaw: Record<string, string>; records: Map<string, CheckRecord>; noControl: Record<string, string>; full?: boolean }): string {
  const { scenarios, rows, noFlaw, records, noControl } = o;
  const byScenario = new Map(scenarios.map((s) => [s.scenario.id, rows.filter((r) => r.guarded.includes(s.scenario.id)).map((r) => r.flaw)]));
  const uncaught = [...byScenario].filter(([id, flaws]) => !flaws.length && !noFlaw[id]).map(([id]) => id);
  const stale = [...byScenario].filter(([id, flaws]) => flaws.length && noFlaw[id]).map(([id]) => id);
  const unsound = rows.filter((r) => r.problems.length).map((r) => r.flaw);
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '<!-- Generated by `npm run matrix` (test/e2e/detection-matrix.test.ts runs the embedded server with each flaw); do not edit by hand. `npm test` compares this file with its own run. -->',
    '',
    '# Detection matrix',
    '',
    `Each flaw of the embedded server (\`fixtures/servers/embedded\`) breaks the catalog rules named; a scenario "catches" it when one of its checks reports a new fail or warn; \`ambient:<check>\` is a run-wide (ambient) rule, judged once over every scenario's responses, that newly broke. ${scenarios.length} scenarios × ${rows.length} flaws, profile rfc9700; ${o.full ? 'every flaw against every scenario (`OC_MATRIX_FULL=1`)' : `each flaw against ${scopeText()} and four broad flows (${BROAD_FLOWS.join(', ')}): collateral elsewhere is checked by \`OC_MATRIX_SCOPE=sections npm run matrix\` (the sections of those rules) and the full matrix, \`OC_MATRIX_FULL=1 npm run matrix\``}.`,
    '',
    `Result: ${unsound.length ? `**${unsound.length} flaw row(s) with problems** (${unsound.join(', ')})` : 'every flaw caught by a scenario guarding its rule, with no collateral breach and no harness error'}; ${uncaught.length ? `**${uncaught.length} scenario(s) caught by no flaw without a reason**` : 'every scenario caught by a flaw or listed under `no_flaw` in coverage.yaml with the reason'}${stale.length ? `; **stale no_flaw entries** (caught after all): ${stale.join(', ')}` : ''}.`,
    '',
    '| flaw | breaks | scenarios that catch it | problems |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.flaw}\` | ${breaksText(r.flaw)} | ${r.caught.map((id) => `\`${id}\``).join(', ') || '—'} | ${cell(r.problems.join('; '))} |`),
    '',
    '## By scenario',
    '',
    'A scenario is listed with the flaws that break one of its own catalog rules and make it fail.',
    '',
    '| scenario | caught by |',
    '|---|---|',
    ...[...byScenario].map(([id, flaws]) => `| \`${id}\` | ${flaws.map((f) => `\`${f}\``).join(', ') || (noFlaw[id] ? `no flaw: ${cell(noFlaw[id]!)}` : '**not caught, and coverage.yaml gives no reason**')} |`),
    '',
    '## By check',
    '',
    'Each check as this run saw it: a pass on the clean server, and the flaws under which it newly failed or warned. A check the run cannot show both ways says why (`no_control` in coverage.yaml).',
    '',
    '| check | passes on the clean server | fails under |',
    '|---|---|---|',
    ...[...records].sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => `| \`${id}\` | ${r.passedClean ? 'yes' : 'no'} | ${[...r.failedUnder].map((f) => `\`${f}\``).join(', ') || '—'}${noControl[id] ? ` (${cell(noControl[id]!)})` : ''} |`),
    '',
  ].join('\n');
}
