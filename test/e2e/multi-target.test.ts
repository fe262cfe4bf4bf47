/**
 * One run, several targets: each `--target` a Playwright project, each embedded configuration its own
 * server, every scenario recorded with its project, the summary showing each target apart, and the
 * gate failing when any one target fails a MUST. And the same config run by Playwright alone,
 * `npx playwright test --project=<name>`, runs that one target.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT, settingsEnv, readSettings } from '../../src/config.js';
import type { RunResults } from '../../src/results/results.js';
import { runCli } from './run-cli.js';

const CLEAN = path.join(ROOT, 'fixtures/targets/embedded.yaml');
const FLAWED = path.join(ROOT, 'test/corpus/multi-target/issuer-mismatch.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'oc-multi-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const results = (d: string) => JSON.parse(readFileSync(path.join(d, 'results.json'), 'utf8')) as RunResults;

describe('a run of two targets', () => {
  test('one project each, its own server, its verdicts apart; the gate fails on the target that fails a MUST', async () => {
    const reportDir = path.join(dir, 'cli');
    const { code, out } = await runCli(['run', '--target', CLEAN, '--target', FLAWED, '--grep', 'metadata-issuer-matches', '--report-dir', reportDir]);
    assert.equal(code, 1, out);
    const r = results(reportDir);
    assert.deepEqual(r.projects?.map((p) => p.name), ['embedded', 'embedded-issuer-mismatch']);
    const [clean, flawed] = r.projects!;
    assert.notEqual(clean.target.issuer, flawed.target.issuer, 'one embedded server per configuration');
    assert.deepEqual(r.scenarios.map((s) => [s.project, s.id, s.verdict]), [
      ['embedded', 'metadata-issuer-matches', 'pass'],
      ['embedded-issuer-mismatch', 'metadata-issuer-matches', 'fail'],
    ]);
    // The terminal shows each target apart: its heading, and its own counts.
    assert.match(out, /^embedded: target "embedded" at http:\/\/127\.0\.0\.1:\d+, profile rfc9700$/m);
    assert.match(out, /^embedded-issuer-mismatch: target "embedded-issuer-mismatch" at http:\/\/127\.0\.0\.1:\d+, profile rfc9700$/m);
    assert.match(out, /^ {2}embedded: 1 scenarios: 1 pass, 0 fail/m);
    assert.match(out, /^ {2}embedded-issuer-mismatch: 1 scenarios: 0 pass, 1 fail/m);
    assert.match(out, /^2 targets, 2 scenarios: 1 pass, 1 fail/m);
  });

  test('compared with a baseline of the same two targets, a scenario is known by target and id: no new failure, exit 0', async () => {
    const reportDir = path.join(dir, 'baseline');
    const { code, out } = await runCli(['run', '--target', CLEAN, '--target', FLAWED, '--grep', 'metadata-issuer-matches', '--report-dir', reportDir, '--baseline', path.join(dir, 'cli/results.json')]);
    assert.equal(code, 0, out);
    const b = results(reportDir).baseline!;
    assert.deepEqual([b.newFailures, b.unchangedFailures, b.newScenarios], [[], ['embedded-issuer-mismatch: metadata-issuer-matches'], []]);
  });

  test('`playwright test --project=<name>` runs that target alone, from the same config', () => {
    const reportDir = path.join(dir, 'project');
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const env = { ...process.env, ...settingsEnv({ ...readSettings({}), targets: [CLEAN, FLAWED], reportDir }), FORCE_COLOR: '0' };
    const r = spawnSync(process.execPath, [cli, 'test', '-c', path.join(ROOT, 'playwright.config.ts'), '--project', 'embedded-issuer-mismatch', '--grep', 'metadata-issuer-matches', '--workers', '1'], { cwd: ROOT, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const res = results(reportDir);
    assert.deepEqual(res.projects?.map((p) => p.name), ['embedded-issuer-mismatch']);
    assert.deepEqual(res.scenarios.map((s) => [s.project, s.verdict]), [['embedded-issuer-mismatch', 'fail']]);
  });
});
