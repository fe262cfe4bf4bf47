/**
 * What a run reports as a whole: ambient rules once (one finding listing every response, apart from the
 * scenario verdicts) in every format; refusals only beside a positive control; a run that proved nothing
 * (no scenario, a failed control) never PASS; the LEVEL of the deciding check; the issuer in the header.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { judge } from '../../src/checks/judge.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import { finish } from '../../src/cli/summary.js';
import { ambientRules } from '../../src/report/ambient.js';
import { diffBaseline } from '../../src/report/baseline.js';
import { ambientRows } from '../../src/report/baseline.js';
import { findings } from '../../src/report/findings.js';
import { annotations } from '../../src/report/github.js';
import { headline, header } from '../../src/report/html/header.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown, verdictLine } from '../../src/report/markdown.js';
import { countVerdicts, decidingLevel, exitCodeOf, RESULTS_SCHEMA, type PositiveControl, type RunResults, type ScenarioRecord } from '../../src/results/results.js';
import { renderSarif } from '../../src/report/sarif.js';
import { controlRefusals, NO_POSITIVE_CONTROL, NO_TOKEN_CONTROL, PositiveControls } from '../../src/runner/positive-control.js';
import { callback, errorPage, jsonResponse, redirectedTo, token, tokenInvalidGrant } from '../fixtures/evidence/builders.js';

/** results.json numbers steps from 1. */
const numbered = <T extends { step: number }>(x: T): T => ({ ...x, step: x.step + 1 });
const ambientJudge = (id: string, e: Parameters<typeof judge>[1]) => numbered(judge(CHECKS_BY_ID.get(id)!, e, { all: [e] }, { profile: 'rfc9700', ambient: true }));

const bare = (() => { const r = jsonResponse(200, { access_token: 'at-123', token_type: 'Bearer', expires_in: 3600 }); delete r.headers['cache-control']; return r; })();
const noStoreFail = (step: number) => ambientJudge('token-response-no-store', token({ step, response: bare }));
const noStorePass = ambientJudge('token-response-no-store', token());
const issued = numbered(judge(CHECKS_BY_ID.get('token-issued')!, token({ step: 1 }), { all: [] }, { profile: 'rfc9700' }));

function scenario(over: Partial<ScenarioRecord> & Pick<ScenarioRecord, 'id' | 'verdict'>): ScenarioRecord {
  return {
    title: `title of ${over.id}`, file: `suites/${over.id}.yaml`, catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'],
    level: 'MUST', tags: [], checks: [], evidence: [], stepLines: [10, 14, 18], durationMs: 100, ...over,
  };
}

function results(scenarios: ScenarioRecord[], extra: Partial<RunResults> = {}): RunResults {
  return {
    schema: RESULTS_SCHEMA, harness: { name: 'oauth-conformance', version: '0.1.0' }, target: { name: 'some-server', issuer: 'https://as.example' },
    profile: 'rfc9700', startedAt: '2026-12-06T01:00:00.000Z', durationMs: 5000, counts: countVerdicts(scenarios), scenarios,
    ambient: ambientRules(scenarios), gate: { failOn: 'must' }, ...extra,
  };
}

// Three scenarios got tokens without no-store; each one's own rule held.
const NO_STORE = results([
  scenario({ id: 'code-single-use', verdict: 'pass', checks: [issued], ambient: [noStoreFail(1)] }),
  scenario({ id: 'public-client-pkce-flow', verdict: 'pass', checks: [issued], ambient: [noStoreFail(2)] }),
  scenario({ id: 'refresh-rotated', verdict: 'pass', checks: [issued], ambient: [noStoreFail(1), noStorePass] }),
]);

describe('ambient rules: one finding per run', () => {
  test('folded into one rule listing every response it judged, worst verdict first', () => {
    assert.equal(NO_STORE.ambient!.length, 1);
    const [rule] = NO_STORE.ambient!;
    assert.equal(rule.check, 'token-response-no-store');
    assert.equal(rule.verdict, 'fail');
    assert.equal(rule.level, 'MUST');
    assert.deepEqual(rule.seen.map((o) => [o.scenario, o.step, o.verdict]), [
      ['code-single-use', 2, 'fail'], ['public-client-pkce-flow', 3, 'fail'], ['refresh-rotated', 2, 'fail'], ['refresh-rotated', 2, 'pass'],
    ]);
    assert.match(rule.message, /cacheable/);
    assert.equal(ambientRules([{ id: 'a', ambient: [noStorePass] }])[0].message, 'holds on all 1 response(s)');
  });

  test('the gate counts it once (exit 1), and the scenarios stay pass', () => {
    assert.deepEqual(NO_STORE.scenarios.map((s) => s.verdict), ['pass', 'pass', 'pass']);
    assert.equal(exitCodeOf(NO_STORE), 1);
    const warnOnly = results([scenario({ id: 'x', verdict: 'pass', checks: [issued], ambient: [{ ...noStoreFail(1), verdict: 'warn', level: 'SHOULD' }] })]);
    assert.equal(exitCodeOf(warnOnly), 0);
    assert.equal(exitCodeOf({ ...warnOnly, gate: { failOn: 'should' } }), 1);
  });

  test('one finding, located at the first response that broke it, gating', () => {
    const fs = findings(NO_STORE);
    assert.equal(fs.length, 1);
    assert.equal(fs[0].ambient?.check, 'token-response-no-store');
    assert.equal(`${fs[0].scenario.file}:${fs[0].line}`, 'suites/code-single-use.yaml:14');
    assert.equal(fs[0].rule, 'TR-01');
    assert.equal(fs[0].gating, true);
    assert.match(fs[0].message, /run-wide: 3 of 4 response\(s\), in 3 scenario\(s\)/);
  });

  test('summary.md: the verdict counts the rule, its own section lists it once; no scenario failure rows', () => {
    assert.equal(verdictLine(NO_STORE), '❌ **FAIL** — 1 run-wide rule(s) with MUST failures');
    const md = renderMarkdown(NO_STORE);
    assert.equal(md.match(/token-response-no-store/g)?.length, 1, md);
    assert.match(md, /### Run-wide rules[^\n]*\n\n\| Verdict \| Rule \| Level \| Check \| Seen \| First where \| Why \|\n\|---\|---\|---\|---\|---\|---\|---\|\n\| FAIL \| TR-01 \| MUST \| token-response-no-store \| 3 of 4 response\(s\), in 3 scenario\(s\) \| suites\/code-single-use\.yaml:14 \|/);
    assert.doesNotMatch(md, /### Failures and warnings/);
  });

  test('JUnit: a Run-wide rules testsuite with one failing testcase; scenario testcases pass', () => {
    const xml = renderJunit(NO_STORE);
    assert.match(xml, /<testsuite name="Run-wide rules \(judged once over every response\)" tests="1" failures="1" errors="0" skipped="0"/);
    assert.match(xml, /<testcase classname="oauth-conformance\.run-wide" name="token-response-no-store — [^"]*\(3 of 4 response\(s\), in 3 scenario\(s\)\)" file="suites\/code-single-use\.yaml">\n {6}<failure message="[^"]*cacheable[^"]*" type="MUST">/);
    assert.equal(xml.match(/<failure /g)?.length, 1);
    assert.match(xml, /<testsuites name="[^"]*" tests="4" failures="1" errors="0" skipped="0"/);
  });

  test('SARIF: one result, the other responses as related locations, a run-wide fingerprint', () => {
    const run = JSON.parse(renderSarif(NO_STORE)).runs[0];
    assert.equal(run.results.length, 1);
    const r = run.results[0];
    assert.equal(r.ruleId, 'TR-01');
    assert.equal(r.partialFingerprints['ocScenarioCheck/v1'], 'run-wide/token-response-no-store');
    assert.deepEqual(r.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`),
      ['suites/public-client-pkce-flow.yaml:18', 'suites/refresh-rotated.yaml:14']);
  });

  test('GitHub: one annotation for the rule', () => {
    const a = annotations(NO_STORE);
    assert.equal(a.length, 1);
    assert.match(a[0], /^::error file=suites\/code-single-use\.yaml,line=14,title=TR-01 token-response-no-store \(MUST fail\) — run-wide rule%2C reported once::first seen in code-single-use: /);
  });

  test('HTML: the headline counts it, the Run-wide rules section lists where it broke', () => {
    assert.equal(headline(NO_STORE).text, 'Not conformant: 1 MUST failure(s)');
    const html = renderHtml(NO_STORE, () => Buffer.alloc(0), () => undefined);
    assert.match(html, /<h2>Run-wide rules<\/h2>/);
    assert.equal(html.match(/<li><span class="v v-fail">fail<\/span> <a href="#s-[^"]+">/g)?.length, 3);
    assert.match(html, /<a href="#s-public-client-pkce-flow">public-client-pkce-flow<\/a> step 3: /);
  });

  test('baseline: a run-wide rule is compared by `ambient:<check>`', () => {
    const base = { startedAt: 'then', scenarios: NO_STORE.scenarios, ambient: NO_STORE.ambient };
    const now = diffBaseline([...NO_STORE.scenarios, ...ambientRows(NO_STORE.ambient!)], base, 'base.json', 'must');
    assert.deepEqual(now.unchangedFailures, ['ambient:token-response-no-store']);
    const fixed = diffBaseline([...NO_STORE.scenarios, ...ambientRows([{ check: 'token-response-no-store', verdict: 'pass' }])], base, 'base.json', 'must');
    assert.deepEqual(fixed.fixed, ['ambient:token-response-no-store']);
    const fromV1 = diffBaseline([...NO_STORE.scenarios, ...ambientRows(NO_STORE.ambient!)], { startedAt: 'then', scenarios: NO_STORE.scenarios }, 'v1.json', 'must');
    assert.deepEqual(fromV1.newFailures, ['ambient:token-response-no-store']);
  });
});

describe('a run that proved nothing is never PASS', () => {
  const EMPTY = results([]);
  const failedControl: PositiveControl = { client: 'confidential', ok: false, source: 'run', outcome: 'a valid request by client "confidential" did not complete: no interaction rule matched' };
  const NO_CONTROL = results([scenario({ id: 'redirect-uri-other-host', verdict: 'error', reason: NO_POSITIVE_CONTROL, positiveControl: failedControl })], { positiveControls: [failedControl] });

  test('no scenario ran: exit 2, INCOMPLETE / Incomplete, a JUnit error', () => {
    assert.equal(exitCodeOf(EMPTY), 2);
    assert.equal(verdictLine(EMPTY), '⚠️ **INCOMPLETE** — no scenario ran');
    assert.deepEqual(headline(EMPTY), { text: 'Incomplete: no scenario ran', good: false });
    assert.match(renderJunit(EMPTY), /<error message="no scenario ran" type="harness-error"\/>/);
    assert.equal(JSON.parse(renderSarif(EMPTY)).runs[0].invocations[0].executionSuccessful, false);
  });

  test('a failed positive control: exit 2 even if nothing errored, never Conformant', () => {
    const quiet = { ...NO_CONTROL, scenarios: [{ ...NO_CONTROL.scenarios[0], verdict: 'pass' as const }] };
    assert.equal(exitCodeOf(quiet), 2);
    assert.match(verdictLine(quiet), /^⚠️ \*\*INCOMPLETE\*\* — the target issued no code to a valid request in this run \(client "confidential"\), so its refusals prove nothing$/);
    assert.equal(headline(quiet).good, false);
    assert.match(header(quiet), /positive control \(<b>failed<\/b>\): a valid request by client &quot;confidential&quot; did not complete/);
  });
});

describe('refusals rest on a positive control', () => {
  const refusal = () => judge(CHECKS_BY_ID.get('redirect-uri-rejected')!, errorPage(), { all: [] }, { profile: 'rfc9700' });
  const failed: PositiveControl = { client: 'confidential', ok: false, source: 'run', outcome: 'a valid request by client "confidential" got no code: error page …' };
  const worked: PositiveControl = { ...failed, ok: true, outcome: 'got a code' };

  test('a passed refusal whose control failed becomes error, with the reason; a failed refusal stays fail', async () => {
    const checks = [refusal()];
    assert.equal(checks[0].verdict, 'pass');
    const used = await controlRefusals(checks, [errorPage()], async () => failed);
    assert.equal(used, failed);
    assert.equal(checks[0].verdict, 'error');
    assert.equal(checks[0].message, `${NO_POSITIVE_CONTROL} (${failed.outcome}): the refusal proves nothing without it`);
    const broken: CheckOutcome[] = [{ ...refusal(), verdict: 'fail', message: 'redirected' }];
    assert.equal(await controlRefusals(broken, [errorPage()], async () => failed), undefined);
    assert.equal(broken[0].verdict, 'fail', 'an observed violation stands');
  });

  test('it stands when the control worked, or an earlier step of the scenario got a code; without a control it does not', async () => {
    const ok = [refusal()];
    assert.equal((await controlRefusals(ok, [errorPage()], async () => worked))?.ok, true);
    assert.equal(ok[0].verdict, 'pass');
    const earlier = redirectedTo(callback(), 'registered', { step: 0 });
    const inScenario = [{ ...refusal(), step: 1 }];
    const used = await controlRefusals(inScenario, [earlier, errorPage({ step: 1 })], async () => { throw new Error('not needed'); });
    assert.deepEqual({ ok: used?.ok, source: used?.source }, { ok: true, source: 'scenario' });
    assert.equal(inScenario[0].verdict, 'pass');
    const none = [refusal()];
    await controlRefusals(none, [errorPage()]);
    assert.equal(none[0].verdict, 'error');
  });

  test('a refused token request counts only when a valid one by the same client got tokens', async () => {
    const refused = tokenInvalidGrant({ step: 2, variants: ['auth:wrong-secret'] });
    const judged = () => judge(CHECKS_BY_ID.get('client-authentication-required')!, refused, { all: [refused] }, { profile: 'rfc9700' });
    assert.deepEqual([judged().verdict, judged().refusal], ['pass', true], 'a pass that rests on a refusal says so');
    const noTokens = [judged()];
    const ctl: PositiveControl = { client: 'confidential', ok: true, tokens: false, source: 'run', outcome: 'a valid request by client "confidential" got a code: …; the code not redeemed: HTTP 400' };
    await controlRefusals(noTokens, [refused], async () => ctl);
    assert.equal(noTokens[0].verdict, 'error');
    assert.equal(noTokens[0].message, `${NO_TOKEN_CONTROL} (${ctl.outcome}): the refusal proves nothing without it`);
    const withEarlier = [judged()];
    const used = await controlRefusals(withEarlier, [token({ step: 1 }), refused], async () => ctl);
    assert.deepEqual([withEarlier[0].verdict, used?.source, used?.tokens], ['pass', 'scenario', true]);
  });

  test('a worker runs each client\'s control once', async () => {
    const calls: string[] = [];
    const controls = new PositiveControls(async (client) => { calls.push(client); return { ...worked, client }; });
    await Promise.all([controls.for('confidential'), controls.for('confidential'), controls.for('public')]);
    await controls.for('confidential');
    assert.deepEqual(calls, ['confidential', 'public']);
  });
});

describe('messages', () => {
  const lenient: CheckOutcome = { ...issued, check: 'redirect-uri-rejected', level: 'SHOULD', verdict: 'warn', message: 'lenient' };

  test('LEVEL is the deciding check\'s level: a lenient MUST reads WARN … SHOULD', () => {
    assert.equal(decidingLevel(scenario({ id: 'redirect-uri-host-uppercase', verdict: 'warn', level: 'MUST', checks: [issued, lenient] })), 'SHOULD');
    assert.equal(decidingLevel(scenario({ id: 'p', verdict: 'pass', level: 'MUST', checks: [issued] })), 'MUST');
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-runlevel-unit-'));
    try {
      writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results([scenario({ id: 'redirect-uri-host-uppercase', verdict: 'warn', reason: 'lenient', checks: [issued, lenient] }), ...NO_STORE.scenarios])));
      const lines: string[] = [];
      const code = finish(dir, (l) => lines.push(l), { missing: 'missing', empty: 'empty' });
      const out = lines.join('\n');
      assert.match(out, /^WARN +redirect-uri-host-uppercase +TK-01 +SHOULD +lenient$/m);
      assert.match(out, /Run-wide rules \(each judged once, over every response of its kind\):\nVERDICT +CHECK +RULES +LEVEL +SEEN\n[- ]+\nFAIL +token-response-no-store +TR-01 +MUST +3 of 4 response\(s\), in 3 scenario\(s\): /);
      assert.equal(code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the header names the issuer, and leaves no dangling "·" without one', () => {
    assert.match(header(NO_STORE), /<p class="meta">https:\/\/as\.example · profile <b>/);
    assert.match(header({ ...NO_STORE, target: { name: 'x' } }), /<p class="meta">profile <b>/);
  });
});
