/**
 * What holds for a run as a whole, not for one scenario (issue 11 items 13 and 17, issue 12 item 5):
 * - a refusal counts only beside a positive control: an authorization endpoint answering every request
 *   with a 200 "maintenance" page refuses every manipulated redirect_uri too, and must not be reported
 *   conformant (fixtures/servers/misbehaving, behaviour `maintenance`);
 * - an ambient rule is one finding per run: a server without Cache-Control: no-store fails that rule
 *   once, and the scenarios whose own rules held stay pass (flaw token-no-store-missing);
 * - a run in which no scenario ran is never "PASS" / "Conformant".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMisbehavingServer, type MisbehavingServer } from '../../fixtures/servers/misbehaving/index.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import type { RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';
import { NO_POSITIVE_CONTROL, NO_TOKEN_CONTROL } from '../../src/runner/positive-control.js';
import { loadScenarios, type LoadedScenario } from '../../src/scenario/load.js';
import { ambientOf, loadProfile, startRig } from './harness.js';
import { judgeFlaw, runFlaw } from './matrix.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const MISBEHAVING_PROFILE = path.join(ROOT, 'test/corpus/misbehaving-target.yaml');

function scenarios(...files: string[]): LoadedScenario[] {
  const { scenarios: found, errors } = loadScenarios(files.map((f) => path.join(ROOT, 'suites', f)), { knownChecks: CHECK_IDS });
  assert.deepEqual(errors, []);
  return found;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), 400_000);
    child.on('close', (code) => { clearTimeout(kill); resolve({ code, out }); });
  });
}

const REFUSALS = ['rfc6749/redirect-uri/redirect-uri-other-host.yaml', 'rfc6749/redirect-uri/redirect-uri-path-suffix.yaml'];

describe('positive control: an authorization endpoint that answers every request with a maintenance page', () => {
  let server: MisbehavingServer;
  before(async () => { server = await startMisbehavingServer(); });
  after(() => server.close());

  test('its refusals are `error` ("issued no code to a valid request"), never pass; the control ran once per client and worker', async () => {
    process.env.OC_MISBEHAVING_ISSUER = `${server.url}/authorize-maintenance`;
    const profile = loadProfile(MISBEHAVING_PROFILE);
    const rig = await startRig({ profile, start: async () => ({ issuer: `${server.url}/authorize-maintenance`, close: async () => undefined }) });
    try {
      const before = server.hits.filter((h) => h.includes('/authorize?')).length;
      const results = await rig.run(scenarios(...REFUSALS), 'rfc9700', 1);
      for (const [id, o] of results) {
        assert.equal(o.verdict, 'error', `${id}: ${o.verdict} — ${o.reason}`);
        const refusal = o.checks.find((c) => c.check === 'redirect-uri-rejected')!;
        assert.equal(refusal.verdict, 'error');
        assert.match(refusal.message, new RegExp(`^${NO_POSITIVE_CONTROL} \\(a valid request by client "confidential" `));
        assert.match(o.reason ?? '', /issued no code to a valid request in this run/);
        assert.equal(o.positiveControl?.ok, false);
        assert.equal(o.positiveControl?.source, 'run');
      }
      // two refused requests and one control request (cached for the second scenario)
      assert.equal(server.hits.filter((h) => h.includes('/authorize?')).length - before, REFUSALS.length + 1, server.hits.join('\n'));
    } finally {
      await rig.close();
    }
  });

  test('a token endpoint that refuses every request (400 invalid_grant): its token refusals are `error` too', async () => {
    process.env.OC_MISBEHAVING_ISSUER = `${server.url}/meta-ok`;
    const profile = loadProfile(MISBEHAVING_PROFILE);
    const rig = await startRig({ profile, start: async () => ({ issuer: `${server.url}/meta-ok`, close: async () => undefined }) });
    try {
      const results = await rig.run(scenarios('rfc6749/token-endpoint/token-redirect-uri-must-match.yaml', 'rfc6749/token-endpoint/client-authentication-required.yaml'), 'rfc9700', 1);
      for (const [id, o] of results) {
        assert.equal(o.verdict, 'error', `${id}: ${o.verdict} — ${o.reason}`);
        const refusals = o.checks.filter((c) => c.check === 'token-redirect-uri-must-match' || c.check === 'client-authentication-required');
        assert.ok(refusals.length >= 2, id);
        for (const c of refusals) assert.match(c.message, new RegExp(`^${NO_TOKEN_CONTROL} \\(a valid request by client "confidential" got a code: .*; the code not redeemed: HTTP 400 `), `${id}: ${c.message}`);
        assert.deepEqual({ ok: o.positiveControl?.ok, tokens: o.positiveControl?.tokens }, { ok: true, tokens: false });
      }
    } finally {
      await rig.close();
    }
  });

  test('a run of them: exit 2, not "Conformant" nor PASS anywhere, the failed control in results.json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-runlevel-'));
    const r = await cli(['run', '--target', MISBEHAVING_PROFILE, '--grep', '^redirect-uri-other-host$', '--workers', '1', '--report-dir', dir], { OC_MISBEHAVING_ISSUER: `${server.url}/authorize-maintenance` });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /error: the target issued no code to a valid request in this run \(client "confidential"\)/);
    const res = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(res.schema, 'oauth-conformance/results@2');
    assert.deepEqual(res.scenarios.map((s) => [s.id, s.verdict]), [['redirect-uri-other-host', 'error']]);
    assert.equal(res.positiveControls?.length, 1);
    assert.equal(res.positiveControls![0].ok, false);
    assert.match(res.positiveControls![0].outcome, /a valid request by client "confidential" (did not complete|got no code)/);
    assert.equal(res.scenarios[0].checks[0].step, 1, 'steps are numbered from 1 in results.json');
    const md = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    assert.match(md.split('\n')[0], /INCOMPLETE.*issued no code to a valid request/);
    assert.doesNotMatch(md, /✅|\*\*PASS\*\*/);
    const html = readFileSync(path.join(dir, 'summary.html'), 'utf8');
    assert.match(html, /<p class="headline bad">Incomplete: the target issued no code/);
    assert.doesNotMatch(html, /Conformant under/);
    assert.match(html, new RegExp(`<p class="meta">${server.url.replace(/[.]/g, '\\.')}/authorize-maintenance · profile`), 'the header names the issuer of a non-embedded target');
  });

  test('--grep matching no scenario: exit 2, "no scenario ran", never PASS', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-runlevel-'));
    const r = await cli(['run', '--target', MISBEHAVING_PROFILE, '--grep', 'no-such-scenario-anywhere', '--report-dir', dir], { OC_MISBEHAVING_ISSUER: `${server.url}/meta-ok` });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /no scenario ran \(--grep "no-such-scenario-anywhere" matched none\)/);
    const md = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    assert.match(md.split('\n')[0], /INCOMPLETE\*\* — no scenario ran$/);
    assert.doesNotMatch(md, /✅|\*\*PASS\*\*/);
    const html = readFileSync(path.join(dir, 'summary.html'), 'utf8');
    assert.match(html, /<p class="headline bad">Incomplete: no scenario ran<\/p>/);
    assert.doesNotMatch(html, /Conformant under/);
    assert.match(readFileSync(path.join(dir, 'junit.xml'), 'utf8'), /<error message="no scenario ran"/);
  });
});

describe('positive control on a server that does issue codes', () => {
  test('the refusals pass, resting on the worker\'s control (a code at the registered redirect URI, redeemed for tokens)', async () => {
    const rig = await startRig();
    try {
      const results = await rig.run(scenarios(REFUSALS[0], 'rfc6749/token-endpoint/client-authentication-required.yaml'), 'rfc9700', 1);
      const o = results.get('redirect-uri-other-host')!;
      assert.equal(o.verdict, 'pass', o.reason);
      assert.deepEqual({ ok: o.positiveControl?.ok, tokens: o.positiveControl?.tokens, source: o.positiveControl?.source }, { ok: true, tokens: true, source: 'run' });
      assert.match(o.positiveControl!.outcome, /got a code: redirect to the registered redirect URI .*; the code redeemed for tokens$/);
      assert.doesNotMatch(o.positiveControl!.outcome, /code=[A-Za-z0-9_-]{20,}/, 'the code is redacted');
      const t = results.get('client-authentication-required')!;
      assert.equal(t.verdict, 'pass', t.reason);
      assert.ok(t.checks.some((c) => c.refusal && c.verdict === 'pass'), 'its passes are refusals');
      assert.equal(t.positiveControl, o.positiveControl, 'the same cached control');
    } finally {
      await rig.close();
    }
  });
});

describe('one deviation, one finding: a server without Cache-Control: no-store (flaw token-no-store-missing)', () => {
  const set = scenarios('rfc6749/token-response/token-response-no-store.yaml', 'rfc6749/token-endpoint/code-single-use.yaml', 'rfc7636/public-client-pkce-flow.yaml', 'rfc9700/code-flow-no-tokens-in-urls.yaml');

  test('the ambient rule fails once, listing every response; the scenarios whose own rule held are not FAIL; the matrix credits the flaw', async () => {
    const [clean, flawed] = [await runFlaw(undefined, set), await runFlaw('token-no-store-missing', set)];
    const rules = ambientOf(flawed);
    const noStore = rules.filter((a) => a.check === 'token-response-no-store');
    assert.equal(noStore.length, 1, 'one finding for the rule');
    assert.equal(noStore[0].verdict, 'fail');
    const broke = new Set(noStore[0].seen.filter((o) => o.verdict === 'fail').map((o) => o.scenario));
    assert.ok(broke.size >= 3, `seen in several scenarios: ${[...broke].join(', ')}`);
    for (const [id, o] of flawed) {
      const ownRule = o.checks.some((c) => c.check === 'token-response-no-store');
      if (ownRule) assert.equal(o.verdict, 'fail', `${id} judges no-store itself`);
      else assert.equal(o.verdict, 'pass', `${id}: its own rules held (${o.reason})`);
    }
    assert.ok(ambientOf(clean).every((a) => a.verdict === 'pass'), 'clean server: every ambient rule holds');
    const row = judgeFlaw('token-no-store-missing', set, clean, flawed);
    assert.deepEqual(row.problems, []);
    assert.ok(row.caught.includes('ambient:token-response-no-store'), row.caught.join(', '));
  });
});
