/** `run --grep` selects scenarios by id or title in the CLI, and hands Playwright a pattern of exactly those ids. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idsPattern, selectScenarios } from '../../src/cli/run.js';
import { UsageError } from '../../src/cli/args.js';
import type { LoadedScenario } from '../../src/scenario/load.js';

const scenario = (id: string, title: string) => ({ scenario: { id, title }, file: `suites/${id}.yaml` }) as unknown as LoadedScenario;
const all = [scenario('metadata-published', 'Metadata is published'), scenario('metadata-published-twice', 'Twice'), scenario('code-single-use', 'A code is single-use (RFC 6749)')];
const ids = (l: LoadedScenario[]) => l.map((s) => s.scenario.id);

describe('run --grep', () => {
  test('an anchored id selects that scenario only', () => {
    assert.deepEqual(ids(selectScenarios(all, '^metadata-published$')), ['metadata-published']);
  });
  test('matches the title, and the test title "id — title"', () => {
    assert.deepEqual(ids(selectScenarios(all, 'single-use \\(RFC')), ['code-single-use']);
    assert.deepEqual(ids(selectScenarios(all, 'code-single-use —')), ['code-single-use']);
  });
  test('no grep: every scenario; a bad expression: a usage error naming it', () => {
    assert.equal(selectScenarios(all, undefined).length, 3);
    assert.throws(() => selectScenarios(all, '(('), (e: unknown) => e instanceof UsageError && /--grep "\(\(" is not a regular expression/.test(e.message));
  });
  test('the pattern for Playwright matches exactly the chosen tests, and nothing when none was chosen', () => {
    const re = new RegExp(idsPattern(selectScenarios(all, '^metadata-published$')));
    assert.ok(re.test('embedded suites/metadata-published.yaml metadata-published — Metadata is published'));
    assert.ok(!re.test('embedded suites/x.yaml metadata-published-twice — Twice'));
    assert.ok(!new RegExp(idsPattern([])).test('embedded suites/x.yaml metadata-published — Metadata is published'));
  });
});
