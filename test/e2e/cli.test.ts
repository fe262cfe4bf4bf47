/**
 * The command as a user runs it: exit codes, the reports written, no secret in any artifact or in the
 * terminal, and the harness's own errors reported as `error` (exit 2), never as the target's `fail`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../../src/runner/env.js';
import type { RunResults } from '../../src/report/results.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const EMBEDDED = path.join(ROOT, 'fixtures/targets/embedded.yaml');
/** Distinctive secrets for the embedded server, so any leak is findable. */
const SECRETS = {
  OC_EMBEDDED_SECRET: 'leak-canary-confidential-7Hq2xZ9w',
  OC_EMBEDDED_SECOND_SECRET: 'leak-canary-second-Kp4mW8rT3v',
  OC_EMBEDDED_PASSWORD: 'leak-canary-password-Vb6nY1sQ',
};

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...SECRETS, ...env }, timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'oc-cli-'));
}

function results(dir: string): RunResults {
  return JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const BROAD = [
  'code-single-use', 'code-redemption-race', 'refresh-token-rotated', 'refresh-token-reuse-detected', 'client-authentication-required',
  'client-secret-in-query-refused', 'password-grant-refused', 'pkce-verifier-required', 'metadata-issuer-matches', 'authorization-page-not-framable',
  'query-token-refused', 'state-echoed-special-characters', 'redirect-uri-other-host', 'authorization-endpoint-no-cors',
].join('|');

/** A secret-bearing parameter or field followed by a value that is not a mask. */
const UNMASKED = /\b(access_token|refresh_token|id_token|code_verifier|client_secret|code)(=|"\s*:\s*")(?!‹)[A-Za-z0-9_~.-]{16,}/;

describe('oauth-conformance run', () => {
  test('clean embedded server: exit 0, every report written, no secret anywhere', () => {
    const dir = tmp();
    // Every step kind, secrets of every sort in flight (codes, tokens, refresh tokens, verifiers, client
    // secrets in headers, bodies and queries, the password); the whole suite runs in the matrix test.
    const r = cli(['run', '--grep', BROAD, '--report-dir', dir]);
    assert.equal(r.code, 0, r.out);
    const res = results(dir);
    assert.equal(res.schema, 'oauth-conformance/results@1');
    assert.ok(res.scenarios.every((s) => s.verdict === 'pass' || s.verdict === 'skip'), r.out);
    assert.ok(res.scenarios.length >= 14, `${res.scenarios.length} scenarios ran`);
    assert.match(r.out, /VERDICT\s+SCENARIO\s+RULES\s+LEVEL/);
    assert.match(r.out, /summary\s+.*summary\.html/);
    assert.match(readFileSync(path.join(dir, 'summary.html'), 'utf8'), /no MUST failures/);
    assert.ok(existsSync(path.join(dir, 'playwright/index.html')), 'Playwright HTML report');
    assert.ok(readdirSync(path.join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json')).length >= res.scenarios.length, 'Allure results');

    const texts = [r.out, ...files(dir).filter((f) => !f.endsWith('.png') && !f.endsWith('.zip')).map((f) => readFileSync(f, 'utf8'))];
    for (const [name, secret] of Object.entries(SECRETS)) {
      assert.ok(!texts.some((t) => t.includes(secret) || t.includes(Buffer.from(secret).toString('base64'))), `${name} leaked`);
    }
    const leaks = texts.map((t) => UNMASKED.exec(t)?.[0]).filter(Boolean);
    assert.deepEqual(leaks, [], 'unmasked code or token');
  });

  test('a flawed server: exit 1, the failing rule named with its evidence', () => {
    const dir = tmp();
    const r = cli(['run', '--flaw', 'code-reuse', '--grep', 'code-single-use', '--report-dir', dir]);
    assert.equal(r.code, 1, r.out);
    const s = results(dir).scenarios.find((x) => x.id === 'code-single-use')!;
    assert.equal(s.verdict, 'fail');
    const c = s.checks.find((x) => x.check === 'code-replay-rejected')!;
    assert.equal(c.verdict, 'fail');
    assert.equal(c.actual, '200 access_token issued');
    assert.match(r.out, /FAIL\s+code-single-use\s+TK-01 TK-02\s+MUST\s+code-replay-rejected/);
    assert.match(readFileSync(path.join(dir, 'summary.html'), 'utf8'), /accepted a second time/);
  });

  test('a login script that matches nothing is a harness error with a screenshot, not a failure', () => {
    const dir = tmp();
    const profile = path.join(dir, 'broken-login.yaml');
    writeFileSync(profile, readFileSync(EMBEDDED, 'utf8').replace('name: Sign in', 'name: Log on').replace('name: embedded', 'name: broken-login'));
    const r = cli(['run', '--target', profile, '--grep', 'code-single-use', '--report-dir', dir]);
    assert.equal(r.code, 2, r.out);
    const s = results(dir).scenarios[0];
    assert.equal(s.verdict, 'error');
    assert.match(s.reason ?? '', /interaction "login": click role="button" name="Log on" failed/);
    assert.ok(s.error?.screenshot && existsSync(path.join(dir, s.error.screenshot)), 'screenshot of the page');
  });

  test('an unreachable target errors every scenario (exit 2), blames no rule', () => {
    const dir = tmp();
    const profile = path.join(dir, 'down.yaml');
    writeFileSync(profile, readFileSync(EMBEDDED, 'utf8').replace('embedded: {}', 'issuer: http://127.0.0.1:9').replace('name: embedded', 'name: down'));
    const r = cli(['run', '--target', profile, '--grep', 'redirect-uri-other-host|code-single-use', '--report-dir', dir]);
    assert.equal(r.code, 2, r.out);
    const res = results(dir);
    assert.equal(res.counts.fail, 0);
    assert.equal(res.counts.error, res.scenarios.length);
    assert.match(res.scenarios[0].reason ?? '', /ECONNREFUSED/);
  });

  test('malformed scenarios: exit 2 with file:line:column, nothing run', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.yaml'), 'id: bad\ntitle: x\ncatalog: [TK-01]\nrequirements: [RFC6749-4.1.2]\nlevel: must\nsteps:\n  - authorize: {}\n    expect: [code-replay-rejectd]\n');
    const r = cli(['run', dir, '--report-dir', path.join(dir, 'out')]);
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /bad\.yaml:5:8: "level" must be one of MUST, SHOULD, MAY \(got "must"\)/);
    assert.match(r.out, /bad\.yaml:8:14: .*code-replay-rejectd/);
    assert.ok(!existsSync(path.join(dir, 'out/results.json')));
  });

  test('usage errors and validate', () => {
    assert.equal(cli(['run', '--profile', 'rfc1234']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
    const v = cli(['validate']);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, /ok: \d+ scenario\(s\), 1 target profile\(s\)/);
  });
});
