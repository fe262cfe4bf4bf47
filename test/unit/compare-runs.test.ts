/** The flake check's comparison: identical runs agree; a changed or missing verdict is reported. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVerdicts, formatDifferences, type RunVerdicts } from '../../src/report/compare-runs.js';

const run = (name: string, verdicts: Record<string, 'pass' | 'fail' | 'error'>): RunVerdicts => ({
  run: name, scenarios: Object.entries(verdicts).map(([id, verdict]) => ({ id, verdict, reason: verdict === 'pass' ? undefined : `${id} ${verdict}ed in ${name}` })),
});

test('identical verdicts: no difference', () => {
  const runs = [run('a', { x: 'pass', y: 'fail' }), run('b', { x: 'pass', y: 'fail' }), run('c', { x: 'pass', y: 'fail' })];
  assert.deepEqual(compareVerdicts(runs), []);
  assert.equal(formatDifferences(runs, []), 'identical verdicts in 3 runs (2 scenarios)');
});

test('a verdict that changes, or a scenario missing from one run, is a difference with its reason', () => {
  const runs = [run('a', { x: 'pass', y: 'fail', z: 'pass' }), run('b', { x: 'error', y: 'fail' })];
  const diffs = compareVerdicts(runs);
  assert.deepEqual(diffs, [
    { id: 'x', verdicts: ['pass', 'error'], reason: 'x errored in b' },
    { id: 'z', verdicts: ['pass', 'missing'], reason: undefined },
  ]);
  assert.match(formatDifferences(runs, diffs), /^2 of 3 scenario\(s\) changed verdict across 2 runs:\n {2}x: pass → error\n {6}x errored in b\n {2}z: pass → missing$/);
});
