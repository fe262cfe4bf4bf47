/**
 * `npm run bench`: the default suite against the embedded server through the real CLI, and, in the
 * same run, a bare Playwright loop that drives the same authorization flows against the same kind of
 * server with nothing around it — the physical cost of the browser work. The ratio harness / bare is
 * the headline: what the harness costs on top of the flows it must drive anyway.
 *
 *   npm run bench                      workers 1, 2 and 4; the headline at 2
 *   npm run bench -- --workers 2       one worker count only
 *   npm run bench -- --bare 50         only the bare loop, 50 full flows (the browser's cost alone)
 *
 * Writes bench/results.json. Peak memory is the largest sum of RSS over the whole process tree (CLI,
 * Playwright workers, Chromium processes, embedded server), sampled every 100 ms from /proc.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { startEmbeddedServer } from '../fixtures/servers/embedded/index.js';
import { chromiumExecutable, launchArgs } from '../src/drive/chromium.js';
import { startStub } from '../src/drive/stub.js';
import type { RunResults } from '../src/report/results.js';
import { ROOT } from '../src/runner/env.js';
import { loadPlanTarget } from '../src/runner/plan.js';
import { harnessHosts, resolveTarget, targetHosts } from '../src/target/resolve.js';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '1,2,4' }, bare: { type: 'string' } } });
const workerCounts = values.workers.split(',').map(Number);
const HEADLINE_WORKERS = workerCounts.includes(2) ? 2 : workerCounts[0];
const OUT = path.join(ROOT, 'bench');

interface HarnessRun { workers: number; wallS: number; scenarios: number; flows: { full: number; refused: number }; medianS: number; p95S: number; perSecond: number; peakMiB: number }
interface BareRun { workers: number; wallS: number; flows: number; peakMiB: number }

// ---- the harness, through its CLI -----------------------------------------------------------------

async function runHarness(workers: number): Promise<HarnessRun> {
  const reportDir = path.join(OUT, 'runs', `workers-${workers}`);
  rmSync(reportDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/oauth-conformance.mjs', 'run', '--workers', String(workers), '--report-dir', reportDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const peak = sampleTreeMemory(child.pid!);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 2)));
  const wallS = (performance.now() - started) / 1000;
  const peakMiB = peak.stop();
  if (code === 2) throw new Error(`the harness run with ${workers} worker(s) exited 2; see ${reportDir}`);
  const results = JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const ran = results.scenarios.filter((s) => s.verdict !== 'skip');
  const durations = ran.map((s) => s.durationMs / 1000).sort((a, b) => a - b);
  const flows = { full: 0, refused: 0 };
  for (const s of results.scenarios) {
    for (const e of s.evidence) {
      if (e.kind === 'authorization') flows[e.interactions.length ? 'full' : 'refused']++;
    }
  }
  return {
    workers, wallS, scenarios: results.scenarios.length, flows, peakMiB,
    medianS: quantile(durations, 0.5), p95S: quantile(durations, 0.95), perSecond: results.scenarios.length / wallS,
  };
}

// ---- the bare loop: the same flows, raw Playwright calls, nothing else ---------------------------

async function runBare(workers: number, flows: HarnessRun['flows']): Promise<BareRun> {
  const profile = loadPlanTarget({ target: path.join(ROOT, 'fixtures/targets/embedded.yaml'), suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });
  const client = profile.clients.confidential;
  const server = await startEmbeddedServer({ clients: Object.values(profile.clients), users: [profile.user] });
  const target = await resolveTarget(profile, { OC_EMBEDDED_ISSUER: server.issuer, OC_EMBEDDED_RESOURCE: server.resourceUrl });
  const hosts = harnessHosts(profile);
  const stub = await startStub(hosts);
  const authorizationUrl = (redirectUri: string) => `${target.endpoints.authorization}?${new URLSearchParams({
    response_type: 'code', client_id: client.id, redirect_uri: redirectUri, scope: 'openid', state: 'bench-state-0123456789',
  })}`;
  const landed = (u: URL) => u.hostname.endsWith('oauth-conformance.test');
  const peak = sampleTreeMemory(process.pid);
  const started = performance.now();
  // One browser per worker, as the harness launches one per Playwright worker.
  const browsers: Browser[] = await Promise.all(Array.from({ length: workers }, () => chromium.launch({ executablePath: chromiumExecutable(), args: launchArgs(stub, hosts, targetHosts(target)) })));
  const queue: ('full' | 'refused')[] = [...Array<'full'>(flows.full).fill('full'), ...Array<'refused'>(flows.refused).fill('refused')];
  await Promise.all(browsers.map(async (browser) => {
    for (let kind = queue.shift(); kind; kind = queue.shift()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (kind === 'refused') {
        await page.goto(authorizationUrl('https://attacker.example/cb'), { waitUntil: 'load' });
      } else {
        await page.goto(authorizationUrl(client.redirect_uris[0]), { waitUntil: 'commit' });
        await page.getByLabel('Username').fill(profile.user.username);
        await page.getByLabel('Password').fill(profile.user.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL(landed);
      }
      await context.close();
    }
  }));
  const wallS = (performance.now() - started) / 1000;
  const peakMiB = peak.stop();
  await Promise.all(browsers.map((b) => b.close()));
  await stub.close();
  await server.close();
  return { workers, wallS, flows: flows.full + flows.refused, peakMiB };
}

// ---- measurement helpers ------------------------------------------------------------------------

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

/** Peak summed RSS of a process and all its descendants, from /proc (Linux). */
function sampleTreeMemory(root: number): { stop(): number } {
  let peak = 0;
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
    let total = 0;
    for (const [pid, bytes] of rss) if (inTree(pid)) total += bytes;
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 100);
  sample();
  return { stop: () => { clearInterval(timer); sample(); return peak / 2 ** 20; } };
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
    const b = await runBare(workers, { full: Number(values.bare), refused: 0 });
    process.stdout.write(`bare loop, ${workers} worker(s): ${b.flows} flows in ${b.wallS.toFixed(1)} s (${(b.wallS / b.flows * workers).toFixed(2)} s per flow per worker), peak ${Math.round(b.peakMiB)} MiB\n`);
  }
  process.exit(0);
}

mkdirSync(OUT, { recursive: true });
const info = machine();
process.stdout.write(`bench on ${info.cpus} × ${info.cpu}, ${info.memoryGiB} GiB, ${info.node}, ${info.chromium}; load ${info.loadAverageAtStart.join(' ')}\n`);
const rows: { harness: HarnessRun; bare: BareRun; ratio: number }[] = [];
for (const workers of workerCounts) {
  process.stdout.write(`workers ${workers}: harness … `);
  const harness = await runHarness(workers);
  process.stdout.write(`${harness.wallS.toFixed(1)} s; bare loop (${harness.flows.full + harness.flows.refused} flows) … `);
  const bare = await runBare(workers, harness.flows);
  process.stdout.write(`${bare.wallS.toFixed(1)} s\n`);
  rows.push({ harness, bare, ratio: harness.wallS / bare.wallS });
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const header = ['workers', 'scenarios', 'browser flows (full/refused)', 'wall s', 'median s', 'p95 s', 'scenarios/s', 'peak MiB', 'bare wall s', 'bare peak MiB', 'ratio'];
const body = rows.map(({ harness: h, bare: b, ratio }) => [
  String(h.workers), String(h.scenarios), `${h.flows.full + h.flows.refused} (${h.flows.full}/${h.flows.refused})`, f1(h.wallS), f2(h.medianS), f2(h.p95S), f2(h.perSecond), String(Math.round(h.peakMiB)), f1(b.wallS), String(Math.round(b.peakMiB)), f2(ratio),
]);
const widths = header.map((t, i) => Math.max(t.length, ...body.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
process.stdout.write(`\n${line(header)}\n${body.map(line).join('\n')}\n`);
const headline = rows.find((r) => r.harness.workers === HEADLINE_WORKERS)!;
process.stdout.write(`\nheadline (${HEADLINE_WORKERS} workers): harness ${f1(headline.harness.wallS)} s / bare ${f1(headline.bare.wallS)} s = ratio ${f2(headline.ratio)}; peak ${Math.round(headline.harness.peakMiB)} MiB\n`);
writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify({ schema: 'oauth-conformance/bench@1', at: new Date().toISOString(), machine: info, headlineWorkers: HEADLINE_WORKERS, rows }, null, 2)}\n`);
process.stdout.write(`wrote bench/results.json\n`);
