/**
 * A login that fails after the password was typed (the server "renamed its button": the profile's
 * click locator no longer matches), run through the real command: Playwright writes its own files for
 * the failed test (error-context.md, its HTML report, Allure results) and the harness a screenshot of
 * the login page — and the password is in none of them, in any encoding, nor in the terminal; no page
 * snapshot of the target is written at all; every file under the report directory is 0600 and every
 * directory 0700.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';
import { runCli } from './run-cli.js';
import { artifactsOf, filesUnder } from './record/artifacts.js';

/** Distinctive, with a space, a `+` and characters every encoding changes. */
const PASSWORD = 'leak canary+Vb6n!Y1sQ/é';
const SECRET = 'leak-canary-secret-Qz8rT2wX';

/** The forms a leak could take: every encoding the redactor claims to know. */
const forms = (v: string) => [
  v, encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2), JSON.stringify(v).slice(1, -1),
  Buffer.from(v).toString('base64').replace(/=+$/, ''), Buffer.from(v).toString('base64url'), Buffer.from(v).toString('hex'), Buffer.from(v).toString('hex').toUpperCase(),
];

test('a login failing after the password was filled: no password in any file or the terminal, no page snapshot, files 0600', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-private-'));
  const profile = path.join(dir, 'renamed-button.yaml');
  const embedded = readFileSync(path.join(ROOT, 'fixtures/targets/embedded.yaml'), 'utf8');
  const renamed = embedded.replace('- click: { role: button, name: Sign in }', '- click: { role: button, name: Log in now, timeout: 1500 }');
  assert.notEqual(renamed, embedded, 'the login rule was changed');
  writeFileSync(profile, renamed);
  const reportDir = path.join(dir, 'report');

  const r = await runCli(['run', '--target', profile, '--grep', 'pkce-wrong-verifier-rejected', '--workers', '1', '--report-dir', reportDir], {
    OC_EMBEDDED_PASSWORD: PASSWORD, OC_EMBEDDED_SECRET: SECRET,
  });

  // The failure it is about: the password was typed, then the click found no button.
  assert.equal(r.code, 2, r.out);
  const res = JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8')) as RunResults;
  const s = res.scenarios[0];
  assert.equal(s.verdict, 'error');
  assert.match(s.error?.message ?? '', /interaction "login": click role="button" name="Log in now" failed/);
  assert.ok(s.error?.screenshot, 'a screenshot of the login page was kept');
  const files = filesUnder(reportDir).map((f) => path.relative(reportDir, f));
  const errorContext = files.filter((f) => f.endsWith('error-context.md'));
  assert.ok(errorContext.length >= 1, `Playwright wrote its error context: ${files.join(', ')}`);

  // No page snapshot of the target in Playwright's files (where the password field's value would be).
  for (const f of errorContext) assert.doesNotMatch(readFileSync(path.join(reportDir, f), 'utf8'), /Page snapshot|textbox/);

  // Nothing of the password or the client secret, in any form, anywhere — Playwright's zipped data included.
  const texts = [{ name: 'terminal', text: r.out }, ...artifactsOf(reportDir)];
  assert.ok(texts.some((t) => t.name.includes('#data')), 'the Playwright report\'s embedded data was searched');
  const leaks: string[] = [];
  for (const [name, secret] of [['password', PASSWORD], ['client secret', SECRET]]) {
    for (const t of texts) for (const f of forms(secret)) if (t.text.includes(f)) leaks.push(`${name} as ${JSON.stringify(f)} in ${t.name}`);
  }
  assert.deepEqual(leaks, []);

  // Private: files 0600, directories 0700 — Playwright's and Allure's included.
  const loose = [reportDir, ...filesUnder(reportDir)].flatMap((p) => {
    const mode = statSync(p).mode & 0o777;
    return mode & 0o077 ? [`${path.relative(dir, p)} ${mode.toString(8)}`] : [];
  });
  const dirs = new Set(files.map((f) => path.dirname(f)).filter((d) => d !== '.'));
  for (const d of dirs) { const mode = statSync(path.join(reportDir, d)).mode & 0o777; if (mode !== 0o700) loose.push(`${d}/ ${mode.toString(8)}`); }
  assert.deepEqual(loose, []);
  assert.ok(files.some((f) => f.startsWith('playwright/')) && files.some((f) => f.startsWith('allure-results/')) && files.some((f) => f.startsWith('evidence/')), files.join(', '));
});
