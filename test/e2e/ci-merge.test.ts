/**
 * CI end to end: a run split in two shards (run at the same time, as CI machines would) and merged with
 * `oauth-conformance merge` gives the verdicts, checks and machine formats of the same run on one machine;
 * GitHub annotations come from the merge, not the shards; bad gate inputs exit 2 before anything runs.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../../src/runner/env.js';
import type { RunResults } from '../../src/results/results.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const SECRETS = { OC_EMBEDDED_SECRET: 'leak-canary-merge-confidential-Qw3', OC_EMBEDDED_PASSWORD: 'leak-canary-merge-password-Zx8' };
/** Quick scenarios: passes, and known deviations of the embedded server (warn, not gated). */
const SUBSET = [
  'metadata-issuer-matches', 'password-grant-refused', 'redirect-uri-other-host', 'redirect-uri-host-uppercase',
  'open-redirector-invalid-response-type', 'client-authentication-method-as-registered',
].map((id) => `^${id}$`).join('|');

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, GITHUB_ACTIONS: '', ...SECRETS, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('close', (code) => resolve({ code, out }));
  });
}

const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `oc-${name}-`));
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const results = (dir: string) => JSON.parse(read(dir, 'results.json')) as RunResults;
/** What must not depend on sharding: each scenario's verdict, deviation and checks. */
const verdicts = (r: RunResults) => Object.fromEntries(r.scenarios.map((s) => [s.id, { verdict: s.verdict, deviation: s.deviation?.status, checks: s.checks.map((c) => `${c.check}:${c.verdict}`) }]));
/** What differs between any two runs: code fingerprints, state values, the embedded server's port. */
const runSpecific = (s: string) => s.replace(/‹(\w+):[0-9a-f]{6}›/g, '‹$1›').replace(/state=[\w-]+/g, 'state=S').replace(/127\.0\.0\.1(%3A|:)\d+/g, 'ISSUER');
/** A JUnit file without its timings and run-specific values. */
const junitShape = (xml: string) => runSpecific(xml.replace(/ (time|timestamp)="[^"]*"/g, ''));
/** SARIF results, the facts of each: rule, level, location, message. */
const sarifShape = (text: string) => (JSON.parse(text) as { runs: { results: { ruleId: string; level: string; locations: unknown; message: { text: string } }[] }[] }).runs[0].results
  .map((r) => ({ ruleId: r.ruleId, level: r.level, locations: r.locations, message: runSpecific(r.message.text) }));

describe('sharded run merged', () => {
  test('2 shards + merge = the unsharded run: verdicts, reports, formats; annotations from the merge only', async () => {
    const [single, s1, s2, merged] = ['single', 'shard1', 'shard2', 'merged'].map(tmp);
    const summaryFile = path.join(merged, 'step-summary.md');
    const gh = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile };
    const runs = await Promise.all([
      cli(['run', '--grep', SUBSET, '--report-dir', single, '--workers', '2']),
      cli(['run', '--grep', SUBSET, '--report-dir', s1, '--shard', '1/2', '--workers', '1'], gh),
      cli(['run', '--grep', SUBSET, '--report-dir', s2, '--shard', '2/2', '--workers', '1'], gh),
    ]);
    for (const r of runs) assert.equal(r.code, 0, r.out);
    for (const r of runs.slice(1)) assert.doesNotMatch(r.out, /^::/m, 'a shard prints no annotations');
    assert.ok(!existsSync(summaryFile), 'a shard writes no step summary');
    const [n1, n2] = [s1, s2].map((d) => results(d).scenarios.length);
    assert.ok(n1 > 0 && n2 > 0, `both shards ran scenarios (${n1} + ${n2})`);
    assert.ok(existsSync(path.join(s1, 'blob/shard-1-of-2/oc-run.json')) && existsSync(path.join(s2, 'blob/shard-2-of-2/oc-run.json')));

    // As CI gathers shard artifacts: both blob folders side by side in one directory.
    const gathered = tmp('gathered');
    for (const [src, name] of [[s1, 'shard-1-of-2'], [s2, 'shard-2-of-2']]) {
      spawnSync('cp', ['-r', path.join(src, 'blob', name), gathered]);
    }
    const half = await cli(['merge', path.join(gathered, 'shard-1-of-2'), '--report-dir', tmp('half')]);
    assert.equal(half.code, 2, half.out);
    assert.match(half.out, /^error: shard\(s\) 2\/2 missing: 1 blob report\(s\) of a run split in 2\n  hint: /m);
    const m = await cli(['merge', gathered, '--report-dir', merged, '--baseline', path.join(single, 'results.json')], gh);
    assert.equal(m.code, 0, m.out);

    const one = results(single);
    const all = results(merged);
    assert.equal(all.scenarios.length, 6);
    assert.equal(n1 + n2, 6);
    assert.deepEqual(verdicts(all), verdicts(one));
    assert.deepEqual(all.counts, one.counts);
    assert.deepEqual([all.target.name, all.profile], [one.target.name, one.profile]);
    assert.deepEqual(all.baseline && { ...all.baseline, file: '' }, { file: '', startedAt: one.startedAt, newFailures: [], fixed: [], unchangedFailures: [], newScenarios: [] });
    assert.match(m.out, /Compared with the baseline .*\n  new failures\s+0\n  fixed\s+0/);

    assert.equal(junitShape(read(merged, 'junit.xml')).replace(/\s*<property name="baseline"[^>]*\/>/g, ''), junitShape(read(single, 'junit.xml')));
    assert.deepEqual(sarifShape(read(merged, 'results.sarif')), sarifShape(read(single, 'results.sarif')));
    assert.match(read(merged, 'summary.md'), /^## oauth-conformance: ✅ \*\*PASS\*\* — no new failures since the baseline/);
    assert.ok(existsSync(path.join(merged, 'summary.html')) && existsSync(path.join(merged, 'playwright/index.html')));
    assert.equal(readdirSync(path.join(merged, 'allure-results')).filter((f) => f.endsWith('-result.json')).length, 6);

    // Annotations: one notice per known deviation, at its scenario file and step line; the summary appended once.
    const notices = m.out.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(notices.length, 3, m.out);
    assert.ok(notices.every((l) => /^::notice file=suites\/[\w/.-]+\.yaml,line=\d+,title=.*known deviation%2C not gated::/.test(l)), notices.join('\n'));
    assert.equal(readFileSync(summaryFile, 'utf8'), `${read(merged, 'summary.md')}\n`);

    const texts = [m.out, ...runs.map((r) => r.out), ...['junit.xml', 'results.sarif', 'summary.md'].map((f) => read(merged, f))];
    for (const secret of Object.values(SECRETS)) assert.ok(!texts.some((t) => t.includes(secret)), 'a secret leaked');
  });
});

describe('gate and merge inputs', () => {
  test('bad --baseline, --fail-on, merge inputs: exit 2 with a one-line reason, nothing run', async () => {
    const dir = tmp('inputs');
    const missing = await cli(['run', '--baseline', path.join(dir, 'nope.json'), '--report-dir', dir]);
    assert.equal(missing.code, 2);
    assert.match(missing.out, /^error: baseline .*nope\.json: cannot read it \(ENOENT\)\n  hint: pass the results\.json of an earlier oauth-conformance run/);
    writeFileSync(path.join(dir, 'junk.json'), '{"schema":"other"}');
    const junk = await cli(['run', '--baseline', path.join(dir, 'junk.json'), '--report-dir', dir]);
    assert.equal(junk.code, 2);
    assert.match(junk.out, /not an oauth-conformance results file/);
    assert.ok(!existsSync(path.join(dir, 'results.json')), 'nothing ran');

    const failOn = await cli(['run', '--fail-on', 'may']);
    assert.equal(failOn.code, 2);
    assert.match(failOn.out, /error: --fail-on must be one of must, should \(got "may"\)/);

    mkdirSync(path.join(dir, 'empty'));
    const empty = await cli(['merge', path.join(dir, 'empty'), '--report-dir', dir]);
    assert.equal(empty.code, 2);
    assert.match(empty.out, /error: no blob report \(\*\.zip\) in .*empty\n  hint: /);
    const none = await cli(['merge']);
    assert.equal(none.code, 2);
    assert.match(none.out, /error: merge needs the blob report directories of the shards/);
  });
});
