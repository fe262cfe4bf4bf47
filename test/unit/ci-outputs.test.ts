/**
 * The CI formats rendered from one results object: junit.xml parsed by a real XML parser (Chromium's
 * DOMParser) with the right counts, results.sarif validated against the official SARIF 2.1.0 schema,
 * summary.md, GitHub annotations; the baseline diff and the --fail-on gate. Each validator is shown
 * able to fail (a broken document is rejected).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv, type ErrorObject } from 'ajv';
import { chromium, type Browser } from 'playwright';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { judge } from '../../src/checks/judge.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import { chromiumExecutable } from '../../src/drive/chromium.js';
import { Redactor } from '../../src/evidence/redact.js';
import { BaselineError, diffBaseline, loadBaseline } from '../../src/report/baseline.js';
import { annotations, reportToGithub } from '../../src/report/github.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { OUTPUT_FILES, writeOutputs } from '../../src/report/outputs.js';
import { countVerdicts, exitCodeOf, RESULTS_SCHEMA, type FailOn, type RunResults, type ScenarioRecord } from '../../src/results/results.js';
import { renderSarif } from '../../src/report/sarif.js';
import { CODE, token } from '../fixtures/evidence/builders.js';

const redactor = new Redactor();
redactor.add(CODE, 'code');

function scenario(over: Partial<ScenarioRecord> & Pick<ScenarioRecord, 'id' | 'verdict'>): ScenarioRecord {
  return {
    title: `title of ${over.id}`, file: `suites/rfc6749/${over.id}.yaml`, catalog: ['TK-01', 'TK-02'], requirements: ['RFC6749-4.1.2'],
    level: 'MUST', tags: [], checks: [], evidence: [], stepLines: [13, 16, 20], durationMs: 1500, ...over,
  };
}

/** results.json numbers steps from 1. */
const numbered = <T extends { step: number }>(x: T): T => ({ ...x, step: x.step + 1 });
const replayed = token({ step: 2 });
/** code-replay-rejected failing on step 3 (index 2): the code was accepted twice. */
const replayFail = redactor.redact(numbered(judge(CHECKS_BY_ID.get('code-replay-rejected')!, replayed, { all: [replayed] }, { profile: 'rfc9700' })));
const issued = numbered(judge(CHECKS_BY_ID.get('token-issued')!, token(), { all: [] }, { profile: 'rfc9700' }));
const shouldWarn: CheckOutcome = { ...issued, check: 'tokens-revoked-after-code-replay', title: 'Tokens of a replayed code are revoked', catalog: ['TK-02'], level: 'SHOULD', verdict: 'warn', expected: '401 at the resource', actual: '200 <ok> & "fine"', message: 'tokens still work, after the <replay> | twice', step: 2 };

function results(scenarios: ScenarioRecord[], extra: Partial<RunResults> = {}): RunResults {
  return {
    schema: RESULTS_SCHEMA, harness: { name: 'oauth-conformance', version: '0.1.0' }, target: { name: 'embedded', issuer: 'http://127.0.0.1:4000' },
    profile: 'rfc9700', startedAt: '2026-11-27T16:10:39.279Z', durationMs: 42561, counts: countVerdicts(scenarios), scenarios, gate: { failOn: 'must' }, ...extra,
  };
}

const RUN = results([
  scenario({ id: 'code-single-use', title: 'Codes are <single-use> & "quoted"', verdict: 'fail', reason: `code-replay-rejected: ${replayFail.message}`, checks: [issued, replayFail] }),
  scenario({ id: 'tokens-revoked', verdict: 'warn', level: 'SHOULD', reason: shouldWarn.message, checks: [issued, shouldWarn] }),
  scenario({ id: 'code-flow', verdict: 'pass', checks: [issued] }),
  scenario({ id: 'implicit-refused', catalog: ['DG-01'], verdict: 'skip', reason: 'the target lacks `implicit`' }),
  scenario({ id: 'pkce-flow', catalog: ['PK-01'], verdict: 'error', reason: 'step 1: no interaction rule matched', error: { step: 1, message: 'no interaction rule matched the page', hint: 'fix `interaction`' } }),
  scenario({ id: 'pragma', catalog: ['TR-02'], verdict: 'fail', reason: 'no Pragma', checks: [{ ...replayFail, check: 'token-response-pragma-no-cache', catalog: ['TR-02'] }], deviation: { verdict: 'fail', reason: 'oidc-provider sends no Pragma', status: 'matched' } }),
  scenario({ id: 'uppercase-host', catalog: ['RU-15'], verdict: 'pass', checks: [issued], deviation: { verdict: 'warn', reason: 'was lenient', status: 'stale' } }),
]);

let browser: Browser;
before(async () => { browser = await chromium.launch({ executablePath: chromiumExecutable() }); });
after(async () => { await browser?.close(); });

interface ParsedJunit { error?: string; totals: Record<string, string>; suites: { name: string; tests: number; failures: number; errors: number; skipped: number; cases: number }[]; cases: Record<string, { failure?: string; error?: string; skipped?: string; out?: string; file?: string }> }

/**
 * Runs in the page: DOMParser in XML mode is a strict XML 1.0 parser; a parsererror element means not
 * well-formed. Plain JavaScript text, since tsx's helpers (`__name`) do not exist in the page.
 */
const PARSE_JUNIT = `(text) => {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  const attrs = (e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value]));
  const child = (e, tag) => [...e.children].find((c) => c.tagName === tag);
  const num = (e, a) => Number(e.getAttribute(a));
  return {
    error: err ? err.textContent : undefined,
    totals: err ? {} : attrs(doc.documentElement),
    suites: [...doc.getElementsByTagName('testsuite')].map((s) => ({
      name: s.getAttribute('name'), tests: num(s, 'tests'), failures: num(s, 'failures'), errors: num(s, 'errors'), skipped: num(s, 'skipped'),
      cases: s.getElementsByTagName('testcase').length,
    })),
    cases: Object.fromEntries([...doc.getElementsByTagName('testcase')].map((c) => [c.getAttribute('name').split(' — ')[0], {
      failure: child(c, 'failure') ? child(c, 'failure').textContent : undefined,
      error: child(c, 'error') ? child(c, 'error').getAttribute('message') : undefined,
      skipped: child(c, 'skipped') ? child(c, 'skipped').getAttribute('message') : undefined,
      out: child(c, 'system-out') ? child(c, 'system-out').textContent : undefined,
      file: c.getAttribute('file') || undefined,
    }])),
  };
}`;

async function parseJunit(xml: string): Promise<ParsedJunit> {
  const page = await browser.newPage();
  try {
    return (await page.evaluate(`(${PARSE_JUNIT})(${JSON.stringify(xml)})`)) as ParsedJunit;
  } finally {
    await page.close();
  }
}

describe('junit.xml', () => {
  test('well-formed, a testsuite per catalog section, counts that match the elements', async () => {
    const j = await parseJunit(renderJunit(RUN));
    assert.equal(j.error, undefined);
    assert.deepEqual([j.totals.tests, j.totals.failures, j.totals.errors, j.totals.skipped], ['7', '1', '1', '1']);
    for (const s of j.suites) assert.equal(s.tests, s.cases, s.name);
    // RU-15, PK-01, TK-01/02, TR-02, DG-01: in catalog order.
    assert.deepEqual(j.suites.map((s) => s.name.split(' ')[0]), ['B.1.4', 'B.1.7', 'B.1.8', 'B.1.9', 'B.1.11']);
    assert.equal(j.suites[2].name, 'B.1.8 Token endpoint: code redemption and client authentication');
    const tk = j.suites[2];
    assert.deepEqual([tk.tests, tk.failures], [3, 1]);
  });

  test('fail carries the broken checks\' expected/actual; error, skip, warn, known and stale deviations as such', async () => {
    const { cases } = await parseJunit(renderJunit(RUN));
    assert.match(cases['code-single-use'].failure!, /FAIL TK-01 code-replay-rejected \(MUST\) at suites\/rfc6749\/code-single-use\.yaml:20/);
    assert.match(cases['code-single-use'].failure!, /expected: no tokens; 400 error=invalid_grant\n\s+actual:\s+200 access_token issued/);
    assert.equal(cases['code-single-use'].file, 'suites/rfc6749/code-single-use.yaml');
    assert.equal(cases['pkce-flow'].error, 'step 1: no interaction rule matched');
    assert.equal(cases['implicit-refused'].skipped, 'the target lacks `implicit`');
    assert.equal(cases['tokens-revoked'].failure, undefined, 'a SHOULD warning passes under --fail-on must');
    assert.match(cases['tokens-revoked'].out!, /WARN TK-02 tokens-revoked-after-code-replay \(SHOULD\).*\n\s+expected: 401 at the resource\n\s+actual:\s+200 <ok> & "fine"/);
    assert.equal(cases.pragma.failure, undefined, 'a matched known deviation is not gated');
    assert.match(cases.pragma.out!, /^KNOWN DEVIATION \(not gated\).*oidc-provider sends no Pragma/);
    assert.match(cases['uppercase-host'].out!, /^STALE KNOWN DEVIATION/);
    assert.equal(cases['code-flow'].out, undefined);
  });

  test('--fail-on should turns the SHOULD warning into a failure', async () => {
    const j = await parseJunit(renderJunit({ ...RUN, gate: { failOn: 'should' } }));
    assert.equal(j.totals.failures, '2');
    assert.match(j.cases['tokens-revoked'].failure!, /WARN TK-02/);
  });

  test('negative control: the parser rejects a document that is not well-formed', async () => {
    const broken = renderJunit(RUN).replace('&lt;single-use&gt; &amp;', '<single-use> &');
    assert.ok((await parseJunit(broken)).error);
  });
});

/** The official SARIF 2.1.0 schema (OASIS, as shipped by Microsoft's sarif-js-sdk), draft-04: read by ajv 8 as draft-07 after its meta keys. */
function sarifValidator() {
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  } catch {
    throw new Error('the SARIF 2.1.0 schema comes with the devDependency @microsoft/jest-sarif: run `npm install`');
  }
  const { $schema: _draft4, id: _id, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  const validate = ajv.compile(schema);
  /** The schema violations of a log, none when it is valid. */
  return (log: unknown): ErrorObject[] => (validate(log) ? [] : (validate.errors ?? []));
}

describe('results.sarif', () => {
  const violations = sarifValidator();
  const log = JSON.parse(renderSarif(RUN));
  const run = log.runs[0];

  test('valid against the SARIF 2.1.0 schema; a broken log is not (negative control)', () => {
    assert.deepEqual(violations(log), []);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.version;
    const found = violations(broken);
    assert.ok(found.some((e) => e.instancePath === '/runs/0/results/0/level'), JSON.stringify(found));
    assert.ok(found.some((e) => e.params.missingProperty === 'version'), JSON.stringify(found));
  });

  test('one result per failed or warned check, located at the scenario line of its step', () => {
    assert.deepEqual(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`), ['TK-01:error', 'TK-02:warning', 'TR-02:error']);
    const [fail] = run.results;
    assert.deepEqual(fail.locations[0].physicalLocation, { artifactLocation: { uri: 'suites/rfc6749/code-single-use.yaml' }, region: { startLine: 20 } });
    assert.match(fail.message.text, /code-replay-rejected: .*expected no tokens; 400 error=invalid_grant; actual 200 access_token issued/);
    assert.equal(run.results[2].suppressions[0].kind, 'external', 'known deviation suppressed');
    assert.equal(run.results[0].baselineState, undefined);
  });

  test('rules keyed by catalog id, their help the RFC quote, link and remediation', () => {
    const tk01 = run.tool.driver.rules.find((r: { id: string }) => r.id === 'TK-01');
    assert.equal(tk01.helpUri, 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2');
    assert.match(tk01.help.text, /The client MUST NOT use the authorization code more than once/);
    assert.match(tk01.help.text, /RFC 6749 §10\.5: https:\/\/www\.rfc-editor\.org\/rfc\/rfc6749#section-10\.5/);
    assert.match(tk01.help.markdown, /\*\*Remediation:\*\*/);
    assert.equal(run.results[0].ruleIndex, run.tool.driver.rules.indexOf(tk01));
    assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /harness error in pkce-flow \(not the target's failure\)/);
    assert.match(run.invocations[0].toolConfigurationNotifications[0].message.text, /stale known deviation in uppercase-host/);
  });

  test('with a baseline, each result is new or unchanged', () => {
    const baseline = diffBaseline(RUN.scenarios, { startedAt: 'x', scenarios: [{ id: 'code-single-use', verdict: 'fail' }] }, 'base.json', 'must');
    const l = JSON.parse(renderSarif({ ...RUN, baseline }));
    assert.deepEqual(violations(l), []);
    assert.deepEqual(l.runs[0].results.map((r: { baselineState: string }) => r.baselineState), ['unchanged', 'new', 'new']);
  });
});

describe('summary.md and GitHub annotations', () => {
  test('one-line verdict, counts, a failures table with rule, level, RFC section and scenario', () => {
    const md = renderMarkdown(RUN);
    assert.match(md.split('\n')[0], /^## oauth-conformance: ⚠️ \*\*ERROR\*\* — 1 scenario\(s\) could not be run/);
    assert.match(md, /\| 2 \| 2 \| 1 \| 1 \| 1 \| 1 \| 1 \|/);
    assert.match(md, /\| FAIL \| TK-01 \| MUST \| RFC 6749 §4\.1\.2 \| `code-single-use` \| code-replay-rejected \| suites\/rfc6749\/code-single-use\.yaml:20 \|/);
    assert.match(md, /\n\| WARN \| TK-02 \| SHOULD \| RFC 6749 §4\.1\.4 \| `tokens-revoked` \| tokens-revoked-after-code-replay \| suites\/rfc6749\/tokens-revoked\.yaml:16 \| tokens still work, after the \\<replay\\> \\\| twice \|\n/);
    assert.match(md, /### Harness errors .*\n\n.*\n.*\n\| `pkce-flow` \| step 1: no interaction rule matched \| fix \\`interaction\\` \|/);
    assert.match(md, /### Known deviations \(not gated\)\n\n.*\n.*\n\| `pragma` \| fail \| oidc-provider sends no Pragma \|/);
    assert.match(md, /### ⚠️ Stale known deviations/);
    const clean = renderMarkdown(results([scenario({ id: 'a', verdict: 'pass' }), scenario({ id: 'b', verdict: 'warn', checks: [shouldWarn] })]));
    assert.match(clean, /^## oauth-conformance: ✅ \*\*PASS\*\* — no MUST failures\n/);
  });

  test('annotations as workflow commands, escaped; printed and the summary appended only under GITHUB_ACTIONS', () => {
    const a = annotations(RUN);
    assert.equal(a[0], '::error file=suites/rfc6749/code-single-use.yaml,line=20,title=TK-01 code-replay-rejected (MUST fail)::code-single-use: the replayed authorization code was accepted a second time and new tokens were issued%0Aexpected: no tokens; 400 error=invalid_grant%0Aactual:   200 access_token issued');
    assert.equal(a[1], '::warning file=suites/rfc6749/tokens-revoked.yaml,line=16,title=TK-02 tokens-revoked-after-code-replay (SHOULD warn)::tokens-revoked: tokens still work, after the <replay> | twice%0Aexpected: 401 at the resource%0Aactual:   200 <ok> & "fine"');
    assert.match(a.find((x) => x.includes('pragma'))!, /^::notice .*known deviation%2C not gated/);
    assert.match(a.find((x) => x.includes('pkce-flow'))!, /^::error file=suites\/rfc6749\/pkce-flow\.yaml,line=13,title=harness error in pkce-flow \(not the target's failure\)::step 1/);
    assert.match(a.at(-1)!, /^::warning .*title=stale known deviation%3A uppercase-host::/);

    const dir = mkdtempSync(path.join(tmpdir(), 'oc-gh-'));
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const printed: string[] = [];
    reportToGithub(RUN, 'THE SUMMARY', { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, (l) => printed.push(l));
    assert.deepEqual(printed, a);
    assert.equal(readFileSync(summary, 'utf8'), 'earlier step\nTHE SUMMARY\n');
    reportToGithub(RUN, 'THE SUMMARY', { GITHUB_STEP_SUMMARY: summary }, (l) => printed.push(l));
    assert.equal(printed.length, a.length, 'nothing outside GitHub Actions');
  });

  test('writeOutputs writes every format, the same bytes for the same results', () => {
    const [one, two] = [mkdtempSync(path.join(tmpdir(), 'oc-out-')), mkdtempSync(path.join(tmpdir(), 'oc-out-'))];
    for (const d of [one, two]) writeOutputs(RUN, d, { env: {} });
    for (const f of OUTPUT_FILES) assert.ok(readFileSync(path.join(one, f)).equals(readFileSync(path.join(two, f))), f);
    assert.deepEqual(JSON.parse(readFileSync(path.join(one, 'results.json'), 'utf8')), RUN);
    // Results are redacted before they get here; nothing the formats add brings a secret back.
    for (const f of OUTPUT_FILES) assert.ok(!readFileSync(path.join(one, f), 'utf8').includes(CODE), `${f} holds the code`);
  });
});

describe('baseline and gate', () => {
  const now = [
    scenario({ id: 'still-failing', verdict: 'fail' }), scenario({ id: 'regressed', verdict: 'fail' }), scenario({ id: 'repaired', verdict: 'pass' }),
    scenario({ id: 'brand-new', verdict: 'fail' }), scenario({ id: 'new-pass', verdict: 'pass' }), scenario({ id: 'warned', verdict: 'warn' }),
    scenario({ id: 'known', verdict: 'fail', deviation: { verdict: 'fail', reason: 'r', status: 'matched' } }),
  ];
  const base = { startedAt: '2026-11-01T00:00:00.000Z', scenarios: [
    { id: 'still-failing', verdict: 'fail' as const }, { id: 'regressed', verdict: 'pass' as const }, { id: 'repaired', verdict: 'fail' as const },
    { id: 'warned', verdict: 'pass' as const }, { id: 'known', verdict: 'pass' as const }, { id: 'removed', verdict: 'fail' as const },
  ] };

  test('new failures, fixed, unchanged failures, new scenarios', () => {
    assert.deepEqual(diffBaseline(now, base, 'b.json', 'must'), {
      file: 'b.json', startedAt: '2026-11-01T00:00:00.000Z',
      newFailures: ['brand-new', 'regressed'], fixed: ['repaired'], unchangedFailures: ['still-failing'], newScenarios: ['brand-new', 'new-pass'],
    });
    assert.deepEqual(diffBaseline(now, base, 'b.json', 'should').newFailures, ['brand-new', 'regressed', 'warned']);
  });

  const gate = (scenarios: ScenarioRecord[], failOn: FailOn, baseline?: RunResults['baseline']) => exitCodeOf({ scenarios, gate: { failOn }, baseline });

  test('--fail-on: must ignores a SHOULD warning, should fails on it; known deviations never gate', () => {
    const warned = [scenario({ id: 'a', verdict: 'pass' }), scenario({ id: 'b', verdict: 'warn' })];
    assert.equal(gate(warned, 'must'), 0);
    assert.equal(gate(warned, 'should'), 1);
    const knownWarn = [scenario({ id: 'b', verdict: 'warn', deviation: { verdict: 'warn', reason: 'r', status: 'matched' } })];
    assert.equal(gate(knownWarn, 'should'), 0);
    assert.equal(gate([scenario({ id: 'c', verdict: 'fail' })], 'must'), 1);
    assert.equal(gate([scenario({ id: 'c', verdict: 'fail' }), scenario({ id: 'd', verdict: 'error' })], 'must'), 2);
  });

  test('with a baseline the gate fails on regressions only; an error still means an incomplete run', () => {
    const onlyOld = now.filter((s) => ['still-failing', 'repaired', 'known'].includes(s.id));
    assert.equal(gate(onlyOld, 'must', diffBaseline(onlyOld, base, 'b.json', 'must')), 0);
    assert.equal(gate(now, 'must', diffBaseline(now, base, 'b.json', 'must')), 1);
    const errored = [...onlyOld, scenario({ id: 'x', verdict: 'error' })];
    assert.equal(gate(errored, 'must', diffBaseline(errored, base, 'b.json', 'must')), 2);
    assert.match(renderMarkdown(results(onlyOld, { baseline: diffBaseline(onlyOld, base, 'b.json', 'must') })), /✅ \*\*PASS\*\* — no new failures since the baseline \(1 unchanged, 1 fixed\)[\s\S]*- \*\*Fixed\*\* \(1\): `repaired`/);
  });

  test('a bad baseline file is a BaselineError naming the file and the problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-base-'));
    const file = (name: string, text: string) => { writeFileSync(path.join(dir, name), text); return path.join(dir, name); };
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.json'), /missing\.json: cannot read it \(ENOENT\)/],
      [file('garbage.json', '{not json'), /garbage\.json: not JSON/],
      [file('other.json', '{"schema":"something/else@2","scenarios":[]}'), /not an oauth-conformance results file \(schema is "something\/else@2"/],
      [file('noids.json', `{"schema":"${RESULTS_SCHEMA}","scenarios":[{"verdict":"pass"}]}`), /scenario #1 has no id or verdict/],
    ];
    for (const [f, message] of cases) assert.throws(() => loadBaseline(f), (e: Error) => e instanceof BaselineError && message.test(e.message));
    assert.equal(loadBaseline(file('ok.json', JSON.stringify(RUN))).scenarios.length, RUN.scenarios.length);
  });
});
