/**
 * `npm run bench`: what a user feels, measured in one run on one machine, each as a ratio to the bare
 * work — the same browser flows driven by a plain Node script (bench/bare-flows.mjs) with raw
 * Playwright calls and nothing else. Every run, harness or bare, is a fresh process timed from spawn to
 * exit, its peak memory the summed PSS of its process tree.
 *
 * 1. Fixed cost: `oauth-conformance run --grep <metadata-published>` end to end, against the bare
 *    script launching Chromium and driving one authorization flow (median of --repeat runs each).
 * 2. Marginal cost: the default suite with 1 worker minus the one-scenario run, per scenario, against
 *    the bare loop over the same flows minus the one-flow run, per flow.
 * 3. The whole default suite with 1, 2 and 4 workers, against the bare loop with as many browsers.
 *
 * "The same flows" is read from the harness's own results (browserWork below): per scenario, whether it
 * ran in a fresh context or the worker's shared one, and every browser leg it drove, in order — each
 * authorization (its request as recorded; a pushed one is pushed again for a fresh request_uri), each
 * device verification, each framed authorization page, and the authorizations a race ran again for its
 * later rounds — with how it ended. The bare script repeats exactly that and says where it ended
 * otherwise. Each bare run gets a freshly started embedded server (and the redirect stub), started before
 * the clock and outside the measured process tree: the server is the target, not the work.
 *
 *   npm run bench                         everything; goals checked; writes bench/results.json
 *   npm run bench -- --quick              1 worker, one run of each: proves the bench works, checks no goal
 *                                         at 2 workers
 *   npm run bench -- --workers 2 --repeat 3 --out /tmp/bench.json
 *   npm run bench -- --pss-baseline old/results.json   "today's" peak PSS from an earlier bench run
 *   npm run bench -- --replay reports/results.json [--workers 1]   the bare loop alone, over the flows of
 *                                         that run: proves it replays them all (no harness run, no goals)
 *
 * Peak memory: the largest sum of PSS over the process tree, sampled every 200 ms from
 * /proc/<pid>/smaps_rollup; the RSS sum is recorded beside it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumExecutable, launchArgs } from '../src/drive/chromium.js';
import { resolveTarget } from '../src/drive/resolve-target.js';
import { FRAME_PATH, startStub } from '../src/drive/stub.js';
import type { RecordedEvidence, RunResults, ScenarioRecord } from '../src/results/results.js';
import { ATTACKER_HOST } from '../src/spec/redirect-uri-variants.js';
import { clientAuth, type ClientAuthVariant } from '../src/steps/client-auth.js';
import { embeddedEnv, startEmbeddedTarget } from '../src/runner/embedded.js';
import { ROOT } from '../src/runner/env.js';
import { loadPlanTarget } from '../src/runner/plan.js';
import { harnessHosts, targetHosts } from '../src/target/resolve.js';
import { loadTarget } from '../src/target/load.js';
import { startHardServer } from '../fixtures/servers/hard/index.js';
import { optionsFromProfile } from '../fixtures/servers/hard/profile.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    workers: { type: 'string' },
    repeat: { type: 'string' },
    out: { type: 'string' },
    'pss-baseline': { type: 'string' },
    replay: { type: 'string' },
  },
});
const QUICK = values.quick;
const WORKERS = (values.workers ?? (QUICK || values.replay ? '1' : '1,2,4')).split(',').map(Number);
const REPEAT = Number(values.repeat ?? (QUICK ? 1 : 5));
const OUT = path.resolve(values.out ?? path.join(ROOT, 'bench', 'results.json'));
const RUNS = path.join(ROOT, 'bench', 'runs');
/** The one scenario, `metadata-published`, by its id (`run --grep` selects by id or title). */
const ONE_SCENARIO = '^metadata-published$';

/**
 * Peak PSS (MiB) of the harness by worker count, from the last run recorded before the speed work of
 * issue 15 (bench/README.md, 2026-11-27, bench@2): "peak PSS no higher than today" is checked against it.
 */
const TODAY_PSS_MIB: Record<number, number> = { 1: 821, 2: 1071, 4: 1516 };

const GOALS = { fixed: 2.5, marginal: 1.3, suite: 1.5, suiteWorkers: 2, refusals: 1.5 } as const;

if (WORKERS.some((w) => !Number.isInteger(w) || w < 1) || !Number.isInteger(REPEAT) || REPEAT < 1) {
  process.stderr.write('bench: --workers takes a list like 1,2,4 and --repeat a whole number ≥ 1\n');
  process.exit(2);
}

interface Timed { wallS: number; peakPssMiB: number; peakRssMiB: number }
/** How an authorization ended in the harness: on the server's page, or at a harness host (with `error`, if the redirect carried one). */
interface Ending { refused: boolean; error?: string }
/** One browser leg of a scenario, as the harness drove it; made into the bare script's flows by runBare for each fresh server. */
type BrowserFlow = { label: string } & (
  /** An authorization: its recorded query sent again (`search`, duplicate parameters and all), or a plain request of `client` (`search` absent). */
  | { kind: 'authorize'; client: string; search?: string; deny: boolean; expect: Ending }
  /** A pushed authorization (RFC 9126): `pushedBy` pushes `pushed` (once per `push` in the scenario), then `query` carries the request_uri. */
  | { kind: 'pushed'; push: number; pushedBy: string; auth: ClientAuthVariant; pushed: Record<string, string>; query: Record<string, string>; expired: boolean; deny: boolean; expect: Ending }
  /** The device grant's browser leg (RFC 8628 §3.3): the device authorization request of `client`, then its verification page. */
  | { kind: 'device'; client: string; scope?: string }
  /** An authorization request in the attacker's frame. */
  | { kind: 'frame'; search: string }
);
/** One scenario's browser work: its context (fresh or the worker's shared one) and its browser legs, in order. */
interface BrowserUnit { scenario: string; fresh: boolean; flows: BrowserFlow[] }
interface FlowCounts {
  total: number; interactive: number; direct: number; refused: number; freshContexts: number;
  /** Of the total: pushed authorizations, device verifications, framed pages, authorizations a race ran again. */
  pushed: number; device: number; frame: number; reruns: number;
}
/** What the harness did in the browser that the bare loop leaves out, and why (never silently). */
interface LeftOut { scenario: string; what: string; why: string }
/** Scenarios that wait out a server's clock (a request_uri's expiry, device polling intervals): the bare loop does not wait. */
interface ClockBound { scenarios: string[]; s: number }
interface BrowserWork { units: BrowserUnit[]; flows: FlowCounts; leftOut: LeftOut[]; clockBound: ClockBound }
interface HarnessRun extends Timed, Omit<BrowserWork, 'units'> { workers: number; scenarios: number; medianS: number; p95S: number; units: BrowserUnit[] }
interface BareRun extends Timed { browsers: number; flows: number; byKind?: Record<string, number>; mismatches: string[] }

// ---- timing a process tree ------------------------------------------------------------------------

/** Spawns `node args…`, times it from spawn to exit and samples its tree's memory meanwhile. */
async function timed(args: string[], what: string, env: Record<string, string> = {}): Promise<Timed & { code: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const keep = (d: Buffer) => { output = (output + d.toString()).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const memory = sampleTreeMemory(child.pid!);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 2)));
  const wallS = (performance.now() - started) / 1000;
  const { pssMiB, rssMiB } = memory.stop();
  if (code === 2 || (what.startsWith('bare') && code !== 0)) throw new Error(`${what} exited ${code}:\n${output}`);
  return { wallS, peakPssMiB: pssMiB, peakRssMiB: rssMiB, code, output };
}

/**
 * Peak memory of a process and all its descendants, from /proc (Linux), two ways: the sum of PSS
 * (proportional set size: a page shared by n processes counts 1/n in each, so the sum is what the tree
 * really holds — the figure the goal is about) and the sum of RSS (counts every shared page once per
 * process: Chromium's processes share most of their code, so this overstates).
 */
function sampleTreeMemory(root: number): { stop(): { pssMiB: number; rssMiB: number } } {
  let peakPss = 0;
  let peakRss = 0;
  const sample = () => {
    const parent = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(name), Number(fields[1]));
        rss.set(Number(name), Number(fields[21]) * 4096);
      } catch {
        // the process ended between readdir and read
      }
    }
    const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && pid > 1 && inTree(parent.get(pid)!));
    let totalRss = 0;
    let totalPss = 0;
    for (const [pid, bytes] of rss) {
      if (!inTree(pid)) continue;
      totalRss += bytes;
      try {
        const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        totalPss += kb ? Number(kb[1]) * 1024 : bytes;
      } catch {
        // ended meanwhile
      }
    }
    peakRss = Math.max(peakRss, totalRss);
    peakPss = Math.max(peakPss, totalPss);
  };
  const timer = setInterval(sample, 200);
  sample();
  return { stop: () => { clearInterval(timer); sample(); return { pssMiB: peakPss / 2 ** 20, rssMiB: peakRss / 2 ** 20 }; } };
}

// ---- the harness, through its CLI -----------------------------------------------------------------

/** `workers` undefined: the CLI's default, as a user types the command. */
async function runHarness(name: string, workers: number | undefined, extra: string[] = [], env: Record<string, string> = {}): Promise<HarnessRun & { results: RunResults }> {
  const reportDir = path.join(RUNS, name);
  rmSync(reportDir, { recursive: true, force: true });
  const t = await timed(['bin/oauth-conformance.mjs', 'run', ...extra, ...(workers ? ['--workers', String(workers)] : []), '--report-dir', reportDir], `the harness run ${name}`, env);
  const results = JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const durations = results.scenarios.filter((s) => s.verdict !== 'skip').map((s) => s.durationMs / 1000).sort((a, b) => a - b);
  const { output: _, code: __, ...time } = t;
  return { ...time, workers: workers ?? 1, scenarios: results.scenarios.length, ...browserWork(results), medianS: quantile(durations, 0.5), p95S: quantile(durations, 0.95), results };
}

// ---- the harness's browser work, from its results ------------------------------------------------

/**
 * Every browser leg of the run, per scenario in order. Authorizations are sent again as recorded (the
 * server is started afresh, so only its origin changes), except where a recorded request cannot be
 * sent twice: a pushed one (its request_uri was single-use and short-lived) is pushed again, and one
 * whose request object was signed for the other server's issuer, if the harness's landed, becomes a
 * plain request of the same client. A leg it cannot repeat is listed in `leftOut`, never dropped unsaid.
 */
function browserWork(results: RunResults): BrowserWork {
  const flows: FlowCounts = { total: 0, interactive: 0, direct: 0, refused: 0, freshContexts: 0, pushed: 0, device: 0, frame: 0, reruns: 0 };
  const units: BrowserUnit[] = [];
  const leftOut: LeftOut[] = [];
  const clockBound: ClockBound = { scenarios: [], s: 0 };
  for (const s of results.scenarios) {
    const unit: BrowserUnit = { scenario: s.id, fresh: s.browser === 'fresh', flows: [] };
    const byStep = new Map<number, BrowserFlow>();
    const add = (f: BrowserFlow, e?: Extract<RecordedEvidence, { kind: 'authorization' }>) => {
      unit.flows.push(f);
      flows.total++;
      if (f.kind === 'pushed') flows.pushed++;
      if (f.kind === 'device' || f.kind === 'frame') flows[f.kind]++;
      if (e && e.outcome.type !== 'redirect') flows.refused++;
      else if (e) flows[e.interactions.length ? 'interactive' : 'direct']++;
    };
    for (const e of s.evidence) {
      if (e.kind === 'authorization') {
        const f = authorizationFlow(s, e, `${s.id} step ${e.step}`, leftOut);
        if (f) { byStep.set(e.step, f); add(f, e); }
      } else if (e.kind === 'device' && e.approval) {
        const scope = new URLSearchParams(e.authorization?.request.body ?? '').get('scope') ?? undefined;
        add({ kind: 'device', label: `${s.id} step ${e.step} (device verification)`, client: e.client, ...(scope ? { scope } : {}) });
      } else if (e.kind === 'frame') {
        add({ kind: 'frame', label: `${s.id} step ${e.step} (framed)`, search: new URL(e.url).search });
      } else if (e.kind === 'token-race') {
        // Each later round ran the authorize steps behind the raced code or refresh token again (race.ts).
        for (const step of authorizeStepsBehind(s, e.codeFrom ?? e.tokenFrom)) {
          const f = byStep.get(step);
          const original = s.evidence.find((x): x is Extract<RecordedEvidence, { kind: 'authorization' }> => x.kind === 'authorization' && x.step === step);
          for (let round = 2; round <= e.rounds.length; round++) {
            if (f?.kind !== 'authorize' || !original) { leftOut.push({ scenario: s.id, what: `round ${round} of the race at step ${e.step}: step ${step} again`, why: f ? 'a pushed authorization run again (its request_uri was used)' : 'no authorization recorded at that step' }); continue; }
            add({ ...f, label: `${s.id} step ${step} again (race round ${round})` }, original);
            flows.reruns++;
          }
        }
      }
    }
    // A push waited out its request_uri's life, or polls of a device code a polling interval apart (device.ts).
    const waits = s.evidence.some((e) => (e.kind === 'par' && e.waited !== undefined)
      || (e.kind === 'device' && e.polls.some((p, i) => i > 0 && p.at - e.polls[i - 1].at >= 0.9 * (e.interval ?? 5))));
    if (waits) { clockBound.scenarios.push(s.id); clockBound.s += s.durationMs / 1000; }
    if (!unit.flows.length) {
      if (s.browser) leftOut.push({ scenario: s.id, what: `a ${s.browser} browser context`, why: 'no browser leg the bench knows in its evidence (authorization, device verification, frame)' });
      continue;
    }
    if (!s.browser) leftOut.push({ scenario: s.id, what: 'its browser legs ran in a context the results do not name', why: 'replayed in the shared context' });
    units.push(unit);
    if (unit.fresh) flows.freshContexts++;
  }
  return { units, flows, leftOut, clockBound };
}

function authorizationFlow(s: ScenarioRecord, e: Extract<RecordedEvidence, { kind: 'authorization' }>, label: string, leftOut: LeftOut[]): BrowserFlow | undefined {
  const expect: Ending = e.outcome.type === 'redirect'
    ? { refused: false, ...(errorOf(e.outcome) ? { error: errorOf(e.outcome) } : {}) }
    : { refused: true };
  const deny = e.consent === 'deny';
  if (e.pushed) {
    // pushed.from is the par step's index from 0 (results number steps from 1).
    const pars = s.evidence.filter((x): x is Extract<RecordedEvidence, { kind: 'par' }> => x.kind === 'par' && x.step < e.step && x.client === e.pushed!.client);
    const par = pars.find((x) => x.step === e.pushed!.from + 1) ?? pars.at(-1);
    if (!par?.pushed) { leftOut.push({ scenario: s.id, what: `${label}: a pushed authorization`, why: 'the push it used is not in the evidence' }); return undefined; }
    const auth = par.variants.find((v) => v.startsWith('auth:'))?.slice('auth:'.length) as ClientAuthVariant | undefined;
    return { kind: 'pushed', label: `${label} (pushed)`, push: par.step, pushedBy: par.client, auth: auth ?? 'as-registered', pushed: par.pushed, query: e.request.params, expired: par.waited !== undefined, deny, expect };
  }
  // A request object is signed for the issuer of the run that recorded it: another server's, here. Refused,
  // it is refused again; accepted, the same client's plain request stands in for it.
  if (e.request.params.request !== undefined && !expect.refused) return { kind: 'authorize', label: `${label} (request object, as a plain request)`, client: e.client, deny, expect };
  return { kind: 'authorize', label, client: e.client, search: new URL(e.request.url).search, deny, expect };
}

function errorOf(o: { query: Record<string, string[]>; fragment: Record<string, string[]> }): string | undefined {
  return o.query.error?.[0] ?? o.fragment.error?.[0];
}

/** The authorize steps whose code led to step `step`'s tokens (through token and refresh steps), oldest first. */
function authorizeStepsBehind(s: ScenarioRecord, step: number | undefined): number[] {
  if (step === undefined) return [];
  const e = s.evidence.find((x) => x.step === step && (x.kind === 'authorization' || x.kind === 'token'));
  if (e?.kind === 'authorization') return [step];
  if (e?.kind === 'token') return authorizeStepsBehind(s, e.codeFrom ?? e.tokenFrom);
  return [];
}

// ---- the bare work: bench/bare-flows.mjs over the same flows -------------------------------------

const profile = loadPlanTarget({ target: path.join(ROOT, 'fixtures/targets/embedded.yaml'), suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });

/** Longest a bare flow may take before the script names it and gives up (the harness's own flow timeout is 30 s too). */
const BARE_FLOW_TIMEOUT_MS = 30_000;
/** The PKCE verifier of the bench's own plain requests (the harness sends a challenge by default; a public client must). */
const BENCH_VERIFIER = 'oc-bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';

async function runBare(browsers: number, units: BrowserUnit[]): Promise<BareRun> {
  // Started as the harness starts it (its private_key_jwt clients' keys, the profile's switches).
  const server = await startEmbeddedTarget(profile);
  const target = await resolveTarget(profile, embeddedEnv(server));
  const hosts = harnessHosts(profile);
  const stub = await startStub(hosts);
  /** The request's query on this server's authorization endpoint (a recorded one: only the server's origin differs). */
  const authorizationUrl = (query: string | Record<string, string>) => `${target.endpoints.authorization}?${typeof query === 'string' ? query.replace(/^\?/, '') : new URLSearchParams(query)}`;
  const plain = (clientKey: string) => {
    const client = profile.clients[clientKey];
    return {
      response_type: 'code', client_id: client.id, redirect_uri: client.redirect_uris[0], scope: profile.scope ?? 'openid', state: 'bench-state-0123456789',
      code_challenge: createHash('sha256').update(BENCH_VERIFIER).digest('base64url'), code_challenge_method: 'S256',
    };
  };
  /** A client's authentication for one back-channel request (an assertion is single-use: one each). */
  const authFor = (clientKey: string, variant: ClientAuthVariant = 'as-registered') => clientAuth(profile.clients[clientKey], variant, target.endpoints.issuer);
  const metadata = target.endpoints.metadata ?? {};
  const endpoint = (name: string) => {
    const url = metadata[name];
    if (typeof url !== 'string') throw new Error(`the embedded server advertises no ${name}, which the run being replayed used`);
    return url;
  };
  const planFlow = async (f: BrowserFlow) => {
    switch (f.kind) {
      case 'authorize':
        return { kind: f.kind, label: f.label, url: authorizationUrl(f.search ?? plain(f.client)), deny: f.deny, expect: f.expect };
      case 'pushed': {
        const auth = await authFor(f.pushedBy, f.auth);
        const form = [...Object.entries(f.pushed), ...auth.form.filter(([k]) => k !== 'client_id' || !Object.hasOwn(f.pushed, 'client_id'))];
        return {
          kind: f.kind, label: f.label, authorizationEndpoint: target.endpoints.authorization, query: f.query, expired: f.expired, deny: f.deny, expect: f.expect,
          push: { id: f.push, endpoint: `${endpoint('pushed_authorization_request_endpoint')}${auth.query.length ? `?${new URLSearchParams(auth.query)}` : ''}`, headers: auth.headers, form },
        };
      }
      case 'device': {
        const auth = await authFor(f.client);
        const form = [['scope', f.scope ?? profile.scope ?? 'openid'], ...auth.form];
        if (!form.some(([k]) => k === 'client_id') && !auth.headers.authorization) form.push(['client_id', profile.clients[f.client].id]);
        return { kind: f.kind, label: f.label, endpoint: endpoint('device_authorization_endpoint'), headers: auth.headers, form };
      }
      case 'frame':
        return { kind: f.kind, label: f.label, url: `https://${ATTACKER_HOST}${FRAME_PATH}?src=${encodeURIComponent(authorizationUrl(f.search))}` };
    }
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-bench-'));
  const plan = path.join(dir, 'plan.json');
  try {
    writeFileSync(plan, JSON.stringify({
      browsers, executablePath: chromiumExecutable(), args: launchArgs(stub, hosts, targetHosts(target)), landedHosts: hosts, user: profile.user, flowTimeoutMs: BARE_FLOW_TIMEOUT_MS,
      units: await Promise.all(units.map(async (u) => ({ fresh: u.fresh, flows: await Promise.all(u.flows.map(planFlow)) }))),
    }));
    const t = await timed(['bench/bare-flows.mjs', plan], `bare-flows.mjs with ${browsers} browser(s)`);
    let summary: { flows?: Record<string, number>; mismatches?: string[] };
    try {
      summary = JSON.parse(t.output.trim().split('\n').at(-1) ?? '');
    } catch {
      summary = { mismatches: [`(the bare script's closing summary was unreadable: ${JSON.stringify(t.output.slice(-200))})`] };
    }
    return { wallS: t.wallS, peakPssMiB: t.peakPssMiB, peakRssMiB: t.peakRssMiB, browsers, flows: units.reduce((n, u) => n + u.flows.length, 0), byKind: summary.flows, mismatches: summary.mismatches ?? [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stub.close();
    await server.close();
  }
}

// ---- figures --------------------------------------------------------------------------------------

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

function machine() {
  const chromiumPath = chromiumExecutable() ?? '';
  let chromiumVersion = '';
  try { chromiumVersion = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim(); } catch { /* reported as unknown */ }
  return {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, node: process.version, chromium: chromiumVersion || '(version unknown)', chromiumPath,
    loadAverageAtStart: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

/** "Today's" peak PSS by worker count: an earlier bench's results.json (bench@2 or @3), or the recorded figures. */
function todayPss(file: string | undefined): { source: string; mib: Record<number, number> } {
  if (!file) return { source: 'bench/README.md, run of 2026-11-27', mib: TODAY_PSS_MIB };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { rows?: { harness: { workers: number; peakMiB: number } }[]; suite?: { workers: number; harness: { peakPssMiB: number } }[] };
  const pairs = r.suite?.map((s) => [s.workers, s.harness.peakPssMiB]) ?? r.rows?.map((s) => [s.harness.workers, s.harness.peakMiB]) ?? [];
  if (!pairs.length) throw new Error(`${file} holds no peak memory by worker count (a bench results.json, @2 or @3)`);
  return { source: file, mib: Object.fromEntries(pairs) };
}

interface Goal { name: string; measured: number; goal: number; unit: '×' | 'MiB'; met: boolean; miss?: string }

/** A ratio goal; when missed, by how much, and what the harness's figure would have to be. */
function ratioGoal(name: string, harnessS: number, bareS: number, goal: number, unitName: string): Goal {
  const measured = harnessS / bareS;
  const met = measured <= goal;
  const needed = bareS * goal;
  return {
    name, measured, goal, unit: '×', met,
    ...(met ? {} : { miss: `by ${(measured - goal).toFixed(2)}× (${pct(measured / goal - 1)}): the harness takes ${fmtS(harnessS)} ${unitName}, the goal allows ${fmtS(needed)} (${fmtS(harnessS - needed)} less)` }),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const fmtS = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

// ---- the run ------------------------------------------------------------------------------------

mkdirSync(RUNS, { recursive: true });
const info = machine();
const baseline = todayPss(values['pss-baseline']);
const say = (s: string) => process.stdout.write(s);
say(`bench on ${info.cpus} × ${info.cpu}, ${info.memoryGiB} GiB, ${info.node}, ${info.chromium}; load ${info.loadAverageAtStart.join(' ')}${QUICK ? ' (--quick)' : ''}\n`);
if (info.loadAverageAtStart[0] > info.cpus / 2) say(`  the machine is busy (load ${info.loadAverageAtStart[0]}): figures from a loaded machine say little\n`);

/** What a bare run did otherwise than the harness: said, never hidden. */
const sayMismatches = (b: BareRun) => {
  if (!b.mismatches.length) return;
  say(`  ${b.mismatches.length} flow(s) of the bare loop ended otherwise than the harness's:\n`);
  for (const m of b.mismatches.slice(0, 10)) say(`    ${m}\n`);
};
const sayWork = (w: Omit<BrowserWork, 'units'>) => {
  const f = w.flows;
  say(`  browser legs: ${f.total} (${f.interactive} interactive, ${f.direct} direct, ${f.refused} refused; of them ${f.pushed} pushed, ${f.reruns} race reruns; ${f.device} device verifications, ${f.frame} framed), ${f.freshContexts} fresh contexts\n`);
  for (const l of w.leftOut) say(`  left out of the bare loop: ${l.scenario}: ${l.what} (${l.why})\n`);
  if (w.clockBound.scenarios.length) say(`  ${w.clockBound.s.toFixed(1)} s of scenario time in ${w.clockBound.scenarios.length} scenario(s) that wait out the server's clock (request_uri expiry, device polling), which the bare loop does not: ${w.clockBound.scenarios.join(', ')}\n`);
};

// --replay: the bare loop alone, over the flows of an earlier harness run.
if (values.replay) {
  const work = browserWork(JSON.parse(readFileSync(values.replay, 'utf8')) as RunResults);
  say(`replaying the browser work of ${values.replay}\n`);
  sayWork(work);
  let failed = false;
  for (const browsers of WORKERS) {
    say(`bare loop, ${browsers} browser(s) … `);
    const bare = await runBare(browsers, work.units);
    say(`${bare.wallS.toFixed(1)} s, peak ${Math.round(bare.peakPssMiB)} MiB PSS; flows by kind ${JSON.stringify(bare.byKind)}\n`);
    sayMismatches(bare);
    failed ||= bare.mismatches.length > 0;
  }
  process.exit(failed ? 1 : 0);
}

// 1. Fixed cost, harness and bare runs interleaved so that a change in the machine's load hits both.
const oneFlow: BrowserUnit[] = [{ scenario: 'one flow', fresh: true, flows: [{ kind: 'authorize', label: 'one flow', client: 'confidential', deny: false, expect: { refused: false } }] }];
const harnessOne: HarnessRun[] = [];
const bareOne: BareRun[] = [];
for (let i = 0; i < REPEAT; i++) {
  say(`fixed cost ${i + 1}/${REPEAT}: one-scenario run … `);
  harnessOne.push(await runHarness(`one-${i + 1}`, undefined, ['--grep', ONE_SCENARIO]));
  say(`${harnessOne[i].wallS.toFixed(2)} s; bare one-flow script … `);
  bareOne.push(await runBare(1, oneFlow));
  say(`${bareOne[i].wallS.toFixed(2)} s\n`);
  sayMismatches(bareOne[i]);
}
if (harnessOne[0].scenarios !== 1) throw new Error(`--grep '${ONE_SCENARIO}' ran ${harnessOne[0].scenarios} scenarios, not 1`);
const fixed = {
  harness: { command: `oauth-conformance run --grep '${ONE_SCENARIO}'`, runsS: harnessOne.map((r) => r.wallS), medianS: median(harnessOne.map((r) => r.wallS)), peakPssMiB: Math.max(...harnessOne.map((r) => r.peakPssMiB)) },
  bare: { command: 'node bench/bare-flows.mjs (one browser, one authorization flow)', runsS: bareOne.map((r) => r.wallS), medianS: median(bareOne.map((r) => r.wallS)), peakPssMiB: Math.max(...bareOne.map((r) => r.peakPssMiB)) },
};

// 3. The whole suite by worker count; the 1-worker runs also give 2., the marginal cost.
let suiteResults: RunResults | undefined;
const suite: { workers: number; harness: Omit<HarnessRun, 'units'>; bare: BareRun; ratio: number }[] = [];
for (const workers of [...new Set([1, ...WORKERS])].sort((a, b) => a - b)) {
  say(`whole suite, ${workers} worker(s): harness … `);
  const { units, results, ...harness } = await runHarness(`workers-${workers}`, workers);
  if (workers === 1) suiteResults = results;
  say(`${harness.wallS.toFixed(1)} s; bare loop (${harness.flows.total} flows) … `);
  const bare = await runBare(workers, units);
  say(`${bare.wallS.toFixed(1)} s\n`);
  sayWork(harness);
  sayMismatches(bare);
  suite.push({ workers, harness, bare, ratio: harness.wallS / bare.wallS });
}

// 4. Refusals on a server whose error page is a 200 HTML page (fixtures/servers/hard), against the same
// scenarios on the embedded server (its refusals are 400 pages) in the 1-worker suite: scenario time from
// results.json, over the scenarios both judged: the median, since the first refusal of a client in a run also
// pays its positive control (a valid authorization with login), which the embedded suite paid elsewhere.
// A refusal is recognised once its page has loaded and holds no interaction rule's element, not after the
// action timeout.
say('refusals on 200 error pages: hard server … ');
const refusals = await (async () => {
  const { target } = loadTarget(path.join(ROOT, 'fixtures/targets/hard.yaml'));
  if (!target) throw new Error('fixtures/targets/hard.yaml does not load');
  const server = await startHardServer(optionsFromProfile(target, { errorPageStatus: 200 }));
  try {
    const grep = '^redirect-uri-(?!.*(other-client|prompt-none|required-multiple))';
    const run = await runHarness('refusals-hard', 1, ['--target', path.join(ROOT, 'fixtures/targets/hard.yaml'), '--grep', grep], { OC_HARD_ISSUER: server.issuer, OC_HARD_RESOURCE: server.resourceUrl ?? '' });
    const judged = (r: RunResults | undefined) => new Map((r?.scenarios ?? []).filter((s) => s.verdict !== 'skip' && s.verdict !== 'error').map((s) => [s.id, s.durationMs / 1000]));
    const hard = judged(run.results);
    const embedded = judged(suiteResults);
    const both = [...hard.keys()].filter((id) => embedded.has(id));
    const mid = (m: Map<string, number>) => median(both.map((id) => m.get(id)!));
    const mean = (m: Map<string, number>) => both.reduce((t, id) => t + m.get(id)!, 0) / Math.max(1, both.length);
    return { scenarios: both.length, hardMedianS: mid(hard), embeddedMedianS: mid(embedded), ratio: mid(hard) / mid(embedded), hardMeanS: mean(hard), embeddedMeanS: mean(embedded) };
  } finally {
    await server.close();
  }
})();
say(`${refusals.scenarios} scenarios, median ${fmtS(refusals.hardMedianS)} against ${fmtS(refusals.embeddedMedianS)} on the embedded server (means ${fmtS(refusals.hardMeanS)}, ${fmtS(refusals.embeddedMeanS)})\n`);

const one = suite.find((r) => r.workers === 1)!;
const harnessPerScenarioS = (one.harness.wallS - fixed.harness.medianS) / (one.harness.scenarios - 1);
const barePerFlowS = (one.bare.wallS - fixed.bare.medianS) / (one.bare.flows - 1);
// Not a goal, for reading it: the same without the scenarios that wait out the server's clock (all their time, browser legs too).
const clock = one.harness.clockBound;
const harnessPerScenarioOffClockS = (one.harness.wallS - fixed.harness.medianS - clock.s) / (one.harness.scenarios - 1);
const marginal = {
  harness: { suiteS: one.harness.wallS, oneS: fixed.harness.medianS, scenarios: one.harness.scenarios, perScenarioS: harnessPerScenarioS, clockBoundS: clock.s, perScenarioOffClockS: harnessPerScenarioOffClockS },
  bare: { loopS: one.bare.wallS, oneS: fixed.bare.medianS, flows: one.bare.flows, perFlowS: barePerFlowS },
};

// Goals.
const goals: Goal[] = [
  ratioGoal('fixed cost: one-scenario run / bare one-flow script', fixed.harness.medianS, fixed.bare.medianS, GOALS.fixed, 'for one scenario'),
  ratioGoal('marginal cost: harness per scenario / bare per flow', harnessPerScenarioS, barePerFlowS, GOALS.marginal, 'per scenario'),
];
const headline = suite.find((r) => r.workers === GOALS.suiteWorkers);
const notMeasured: string[] = [];
if (refusals.scenarios) goals.push(ratioGoal('refusals on 200 error pages: hard server / embedded server, median scenario', refusals.hardMedianS, refusals.embeddedMedianS, GOALS.refusals, 'per refusal'));
else notMeasured.push('refusals on 200 error pages (no redirect-uri scenario judged on both servers)');
if (headline) goals.push(ratioGoal(`whole suite, ${GOALS.suiteWorkers} workers: harness / bare loop`, headline.harness.wallS, headline.bare.wallS, GOALS.suite, 'for the suite'));
else notMeasured.push(`whole suite at ${GOALS.suiteWorkers} workers (not run: --workers ${WORKERS.join(',')})`);
// Peak PSS at the headline worker count (or the largest run here), against today's at the same count.
const memoryRow = headline ?? suite[suite.length - 1];
const todayMiB = baseline.mib[memoryRow.workers];
if (todayMiB) {
  const measured = memoryRow.harness.peakPssMiB;
  goals.push({
    name: `peak PSS, whole suite at ${memoryRow.workers} worker(s) (today: ${Math.round(todayMiB)} MiB, ${baseline.source})`, measured, goal: todayMiB, unit: 'MiB', met: measured <= todayMiB,
    ...(measured <= todayMiB ? {} : { miss: `by ${Math.round(measured - todayMiB)} MiB (${pct(measured / todayMiB - 1)})` }),
  });
} else notMeasured.push(`peak PSS at ${memoryRow.workers} worker(s) (no figure for today at that count in ${baseline.source})`);

// The table.
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const mib = (n: number) => String(Math.round(n));
const table = (header: string[], body: string[][]) => {
  const widths = header.map((t, i) => Math.max(t.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return `${line(header)}\n${body.map(line).join('\n')}\n`;
};
say(`\nfixed cost (median of ${REPEAT}): harness ${f2(fixed.harness.medianS)} s, peak ${mib(fixed.harness.peakPssMiB)} MiB PSS; bare ${f2(fixed.bare.medianS)} s, peak ${mib(fixed.bare.peakPssMiB)} MiB PSS\n`);
say(`marginal cost (1 worker): harness (${f1(one.harness.wallS)} − ${f2(fixed.harness.medianS)} s) / ${one.harness.scenarios - 1} scenarios = ${fmtS(harnessPerScenarioS)}; bare (${f1(one.bare.wallS)} − ${f2(fixed.bare.medianS)} s) / ${one.bare.flows - 1} flows = ${fmtS(barePerFlowS)}\n`);
if (clock.s) say(`  (not a goal) the harness less the ${f1(clock.s)} s of ${clock.scenarios.length} scenario(s) that wait out the server's clock: ${fmtS(harnessPerScenarioOffClockS)} per scenario, ${f2(harnessPerScenarioOffClockS / barePerFlowS)}× the bare flow\n`);
say('\n');
say(table(
  ['workers', 'scenarios', 'legs (interactive/direct/refused + device/frame)', 'fresh contexts', 'wall s', 'median s', 'p95 s', 'peak MiB (PSS)', 'RSS sum', 'bare wall s', 'bare MiB (PSS)', 'ratio'],
  suite.map(({ harness: h, bare: b, ratio }) => [
    String(h.workers), String(h.scenarios), `${h.flows.total} (${h.flows.interactive}/${h.flows.direct}/${h.flows.refused} + ${h.flows.device}/${h.flows.frame})`, String(h.flows.freshContexts), f1(h.wallS), f2(h.medianS), f2(h.p95S), mib(h.peakPssMiB), mib(h.peakRssMiB), f1(b.wallS), mib(b.peakPssMiB), f2(ratio),
  ]),
));
say('\ngoals:\n');
for (const g of goals) {
  const value = g.unit === '×' ? `${f2(g.measured)}× (goal ≤ ${g.goal}×)` : `${mib(g.measured)} MiB (goal ≤ ${mib(g.goal)} MiB)`;
  say(`  ${g.met ? 'met   ' : 'MISSED'} ${g.name}: ${value}${g.miss ? `; missed ${g.miss}` : ''}\n`);
}
for (const n of notMeasured) say(`  n/a    ${n}\n`);

mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify({
  schema: 'oauth-conformance/bench@3', at: new Date().toISOString(), quick: QUICK, repeat: REPEAT, machine: info,
  fixed: { ...fixed, ratio: fixed.harness.medianS / fixed.bare.medianS },
  marginal: { ...marginal, ratio: harnessPerScenarioS / barePerFlowS },
  refusals,
  suite,
  goals: goals.map(({ name, measured, goal, unit, met, miss }) => ({ name, measured: +measured.toFixed(3), goal, unit, met, ...(miss ? { miss } : {}) })),
  notMeasured,
}, null, 2)}\n`);
say(`wrote ${path.relative(ROOT, OUT).startsWith('..') ? OUT : path.relative(ROOT, OUT)}\n`);
