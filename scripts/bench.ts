/**
 * `npm run bench`: the default suite against the embedded server through the real CLI, and, in the
 * same run, a bare Playwright loop that drives the same authorization flows against the same kind of
 * server with nothing around it — the physical cost of the browser work. The ratio harness / bare is
 * the headline: what the harness costs on top of the flows it must drive anyway.
 *
 * "The same flows" is read from the harness's own results: per scenario, whether it ran in a fresh
 * context or the worker's shared one, and per authorization, its client and whether it reached the
 * client or stopped on the server's error page. The bare loop repeats exactly that with raw Playwright
 * calls — a new context where the harness made one, the same page where it shared one, the login and
 * consent pages whenever the server shows them — and nothing else.
 *
 *   npm run bench                      workers 1, 2 and 4; the headline at 2
 *   npm run bench -- --workers 2       one worker count only
 *   npm run bench -- --bare 50         only the bare loop, 50 full flows in fresh contexts (the browser's cost alone)
 *
 * Writes bench/results.json. Peak memory is the largest sum of PSS over the whole process tree (CLI,
 * Playwright workers, Chromium processes, embedded server), sampled every 200 ms from /proc; the RSS
 * sum is reported beside it.
 */
import { authMethod } from '../src/target/auth-methods.js';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright';
import { startEmbeddedServer } from '../fixtures/servers/embedded/index.js';
import { chromiumExecutable, launchArgs } from '../src/drive/chromium.js';
import { startStub } from '../src/drive/stub.js';
import type { RunResults } from '../src/results/results.js';
import { ROOT } from '../src/runner/env.js';
import { loadPlanTarget } from '../src/runner/plan.js';
import { resolveTarget } from '../src/drive/resolve-target.js';
import { harnessHosts, targetHosts } from '../src/target/resolve.js';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '1,2,4' }, bare: { type: 'string' } } });
const workerCounts = values.workers.split(',').map(Number);
const HEADLINE_WORKERS = workerCounts.includes(2) ? 2 : workerCounts[0];
const OUT = path.join(ROOT, 'bench');

/** One scenario's browser work: its context (fresh or the worker's shared one) and its authorizations, in order. */
interface BrowserUnit { fresh: boolean; flows: { client: string; refused: boolean }[] }
interface FlowCounts { total: number; interactive: number; direct: number; refused: number; freshContexts: number }
interface HarnessRun { workers: number; wallS: number; scenarios: number; flows: FlowCounts; medianS: number; p95S: number; perSecond: number; peakMiB: number; peakRssMiB: number; units: BrowserUnit[] }
interface BareRun { workers: number; wallS: number; flows: number; peakMiB: number; peakRssMiB: number }

// ---- the harness, through its CLI -----------------------------------------------------------------

async function runHarness(workers: number): Promise<HarnessRun> {
  const reportDir = path.join(OUT, 'runs', `workers-${workers}`);
  rmSync(reportDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/oauth-conformance.mjs', 'run', '--workers', String(workers), '--report-dir', reportDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const peak = sampleTreeMemory(child.pid!);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 2)));
  const wallS = (performance.now() - started) / 1000;
  const { pssMiB: peakMiB, rssMiB: peakRssMiB } = peak.stop();
  if (code === 2) throw new Error(`the harness run with ${workers} worker(s) exited 2; see ${reportDir}`);
  const results = JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const ran = results.scenarios.filter((s) => s.verdict !== 'skip');
  const durations = ran.map((s) => s.durationMs / 1000).sort((a, b) => a - b);
  const flows: FlowCounts = { total: 0, interactive: 0, direct: 0, refused: 0, freshContexts: 0 };
  const units: BrowserUnit[] = [];
  for (const s of results.scenarios) {
    const authorizations = s.evidence.flatMap((e) => (e.kind === 'authorization' ? [e] : []));
    if (!s.browser || !authorizations.length) continue;
    units.push({ fresh: s.browser === 'fresh', flows: authorizations.map((e) => ({ client: e.client, refused: e.outcome.type !== 'redirect' })) });
    if (s.browser === 'fresh') flows.freshContexts++;
    for (const e of authorizations) {
      flows.total++;
      if (e.outcome.type !== 'redirect') flows.refused++;
      else flows[e.interactions.length ? 'interactive' : 'direct']++;
    }
  }
  return {
    workers, wallS, scenarios: results.scenarios.length, flows, units, peakMiB, peakRssMiB,
    medianS: quantile(durations, 0.5), p95S: quantile(durations, 0.95), perSecond: results.scenarios.length / wallS,
  };
}

// ---- the bare loop: the same flows, raw Playwright calls, nothing else ---------------------------

async function runBare(workers: number, units: BrowserUnit[]): Promise<BareRun> {
  const profile = loadPlanTarget({ target: path.join(ROOT, 'fixtures/targets/embedded.yaml'), suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });
  const server = await startEmbeddedServer({ clients: Object.values(profile.clients).map((c) => ({ ...c, auth: authMethod(c) })), users: profile.user ? [profile.user] : [] });
  const target = await resolveTarget(profile, { OC_EMBEDDED_ISSUER: server.issuer, OC_EMBEDDED_RESOURCE: server.resourceUrl });
  const hosts = harnessHosts(profile);
  const stub = await startStub(hosts);
  const authorizationUrl = (clientKey: string, refused: boolean) => {
    const client = profile.clients[clientKey];
    return `${target.endpoints.authorization}?${new URLSearchParams({
      response_type: 'code', client_id: client.id, redirect_uri: refused ? 'https://attacker.example/cb' : client.redirect_uris[0], scope: 'openid', state: 'bench-state-0123456789',
    })}`;
  };
  const landed = (u: URL) => u.hostname.endsWith('oauth-conformance.test');
  const peak = sampleTreeMemory(process.pid);
  const started = performance.now();
  // One browser per worker, as the harness launches one per Playwright worker.
  const browsers: Browser[] = await Promise.all(Array.from({ length: workers }, () => chromium.launch({ executablePath: chromiumExecutable(), args: launchArgs(stub, hosts, targetHosts(target)) })));
  const queue = [...units];
  await Promise.all(browsers.map(async (browser) => {
    let shared: Page | undefined;
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const page = unit.fresh ? await (await browser.newContext()).newPage() : (shared ??= await (await browser.newContext()).newPage());
      for (const flow of unit.flows) {
        if (flow.refused) {
          await page.goto(authorizationUrl(flow.client, true), { waitUntil: 'load' });
          continue;
        }
        await page.goto(authorizationUrl(flow.client, false), { waitUntil: 'commit' });
        // Whatever the server shows: the login page, the consent page, or straight back to the client.
        const login = page.getByLabel('Password');
        const consent = page.getByRole('button', { name: 'Continue' });
        while (!landed(new URL(page.url()))) {
          if (await login.isVisible()) {
            await page.getByLabel('Username').fill(profile.user!.username);
            await login.fill(profile.user!.password);
            await page.getByRole('button', { name: 'Sign in' }).click();
            await login.waitFor({ state: 'detached' });
          } else if (await consent.isVisible()) {
            await consent.click();
            await consent.waitFor({ state: 'detached' });
          } else {
            await page.waitForTimeout(20); // a plain script polls too (the harness: every 50 ms)
          }
        }
        await page.waitForURL(landed);
      }
      if (unit.fresh) await page.context().close();
    }
  }));
  const wallS = (performance.now() - started) / 1000;
  const { pssMiB: peakMiB, rssMiB: peakRssMiB } = peak.stop();
  await Promise.all(browsers.map((b) => b.close()));
  await stub.close();
  await server.close();
  return { workers, wallS, flows: units.reduce((n, u) => n + u.flows.length, 0), peakMiB, peakRssMiB };
}

// ---- measurement helpers ------------------------------------------------------------------------

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

/**
 * Peak memory of a process and all its descendants, from /proc (Linux), two ways: the sum of PSS
 * (proportional set size: a page shared by n processes counts 1/n in each, so the sum is what the tree
 * really holds — the headline) and the sum of RSS (counts every shared page once per process: Chromium's
 * processes share most of their code, so this overstates).
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
        totalPss += 0; // ended meanwhile
      }
    }
    peakRss = Math.max(peakRss, totalRss);
    peakPss = Math.max(peakPss, totalPss);
  };
  const timer = setInterval(sample, 200);
  sample();
  return { stop: () => { clearInterval(timer); sample(); return { pssMiB: peakPss / 2 ** 20, rssMiB: peakRss / 2 ** 20 }; } };
}

function machine() {
  const chromiumPath = chromiumExecutable() ?? '';
  let chromiumVersion = '';
  try { chromiumVersion = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim(); } catch { /* reported as unknown */ }
  return {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, node: process.version, chromium: `${chromiumPath} ${chromiumVersion || '(version unknown)'}`.trim(),
    loadAverageAtStart: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

// ---- the run ------------------------------------------------------------------------------------

if (values.bare) {
  for (const workers of workerCounts) {
    const b = await runBare(workers, Array.from({ length: Number(values.bare) }, () => ({ fresh: true, flows: [{ client: 'confidential', refused: false }] })));
    process.stdout.write(`bare loop, ${workers} worker(s): ${b.flows} flows in ${b.wallS.toFixed(1)} s (${(b.wallS / b.flows * workers).toFixed(2)} s per flow per worker), peak ${Math.round(b.peakMiB)} MiB\n`);
  }
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
const info = machine();
process.stdout.write(`bench on ${info.cpus} × ${info.cpu}, ${info.memoryGiB} GiB, ${info.node}, ${info.chromium}; load ${info.loadAverageAtStart.join(' ')}\n`);
const rows: { harness: Omit<HarnessRun, 'units'>; bare: BareRun; ratio: number }[] = [];
for (const workers of workerCounts) {
  process.stdout.write(`workers ${workers}: harness … `);
  const harness = await runHarness(workers);
  process.stdout.write(`${harness.wallS.toFixed(1)} s; bare loop (${harness.flows.total} flows) … `);
  const bare = await runBare(workers, harness.units);
  process.stdout.write(`${bare.wallS.toFixed(1)} s\n`);
  const { units: _units, ...kept } = harness;
  rows.push({ harness: kept, bare, ratio: harness.wallS / bare.wallS });
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const header = ['workers', 'scenarios', 'flows (interactive/direct/refused)', 'fresh contexts', 'wall s', 'median s', 'p95 s', 'scenarios/s', 'peak MiB (PSS)', 'RSS sum', 'bare wall s', 'bare MiB (PSS)', 'ratio'];
const body = rows.map(({ harness: h, bare: b, ratio }) => [
  String(h.workers), String(h.scenarios), `${h.flows.total} (${h.flows.interactive}/${h.flows.direct}/${h.flows.refused})`, String(h.flows.freshContexts), f1(h.wallS), f2(h.medianS), f2(h.p95S), f2(h.perSecond), String(Math.round(h.peakMiB)), String(Math.round(h.peakRssMiB)), f1(b.wallS), String(Math.round(b.peakMiB)), f2(ratio),
]);
const widths = header.map((t, i) => Math.max(t.length, ...body.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
process.stdout.write(`\n${line(header)}\n${body.map(line).join('\n')}\n`);
const headline = rows.find((r) => r.harness.workers === HEADLINE_WORKERS)!;
process.stdout.write(`\nheadline (${HEADLINE_WORKERS} workers): harness ${f1(headline.harness.wallS)} s / bare ${f1(headline.bare.wallS)} s = ratio ${f2(headline.ratio)}; peak ${Math.round(headline.harness.peakMiB)} MiB (PSS)\n`);
writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify({ schema: 'oauth-conformance/bench@2', at: new Date().toISOString(), machine: info, headlineWorkers: HEADLINE_WORKERS, rows }, null, 2)}\n`);
process.stdout.write(`wrote bench/results.json\n`);
