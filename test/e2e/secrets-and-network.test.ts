/**
 * One full run of the command against the embedded server, watched from outside:
 *  - no secret leaks: the configured secrets (distinctive values) and every code, token and verifier
 *    the run really produced (recorded as they flew, test/e2e/record/recorder.mjs) appear nowhere in
 *    what the run wrote — results.json, summary.html, Playwright's report with its embedded data
 *    decoded, Allure results, attachments — nor in the terminal;
 *  - loopback only: every TCP connection of every node process of the run, and every connection of
 *    Chromium (its own net log), went to 127.0.0.1 — and the recorders did see the expected ones;
 *  - a page that reaches for an outside host is refused by Chromium's resolver rules.
 * OC_LEAK_GREP narrows the run (default: the whole default suite).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { chromiumExecutable, launchArgs } from '../../src/drive/chromium.js';
import { startStub } from '../../src/drive/stub.js';
import type { RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';
import { artifactsOf, filesUnder } from './record/artifacts.js';

const SECRETS = {
  OC_EMBEDDED_SECRET: 'leak-canary-confidential-7Hq2xZ9w',
  OC_EMBEDDED_SECOND_SECRET: 'leak-canary-second-Kp4mW8rT3v',
  OC_EMBEDDED_MULTI_SECRET: 'leak-canary-multi-Zt5pQ2nB8c',
  OC_EMBEDDED_PASSWORD: 'leak-canary-password-Vb6nY1sQ',
};
/** A secret-bearing parameter or field followed by a value that is not a mask. */
const UNMASKED = /\b(access_token|refresh_token|id_token|code_verifier|client_secret|code)(=|"\s*:\s*")(?!‹)[A-Za-z0-9_~.-]{16,}/;
const isLoopback = (a: string) => /^(127\.|::1$|\[::1\]|::ffff:127\.)/.test(a) || a === 'localhost';

interface Recorded { kind: 'connect' | 'lookup' | 'secret'; by?: string; address?: string; host?: string; port?: number; name?: string; value?: string; where?: string }

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/oauth-conformance.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * Chromium's net log: the addresses its TCP sockets connected to, and those its UDP sockets sent
 * datagrams to. A UDP "connect" that sends nothing is not traffic: Chromium's resolver does one to
 * 2001:4860:4860::8888 to ask the kernel whether IPv6 is routable (no packet leaves); it is kept apart.
 */
function netLog(file: string): { tcp: string[]; udpSent: string[]; probes: string[] } {
  type Log = { constants: { logEventTypes: Record<string, number> }; events: { type: number; source: { id: number }; params?: { address?: string } }[] };
  const text = readFileSync(file, 'utf8').trimEnd();
  let log: Log;
  try {
    log = JSON.parse(text) as Log;
  } catch {
    log = JSON.parse(`${text.replace(/,\s*$/, '')}]}`) as Log; // a browser that was not closed leaves the events array open
  }
  const T = log.constants.logEventTypes;
  const host = (a: string) => a.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const udpAddress = new Map<number, string>();
  const sent = new Set<number>();
  const tcp: string[] = [];
  for (const e of log.events) {
    if (e.type === T.TCP_CONNECT_ATTEMPT && e.params?.address) tcp.push(host(e.params.address));
    if (e.type === T.UDP_CONNECT && e.params?.address) udpAddress.set(e.source.id, host(e.params.address));
    if (e.type === T.UDP_BYTES_SENT) sent.add(e.source.id);
  }
  const udp = [...udpAddress];
  return { tcp, udpSent: udp.filter(([id]) => sent.has(id)).map(([, a]) => a), probes: udp.filter(([id]) => !sent.has(id)).map(([, a]) => a) };
}

describe('a full run, watched from outside', () => {
  test('exit 0, every report written, no secret anywhere, no connection off loopback', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-watch-'));
    const reportDir = path.join(dir, 'report');
    const netlogDir = path.join(dir, 'netlog');
    mkdirSync(netlogDir);
    const recordFile = path.join(dir, 'record.jsonl');
    const grep = process.env.OC_LEAK_GREP;
    const r = await runCli(['run', '--report-dir', reportDir, ...(grep ? ['--grep', grep] : [])], {
      ...SECRETS,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.join(ROOT, 'test/e2e/record/recorder.mjs')).href}`,
      OC_RECORD_FILE: recordFile,
      OC_CHROMIUM: path.join(ROOT, 'test/e2e/record/netlog-chromium.sh'),
      OC_REAL_CHROMIUM: chromiumExecutable() ?? '',
      OC_NETLOG_DIR: netlogDir,
    });

    // The run itself: a clean server passes, every report is there.
    assert.equal(r.code, 0, r.out);
    const res = JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(res.schema, 'oauth-conformance/results@2');
    assert.ok(res.scenarios.length >= (grep ? 1 : 100), `${res.scenarios.length} scenarios ran`);
    assert.match(r.out, /VERDICT\s+SCENARIO\s+RULES\s+LEVEL/);
    assert.match(readFileSync(path.join(reportDir, 'summary.html'), 'utf8'), /no MUST failures/);
    assert.ok(existsSync(path.join(reportDir, 'playwright/index.html')), 'Playwright HTML report');
    assert.ok(readdirSync(path.join(reportDir, 'allure-results')).filter((f) => f.endsWith('-result.json')).length >= res.scenarios.length, 'Allure results');
    // Traces and HARs hold raw secrets: off, and there is no option to turn them on.
    assert.deepEqual(filesUnder(reportDir).filter((f) => /trace\.zip$|\.har$/.test(f)), []);

    // What was in flight: recorded as it flew, so the search below is not vacuous.
    const recorded = readFileSync(recordFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Recorded);
    const inFlight = new Map<string, string>();
    for (const s of recorded) if (s.kind === 'secret' && s.value) inFlight.set(s.value, s.name!);
    const count = (name: string) => [...inFlight.values()].filter((n) => n === name).length;
    assert.ok(count('code') >= (grep ? 1 : 30), `${count('code')} codes recorded`);
    assert.ok(count('access_token') >= (grep ? 1 : 15), `${count('access_token')} access tokens recorded`);
    assert.ok(count('code_verifier') >= 1 && count('refresh_token') >= (grep ? 0 : 1), 'verifiers and refresh tokens recorded');

    const texts = [{ name: 'terminal', text: r.out }, ...artifactsOf(reportDir)];
    assert.ok(texts.some((t) => t.name.includes('#data') || t.name.includes('!')), 'the Playwright report\'s embedded data was decoded');
    // A scenario that sends the code_challenge as the verifier (the downgrade attack) sends a public value.
    for (const [v, n] of inFlight) if (n === 'code_verifier' && texts.some((t) => t.text.includes(`code_challenge=${v}`))) inFlight.delete(v);
    const forms = (v: string) => [v, encodeURIComponent(v), Buffer.from(v).toString('base64')];
    const leaks: string[] = [];
    for (const [name, secret] of [...Object.entries(SECRETS), ...[...inFlight].map(([v, n]) => [n, v])]) {
      for (const t of texts) if (forms(secret).some((f) => t.text.includes(f))) leaks.push(`${name} ${secret.slice(0, 6)}… in ${t.name}`);
    }
    for (const t of texts) { const m = UNMASKED.exec(t.text); if (m) leaks.push(`unmasked ${m[1]} in ${t.name}`); }
    assert.deepEqual(leaks, []);

    // Node processes (CLI, Playwright runner, workers, the embedded server's): loopback only.
    const connects = recorded.filter((e) => e.kind === 'connect');
    const off = connects.filter((e) => !isLoopback(e.address ?? e.host ?? ''));
    assert.deepEqual(off, [], 'node connections off loopback');
    const issuerPort = Number(new URL(res.target.issuer!).port);
    assert.ok(connects.some((e) => e.port === issuerPort), `the back-channel connections to the embedded server (port ${issuerPort}) were recorded`);

    // Chromium: its own net log, one per browser (one per worker).
    const logs = readdirSync(netlogDir).map((f) => path.join(netlogDir, f));
    assert.ok(logs.length >= 1, 'Chromium wrote a net log');
    const net = logs.map(netLog);
    const tcp = net.flatMap((n) => n.tcp);
    assert.deepEqual(tcp.filter((a) => !isLoopback(a)), [], 'Chromium TCP connections off loopback');
    assert.deepEqual(net.flatMap((n) => n.udpSent).filter((a) => !isLoopback(a)), [], 'Chromium UDP datagrams off loopback (DNS, QUIC)');
    assert.deepEqual([...new Set(net.flatMap((n) => n.probes))].filter((a) => !isLoopback(a) && a !== '2001:4860:4860::8888'), [], 'only the IPv6 routability probe');
    assert.ok(tcp.length >= 10 && tcp.includes('127.0.0.1'), `Chromium's connections were recorded (${tcp.length})`);
  });

  test('a page that reaches for an outside host is refused by the resolver rules; harness hosts reach the stub', async () => {
    const stub = await startStub(['client.oauth-conformance.test']);
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: launchArgs(stub, ['client.oauth-conformance.test'], ['127.0.0.1']) });
    try {
      const page = await browser.newPage();
      for (const outside of ['http://example.com/', 'https://www.google.com/', 'http://169.254.169.254/latest/meta-data/']) {
        const err = await page.goto(outside, { timeout: 10_000 }).then(() => undefined, (e: Error) => e.message);
        assert.match(err ?? 'loaded', /ERR_NAME_NOT_RESOLVED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_REFUSED|ERR_NETWORK_ACCESS_DENIED/, `${outside} must not load`);
      }
      // A page of our own that embeds an outside image: the request fails, nothing reaches out.
      const failed: string[] = [];
      const own = await browser.newPage();
      own.on('requestfailed', (q) => failed.push(`${q.url()} ${q.failure()?.errorText}`));
      await own.goto('https://client.oauth-conformance.test/cb?probe=1');
      await own.setContent('<img src="https://tracker.example.net/pixel.gif">');
      await own.waitForTimeout(500);
      assert.ok(failed.some((f) => /tracker\.example\.net.*ERR_NAME_NOT_RESOLVED/.test(f)), failed.join('\n'));
      // Positive control: the harness's own host does resolve, to the stub.
      assert.ok(stub.hits.some((h) => h.url.includes('/cb?probe=1')), 'the stub saw the harness host');
    } finally {
      await browser.close();
      await stub.close();
    }
  });
});
