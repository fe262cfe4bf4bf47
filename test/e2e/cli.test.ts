/**
 * The command as a user runs it: exit codes, and the harness's own errors reported as `error` (exit 2),
 * never as the target's `fail`. The clean full run, its reports and the secret-leak search are in
 * secrets-and-network.test.ts; malformed inputs and misbehaving targets in bad-input.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../../src/runner/env.js';
import type { RunResults } from '../../src/results/results.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const EMBEDDED = path.join(ROOT, 'fixtures/targets/embedded.yaml');
/** Copies of the embedded profile live elsewhere: the key files of its JWT clients by absolute path. */
const KEYS = `${path.join(ROOT, 'fixtures/keys')}/`;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'oc-cli-'));
}

function results(dir: string): RunResults {
  return JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
}

describe('oauth-conformance run', () => {
  test('a flawed server: exit 1, the failing rule named with its evidence', () => {
    const dir = tmp();
    const r = cli(['run', '--flaw', 'code-reuse', '--grep', '^code-single-use$', '--report-dir', dir]);
    assert.equal(r.code, 1, r.out);
    const s = results(dir).scenarios.find((x) => x.id === 'code-single-use')!;
    assert.equal(s.verdict, 'fail');
    const c = s.checks.find((x) => x.check === 'code-replay-rejected')!;
    assert.equal(c.verdict, 'fail');
    assert.equal(c.actual, '200 access_token issued');
    assert.match(r.out, /FAIL\s+code-single-use\s+TR-03 TK-01 TK-02\s+MUST\s+code-replay-rejected/);
    assert.match(readFileSync(path.join(dir, 'summary.html'), 'utf8'), /accepted a second time/);
  });

  test('a login script that matches nothing is a harness error with a screenshot, not a failure', () => {
    const dir = tmp();
    const profile = path.join(dir, 'broken-login.yaml');
    writeFileSync(profile, readFileSync(EMBEDDED, 'utf8').replaceAll('../keys/', KEYS).replace('name: Sign in', 'name: Log on').replace('name: embedded', 'name: broken-login'));
    const r = cli(['run', '--target', profile, '--grep', '^code-single-use$', '--report-dir', dir]);
    assert.equal(r.code, 2, r.out);
    const s = results(dir).scenarios[0];
    assert.equal(s.verdict, 'error');
    assert.match(s.reason ?? '', /interaction "login": click role="button" name="Log on" failed/);
    assert.ok(s.error?.screenshot && existsSync(path.join(dir, s.error.screenshot)), 'screenshot of the page');
  });

  test('an unreachable target errors every scenario (exit 2), blames no rule', () => {
    const dir = tmp();
    const profile = path.join(dir, 'down.yaml');
    writeFileSync(profile, readFileSync(EMBEDDED, 'utf8').replaceAll('../keys/', KEYS).replace('embedded: {}', 'issuer: http://127.0.0.1:9').replace('name: embedded', 'name: down'));
    const r = cli(['run', '--target', profile, '--grep', '^(redirect-uri-other-host|code-single-use)$', '--report-dir', dir]);
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

  // Usage errors (exit 2, with their messages) are bad-input.test.ts's command lines.
  test('validate: exit 0 on the suites and the embedded profile', () => {
    const v = cli(['validate']);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, /ok: \d+ scenario\(s\), 1 target profile\(s\)/);
  });
});
