/**
 * One order of verdicts for every "worst verdict" (src/checks/verdict-order.ts): the scenario verdict,
 * the run-wide rules and the HTML report agree, and a proven breach outranks the harness's own error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckOutcome, Verdict } from '../../src/checks/types.js';
import { VERDICTS_WORST_FIRST, worse, worstOf } from '../../src/checks/verdict-order.js';
import { ambientRules } from '../../src/report/ambient.js';
import { worst as htmlWorst } from '../../src/report/html/escape.js';
import { scenarioVerdict } from '../../src/runner/verdict.js';

const outcome = (verdict: Verdict, ambient = false): CheckOutcome => ({
  check: `c-${verdict}`, title: 't', catalog: ['TK-01'], requirements: [], level: 'MUST', verdict, message: verdict, step: 0, ambient,
});

test('worst first: fail, error, warn, pass, skip', () => {
  assert.deepEqual(VERDICTS_WORST_FIRST, ['fail', 'error', 'warn', 'pass', 'skip']);
  assert.equal(worstOf([]), 'skip');
  assert.equal(worstOf(['pass', 'error', 'fail', 'warn']), 'fail');
  assert.equal(worse('pass', 'skip'), 'pass');
});

test('the scenario verdict, the run-wide rules and the HTML report use that order', () => {
  for (const a of VERDICTS_WORST_FIRST) {
    for (const b of VERDICTS_WORST_FIRST) {
      const expected = worse(a, b);
      assert.equal(htmlWorst(a, b), expected, `html ${a} ${b}`);
      const [rule] = ambientRules([{ id: 's1', ambient: [outcome(a, true)] }, { id: 's2', ambient: [{ ...outcome(b, true), check: `c-${a}` }] }]);
      assert.equal(rule.verdict, expected, `ambient ${a} ${b}`);
    }
  }
  // Both a breach and a crashed check: the breach decides (the crash stays in the record).
  assert.equal(scenarioVerdict({ checks: [outcome('error'), outcome('fail')] }).verdict, 'fail');
  assert.equal(scenarioVerdict({ checks: [outcome('pass'), outcome('warn')] }).verdict, 'warn');
});
