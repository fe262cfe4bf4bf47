/**
 * A run of several targets (Playwright projects): the gate fails when any one target fails a MUST, and
 * the CI formats tell the same scenario on two targets apart (JUnit names, SARIF results).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { judge } from '../../src/checks/judge.js';
import { renderJunit } from '../../src/report/junit.js';
import { countVerdicts, exitCodeOf, RESULTS_SCHEMA, type RunResults, type ScenarioRecord } from '../../src/results/results.js';
import { renderSarif } from '../../src/report/sarif.js';
import { token } from '../fixtures/evidence/builders.js';

const replayed = token({ step: 2 });
const replayFail = { ...judge(CHECKS_BY_ID.get('code-replay-rejected')!, replayed, { all: [replayed] }, { profile: 'rfc9700' }), step: 3 };

function scenario(project: string, verdict: ScenarioRecord['verdict']): ScenarioRecord {
  return {
    project, id: 'code-single-use', title: 'Codes are single-use', file: 'suites/rfc6749/code-single-use.yaml', catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'],
    level: 'MUST', tags: [], verdict, reason: verdict === 'fail' ? replayFail.message : undefined, checks: verdict === 'fail' ? [replayFail] : [], evidence: [], stepLines: [13, 16, 20], durationMs: 1500,
  };
}

function run(scenarios: ScenarioRecord[]): RunResults {
  const project = (name: string) => ({ name, target: { name, issuer: `http://127.0.0.1/${name}` }, profile: 'rfc9700' as const });
  return {
    schema: RESULTS_SCHEMA, harness: { name: 'oauth-conformance', version: '0.1.0' }, target: project('a').target, profile: 'rfc9700',
    projects: [project('a'), project('b')], startedAt: '2026-12-06T04:00:00.000Z', durationMs: 1000, counts: countVerdicts(scenarios), scenarios, gate: { failOn: 'must' },
  };
}

describe('a run of two targets', () => {
  test('the gate fails when one target fails a MUST, passes when both pass', () => {
    assert.equal(exitCodeOf(run([scenario('a', 'pass'), scenario('b', 'fail')])), 1);
    assert.equal(exitCodeOf(run([scenario('a', 'fail'), scenario('b', 'pass')])), 1);
    assert.equal(exitCodeOf(run([scenario('a', 'pass'), scenario('b', 'pass')])), 0);
  });

  test('JUnit names and SARIF results tell the targets apart', () => {
    const r = run([scenario('a', 'fail'), scenario('b', 'fail')]);
    const junit = renderJunit(r);
    assert.match(junit, /name="\[a\] code-single-use — /);
    assert.match(junit, /name="\[b\] code-single-use — /);
    const results = (JSON.parse(renderSarif(r)) as { runs: { results: { message: { text: string }; partialFingerprints: Record<string, string> }[] }[] }).runs[0].results;
    assert.equal(results.length, 2);
    assert.deepEqual(results.map((x) => x.partialFingerprints['ocScenarioCheck/v1']).sort(), ['a/code-single-use/code-replay-rejected/3', 'b/code-single-use/code-replay-rejected/3']);
    assert.ok(results.every((x) => /^\\?\[[ab]\\?\] code-single-use: /.test(x.message.text)), results.map((x) => x.message.text).join('\n'));
  });
});
