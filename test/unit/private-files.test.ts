/**
 * Report files are private (src/report/private-files.ts): written 0600 even over a file that was
 * 0644; a run's entries tightened recursively (files 0600, directories 0700) without following a
 * symbolic link out of the report directory, and without touching entries that are not the run's or
 * a report directory that already existed (it may be /tmp).
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lockDown, mkdirPrivate, writePrivate } from '../../src/report/private-files.js';

const mode = (p: string) => statSync(p).mode & 0o777;

test('writePrivate, mkdirPrivate and lockDown', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-private-files-'));
  chmodSync(dir, 0o755);
  const outside = path.join(dir, 'outside.txt');
  writeFileSync(outside, 'x', { mode: 0o644 });
  chmodSync(outside, 0o644);

  const report = path.join(dir, 'report');
  mkdirPrivate(report);
  assert.equal(mode(report), 0o700, 'created 0700');
  const old = path.join(report, 'results.json');
  writeFileSync(old, '{}', { mode: 0o644 });
  chmodSync(old, 0o644);
  writePrivate(old, '{"new":1}');
  assert.equal(mode(old), 0o600, 'rewritten 0600');

  mkdirSync(path.join(report, 'playwright/data'), { recursive: true, mode: 0o755 });
  chmodSync(path.join(report, 'playwright/data'), 0o755);
  writeFileSync(path.join(report, 'playwright/data/a.png'), 'png', { mode: 0o644 });
  symlinkSync(outside, path.join(report, 'playwright/link'));
  writeFileSync(path.join(report, 'not-ours.txt'), 'x', { mode: 0o644 });
  chmodSync(path.join(report, 'not-ours.txt'), 0o644);
  lockDown(report, ['playwright', 'results.json', 'absent']);
  assert.equal(mode(path.join(report, 'playwright')), 0o700);
  assert.equal(mode(path.join(report, 'playwright/data')), 0o700);
  assert.equal(mode(path.join(report, 'playwright/data/a.png')), 0o600);
  assert.equal(mode(outside), 0o644, 'a link out of the report directory is not followed');
  assert.equal(mode(path.join(report, 'not-ours.txt')), 0o644, 'only the run\'s entries');

  mkdirPrivate(dir);
  assert.equal(mode(dir), 0o755, 'an existing report directory keeps its mode');
});
