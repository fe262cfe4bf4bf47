/**
 * The target is untrusted (docs/SECURITY.md): the real command against fixtures/servers/hostile, watched
 * from outside. Each behaviour is a target of its own (its issuer written into a copy of the profile), and
 * the behaviours share a few runs as their projects (one run starts once; its workers take a behaviour
 * each). Every run asserts the same protections — nothing of the planted local file, the internal page,
 * the password or the client secret (in any encoding) in any file under the report directory nor in the
 * terminal; not one request to the origins the profile does not name (their servers record hits); no
 * control character in the terminal; the run's process tree under its memory ceiling and the run under
 * its time ceiling — and each behaviour then its own verdicts and message.
 * Ceilings are loose on purpose: the machine may be shared; runaway growth and hangs are what they catch.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { INTERNAL_SECRET, startHostileServer, type Behaviour, type HostileServer } from '../../fixtures/servers/hostile/index.js';
import type { RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';
import { artifactsOf } from './record/artifacts.js';
import { profileCopy } from './run-cli.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const TARGET = path.join(ROOT, 'fixtures/servers/hostile/target.yaml');
const SECRET = 'hostile-client-secret-Jr8vN3kQ';
const PASSWORD = 'Al1ce+pass!word w/ sp@ce';
const FILE_SECRET = 'FILE-CANARY-4fT9wLq2-private-key';
/** The run's whole process tree (CLI, Playwright runner, a worker and its Chromium), resident, at its peak; per worker. */
export const MEMORY_CEILING_MIB = 2048;
const TIME_CEILING_MS = 180_000;

interface Run { code: number | null; out: string; ms: number; peakMiB: number; dir: string; workers: number }

/** Runs the command, sampling the resident memory of its process tree every 200 ms. */
function cli(args: string[], env: Record<string, string>): Promise<Omit<Run, 'dir' | 'workers'>> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', OC_HOSTILE_SECRET: SECRET, OC_HOSTILE_PASSWORD: PASSWORD, ...env } });
    let out = '';
    let peakMiB = 0;
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const sample = setInterval(() => { peakMiB = Math.max(peakMiB, treeRssMiB(child.pid!)); }, 200);
    const kill = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => { clearInterval(sample); clearTimeout(kill); resolve({ code, out, ms: Date.now() - started, peakMiB }); });
  });
}

/** Sum of VmRSS over a process and its descendants (Linux /proc). */
function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      rss.set(Number(d), m ? Number(m[1]) : 0);
    } catch { /* gone meanwhile */ }
  }
  let kb = 0;
  const todo = [root];
  while (todo.length) { const p = todo.pop()!; kb += rss.get(p) ?? 0; todo.push(...(children.get(p) ?? [])); }
  return Math.round(kb / 1024);
}

/** A secret in every form it travels in. */
function encodings(v: string): string[] {
  const b = Buffer.from(v);
  return [...new Set([v, encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2), b.toString('base64'), b.toString('base64url'), b.toString('hex'), JSON.stringify(v).slice(1, -1)])];
}

/** Control characters other than newline and tab (ESC, BEL, CR, C1 CSI…). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

let server: HostileServer;
let plantedFile: string;
let targets: string;

/** The profile for one behaviour: TARGET with its issuer written in, named after it (its project's name). */
function targetFor(b: Behaviour): string {
  return profileCopy(TARGET, targets, b, [
    ['${env:OC_HOSTILE_ISSUER}', `${server.url}/${b}`],
    // The bomb must reach 8 MiB before the flow's time is up, even on a busy machine (Chromium inflates it slowly there).
    ...(b === 'gzip-bomb' ? [[/^timeouts: .*$/m, 'timeouts: { action: 30000, flow: 60000, http: 3000 }'] as [RegExp, string]] : []),
  ]);
}

/** One run of `code-single-use` against each behaviour, as a project of its own. */
async function run(behaviours: readonly Behaviour[], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), `oc-hostile-${behaviours[0]}-`));
  const args = ['run', ...behaviours.flatMap((b) => ['--target', targetFor(b)]), '--grep', '^code-single-use$', '--workers', String(Math.min(2, behaviours.length)), '--report-dir', dir];
  const r = await cli(args, env);
  process.stderr.write(`# ${behaviours.join(', ')}: exit ${r.code}, ${r.ms} ms, process tree peak ${r.peakMiB} MiB\n`);
  return { ...r, dir, workers: Math.min(2, behaviours.length) };
}

/** The shared runs, made once each on first use. */
const runs = new Map<string, Promise<Run>>();
function shared(name: string, behaviours: readonly Behaviour[], env: Record<string, string> = {}): Promise<Run> {
  if (!runs.has(name)) runs.set(name, run(behaviours, env));
  return runs.get(name)!;
}

/** What every run must show, whatever the server did. */
function assertProtected(r: Run, { terminal = true, files = true } = {}): void {
  const texts = [{ name: 'terminal', text: r.out }, ...(files ? artifactsOf(r.dir) : [])];
  const leaks: string[] = [];
  for (const [name, secret] of [['planted file', FILE_SECRET], ['internal page', INTERNAL_SECRET], ['password', PASSWORD], ['client secret', SECRET]] as const) {
    for (const t of texts) for (const f of encodings(secret)) if (t.text.includes(f)) leaks.push(`${name} (${f === secret ? 'as is' : f}) in ${t.name}`);
  }
  assert.deepEqual([...new Set(leaks)], [], 'no secret and no foreign content anywhere');
  assert.deepEqual(server.elsewhere.hits, [], 'no request to the other origin');
  assert.deepEqual(server.internal.hits, [], 'no request to the internal service');
  if (terminal) assert.doesNotMatch(r.out, CONTROL, 'the terminal output holds no control character');
  assert.doesNotMatch(r.out, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(r.out, /harness bug|internal error/);
  assert.ok(r.ms < TIME_CEILING_MS, `took ${r.ms} ms, ceiling ${TIME_CEILING_MS} ms`);
  const ceiling = MEMORY_CEILING_MIB * r.workers;
  assert.ok(r.peakMiB < ceiling, `process tree peaked at ${r.peakMiB} MiB, ceiling ${ceiling} MiB (${r.workers} worker(s))`);
}

function results(r: Run): RunResults {
  return JSON.parse(readFileSync(path.join(r.dir, 'results.json'), 'utf8')) as RunResults;
}

/** The scenarios one behaviour ran (its project's). */
function scenariosOf(r: Run, b: Behaviour): RunResults['scenarios'] {
  const mine = results(r).scenarios.filter((s) => s.project === b);
  assert.ok(mine.length >= 1, `no scenario ran against ${b}`);
  return mine;
}

/** Every scenario of `b` `error` (never the target's `fail`, never a pass) and the run exit 2, the cause in the terminal and in results.json. */
function assertError(r: Run, b: Behaviour, cause: RegExp): void {
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, cause);
  const mine = scenariosOf(r, b);
  assert.ok(mine.every((s) => s.verdict === 'error'), mine.map((s) => `${s.id}: ${s.verdict} ${s.reason}`).join('\n'));
  assert.ok(mine.some((s) => cause.test(`${s.reason} ${s.error?.message}`)), `results.json names the cause: ${mine.map((s) => s.reason).join('; ')}`);
}

describe('a hostile server: nothing of the tester\'s reaches it, nothing of its reaches the tester', { concurrency: 1 }, () => {
  before(async () => {
    plantedFile = path.join(mkdtempSync(path.join(tmpdir(), 'oc-planted-')), 'id_ed25519');
    writeFileSync(plantedFile, `-----BEGIN OPENSSH PRIVATE KEY-----\n${FILE_SECRET}\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 });
    server = await startHostileServer({ plantedFile, password: PASSWORD });
    targets = mkdtempSync(path.join(tmpdir(), 'oc-hostile-targets-'));
  });
  after(() => server.close());

  // The behaviours that share runs: what the browser and the back channel meet, and the pages that never end.
  const MAIN: Behaviour[] = ['file-authorize', 'file-token', 'token-elsewhere', 'authorize-elsewhere', 'internal-metadata', 'internal-redirect',
    'internal-subresources', 'service-worker', 'redirect-javascript', 'redirect-file', 'markdown', 'huge-header', 'get-login', 'renamed-button'];
  const main = () => shared('main', MAIN);
  const BOUNDED: Behaviour[] = ['endless', 'slow-loris', 'busy-loop'];
  const bounded = () => shared('bounded', BOUNDED);

  test('every run: nothing of the tester\'s in any artifact or the terminal, nothing sent where the profile does not name', async () => {
    assertProtected(await main());
    assertProtected(await bounded());
  });

  // ── Origins: metadata naming what the profile does not ──────────────────────────────────────────
  const refused: [Behaviour, RegExp][] = [
    ['file-authorize', /names authorization_endpoint "file:\/\/[^"]+": refused, its scheme file: is not http\(s\)/],
    ['file-token', /names token_endpoint "file:\/\/[^"]+": refused, its scheme file: is not http\(s\)/],
    ['token-elsewhere', /names token_endpoint "http:\/\/127\.0\.0\.1:\d+\/token": refused, its origin http:\/\/127\.0\.0\.1:\d+ \(a loopback address\) is not one the target profile names/],
    ['authorize-elsewhere', /names authorization_endpoint "http:\/\/127\.0\.0\.1:\d+\/authorize": refused, its origin .* is not one the target profile names/],
    ['internal-metadata', /names authorization_endpoint "http:\/\/127\.0\.0\.1:\d+\/admin": refused, its origin .* is not one the target profile names/],
  ];
  for (const [b, cause] of refused) {
    test(`${b}: refused before any secret is sent, with the offending URL`, async () => {
      const r = await main();
      assertError(r, b, cause);
      assert.match(r.out, /allowed_origins/, 'the hint says how to allow a real second origin');
    });
  }

  // ── Origins at run time: the browser sent where the profile does not name ───────────────────────
  test('internal-redirect: the navigation is blocked (not loaded) and the run says so', async () => {
    assertError(await main(), 'internal-redirect', /the server sent the browser to http:\/\/127\.0\.0\.1:\d+\/admin: blocked, its origin .* \(a loopback address\) is not one the target profile names/);
  });

  test('internal-subresources: image, frame, fetch, a worker\'s fetch and a WebSocket to the internal service blocked; the flow itself goes on', async () => {
    const [scenario] = scenariosOf(await main(), 'internal-subresources');
    assert.equal(scenario.verdict, 'pass', scenario.reason);
    const auth = scenario.evidence.find((e) => e.kind === 'authorization');
    const blocked = auth && 'subresources' in auth ? auth.subresources.filter((x) => x.blocked) : [];
    assert.ok(blocked.length >= 2, `blocked subresources recorded: ${JSON.stringify(blocked)}`);
  });

  test('service-worker: a worker the page registers does not run (its requests would not be the page\'s)', async () => {
    const [scenario] = scenariosOf(await main(), 'service-worker');
    assert.equal(scenario.verdict, 'pass', scenario.reason);
    assert.ok(server.hits.some((h) => h.startsWith('GET /service-worker/login')), 'the login page was served');
  });

  for (const b of ['redirect-javascript', 'redirect-file'] as const) {
    test(`${b}: a redirect to another scheme is not followed, nothing of it is read`, async () => {
      assertError(await main(), b, new RegExp(`the server sent the browser to ${b === 'redirect-file' ? 'file:' : 'javascript:'}\\S*, not to the redirect URI: not followed \\(its scheme \\w+: is not http\\(s\\)\\)`));
    });
  }

  // ── Server strings are data ──────────────────────────────────────────────────────────────────────
  test('control-chars, control-chars-redirect: the terminal (GitHub Actions mode too) holds no control character and no workflow command of the server\'s', async () => {
    const r = await run(['control-chars', 'control-chars-redirect'], { GITHUB_ACTIONS: 'true' });
    assert.doesNotMatch(r.out, CONTROL);
    assert.doesNotMatch(r.out, /^::(error|stop-commands)::(INJECTED|tok)/m);
    assert.match(r.out, /code-single-use/);
    for (const b of ['control-chars', 'control-chars-redirect'] as const) scenariosOf(r, b);
  });

  test('markdown: summary.md shows the server\'s Markdown as text: no image, link, HTML or mention', async () => {
    const r = await main();
    scenariosOf(r, 'markdown');
    const md = readFileSync(path.join(r.dir, 'summary.md'), 'utf8');
    assert.match(md, /evil\.example/, 'the description is shown');
    // Outside code spans, nothing GitHub would render: an image, a link, raw HTML, a mention.
    const outsideCode = md.replace(/`[^`\n]*`/g, '');
    assert.doesNotMatch(outsideCode, /(^|[^\\])\[[^\]\\]*\]\(https?:\/\/evil|(^|[^\\])<img\b|(^|[^\\])@octocat\b/m);
  });

  // ── Bounded browser ──────────────────────────────────────────────────────────────────────────────
  test('gzip-bomb: the page is aborted when it passes 8 MiB; memory stays under the ceiling', async () => {
    // A run of its own: its process tree's peak is this page's alone.
    const r = await run(['gzip-bomb']);
    assertError(r, 'gzip-bomb', /the response at http:\/\/127\.0\.0\.1:\d+\/gzip-bomb\/login\S* exceeded 8 MiB \(decoded\)/);
    assertProtected(r);
  });

  test('endless: a page streaming forever is aborted (8 MiB, or the flow failing while it still loads), and says so', async () => {
    assertError(await bounded(), 'endless', /exceeded 8 MiB|the page at http:\/\/127\.0\.0\.1:\d+\/endless\/login\S* was still loading after \d+ s \([\d.]+ MiB received\)/);
  });

  test('slow-loris: a page that never finishes ends within the flow\'s time', async () => {
    const r = await bounded();
    assert.equal(r.code, 2, r.out);
    assert.ok(scenariosOf(r, 'slow-loris').every((x) => x.verdict === 'error'), r.out);
  });

  test('busy-loop: a page whose script never yields is closed when the flow\'s time is up', async () => {
    assertError(await bounded(), 'busy-loop', /did not end within its timeout of 10000 ms|timed out/);
  });

  test('huge-header: a 200 KB response header neither crashes nor hangs the run', async () => {
    const mine = scenariosOf(await main(), 'huge-header');
    assert.ok(mine.every((x) => x.verdict === 'pass' || x.verdict === 'error'), mine.map((x) => `${x.id}: ${x.verdict}`).join(', '));
  });

  // ── Secrets in what the server echoes, and in Playwright's own files ─────────────────────────────
  test('get-login: the password sent in a URL and echoed encoded is in no artifact', async () => {
    const mine = scenariosOf(await main(), 'get-login');
    assert.ok(mine.every((x) => x.verdict === 'error'), mine.map((x) => `${x.id}: ${x.verdict} ${x.reason}`).join(', '));
  });

  test('renamed-button: the login fails after the password was filled: a clear error, the password nowhere', async () => {
    const r = await main();
    assertError(r, 'renamed-button', /interaction "login": click .*Sign in.* failed/);
    assert.ok(existsSync(r.dir));
  });

  // ── doctor: the same rule ────────────────────────────────────────────────────────────────────────
  test('doctor refuses metadata naming an unnamed origin, and sends nothing there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-hostile-doctor-'));
    const r = { ...(await cli(['doctor', '--target', TARGET, '--report-dir', dir], { OC_HOSTILE_ISSUER: `${server.url}/token-elsewhere` })), dir, workers: 1 };
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /token_endpoint "http:\/\/127\.0\.0\.1:\d+\/token": refused/);
    assertProtected(r);
  });

  test('doctor prints the server\'s error strings as data: no control character, no workflow command', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-hostile-doctor-'));
    const r = { ...(await cli(['doctor', '--target', TARGET, '--report-dir', dir], { OC_HOSTILE_ISSUER: `${server.url}/control-chars`, GITHUB_ACTIONS: 'true' })), dir, workers: 1 };
    assert.match(r.out, /client "confidential"/);
    assert.doesNotMatch(r.out, /^::(error|stop-commands)::(INJECTED|tok)/m);
    assertProtected(r);
  });
});
