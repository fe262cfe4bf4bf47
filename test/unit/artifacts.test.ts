/**
 * Negative control of the leak search (test/e2e/secrets-and-network.test.ts): a secret hidden the way
 * Playwright's HTML report hides its data — a JSON file, zipped (deflated), base64 in a data: URL in
 * index.html — is found; so is one in a plain file. Zips are made by the system's `zip`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { artifactsOf } from '../e2e/record/artifacts.js';

test('a secret inside a zipped, base64-embedded report file is found, and one in a plain file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-artifacts-'));
  const work = path.join(dir, 'work');
  mkdirSync(work);
  writeFileSync(path.join(work, 'step.json'), JSON.stringify({ title: 'Fill "hidden-canary-1234"', padding: 'x'.repeat(500) }));
  execFileSync('zip', ['-q', '-9', path.join(dir, 'data.zip'), 'step.json'], { cwd: work });
  const report = path.join(dir, 'report');
  mkdirSync(path.join(report, 'playwright'), { recursive: true });
  const zip = readFileSync(path.join(dir, 'data.zip')).toString('base64');
  writeFileSync(path.join(report, 'playwright/index.html'), `<script>window.playwrightReportBase64 = "data:application/zip;base64,${zip}";</script>`);
  writeFileSync(path.join(report, 'results.json'), '{"reason":"plain-canary-5678"}');

  const found = (secret: string) => artifactsOf(report).filter((a) => a.text.includes(secret)).map((a) => a.name);
  assert.deepEqual(found('hidden-canary-1234'), ['playwright/index.html#data0!step.json']);
  assert.deepEqual(found('plain-canary-5678'), ['results.json']);
  assert.deepEqual(found('absent-canary'), []);
});
