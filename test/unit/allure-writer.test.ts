/** The Allure reporter the run uses: allure-playwright's, with its results written by PlainWriter (no fsync per file). */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Suite } from '@playwright/test/reporter';
import OcAllureReporter, { PlainWriter } from '../../src/report/allure-reporter.js';
import { PRIVATE_UMASK } from '../../src/report/private-files.js';

describe('Allure results without fsync', () => {
  test('the reporter swaps its runtime\'s writer for PlainWriter once the run begins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-allure-'));
    const reporter = new OcAllureReporter({ resultsDir: dir, detail: false });
    reporter.onBegin({ allTests: () => [], suites: [] } as unknown as Suite);
    // Should allure-playwright keep its writer elsewhere, this fails: the fsyncs would silently be back.
    const runtime = (reporter as unknown as { allureRuntime: { writer: unknown } }).allureRuntime;
    assert.ok(runtime.writer instanceof PlainWriter);
  });

  test('each result, container and attachment is a complete file, private to the tester', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'oc-allure-')), 'allure-results');
    const old = process.umask(PRIVATE_UMASK);
    try {
      const w = new PlainWriter(dir);
      w.writeResult({ uuid: 'u1', name: 'scenario' } as Parameters<PlainWriter['writeResult']>[0]);
      w.writeGroup({ uuid: 'g1', children: ['u1'] } as unknown as Parameters<PlainWriter['writeGroup']>[0]);
      w.writeAttachment('a1-attachment.json', Buffer.from('{"x":1}'));
      w.writeEnvironmentInfo({ target: 'embedded' });
    } finally {
      process.umask(old);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['a1-attachment.json', 'environment.properties', 'g1-container.json', 'u1-result.json']);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'u1-result.json'), 'utf8')), { uuid: 'u1', name: 'scenario' });
    assert.equal(readFileSync(path.join(dir, 'a1-attachment.json'), 'utf8'), '{"x":1}');
    assert.match(readFileSync(path.join(dir, 'environment.properties'), 'utf8'), /^target=embedded$/m);
    for (const f of readdirSync(dir)) assert.equal(statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });
});
