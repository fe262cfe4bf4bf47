/**
 * The HTML summary, rendered from a small results.json: counts, failing checks, escaping, links to
 * the cited sections, screenshots inlined or reported missing; and the CI exit code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { judge } from '../../src/checks/judge.js';
import type { Evidence } from '../../src/evidence/types.js';
import { Redactor } from '../../src/evidence/redact.js';
import { renderHtml } from '../../src/report/html.js';
import { countVerdicts, deviationStatus, exitCodeOf, RESULTS_SCHEMA, type RecordedEvidence, type RunResults, type ScenarioRecord } from '../../src/report/results.js';
import { CLIENT_SECRET, CODE, PNG, authorization, token } from '../fixtures/evidence/builders.js';

const redactor = new Redactor();
redactor.add(CLIENT_SECRET, 'client_secret');
redactor.add(CODE, 'code');

/** Evidence as results.json holds it: redacted, the screenshot replaced by a file name. */
function recorded(e: Evidence, screenshot?: string): RecordedEvidence {
  const { screenshot: _png, ...rest } = e as Evidence & { screenshot?: Buffer };
  return redactor.redact({ ...rest, ...(screenshot ? { screenshot } : {}) }) as RecordedEvidence;
}

function scenario(over: Partial<ScenarioRecord> & Pick<ScenarioRecord, 'id' | 'verdict'>): ScenarioRecord {
  return {
    title: `title of ${over.id}`, file: `/work/main/suites/${over.id}.yaml`, catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'],
    level: 'MUST', tags: [], checks: [], evidence: [], stepLines: [13, 16, 20], durationMs: 1234, ...over,
  };
}

const replayed = token({ step: 2 });
const failing = judge(CHECKS_BY_ID.get('code-replay-rejected')!, replayed, { all: [replayed] }, { profile: 'rfc9700' });
const issued = judge(CHECKS_BY_ID.get('token-issued')!, token(), { all: [] }, { profile: 'rfc9700' });

function results(scenarios: ScenarioRecord[], name = 'embedded'): RunResults {
  return {
    schema: RESULTS_SCHEMA, harness: { name: 'oauth-conformance', version: '0.1.0' }, target: { name, issuer: 'http://127.0.0.1:4000' },
    profile: 'rfc9700', startedAt: '2026-11-27T16:10:39.279Z', durationMs: 42561, counts: countVerdicts(scenarios), scenarios,
  };
}

const run = results([
  scenario({ id: 'code-flow-no-tokens-in-urls', verdict: 'pass', checks: [issued], evidence: [recorded(authorization(), 'evidence/shot.png'), recorded(token())] }),
  scenario({
    id: 'code-single-use', title: 'Codes are <script>alert(1)</script> single-use & "quoted"', verdict: 'fail',
    reason: `code-replay-rejected: ${failing.message}`, checks: [issued, failing], evidence: [recorded(authorization()), recorded(token()), recorded(replayed)],
  }),
  scenario({
    id: 'public-client-pkce-flow', verdict: 'error', reason: 'step 1: no interaction rule matched',
    error: { step: 0, message: 'no interaction rule matched the page <login>', hint: 'add or fix a rule in the target profile\'s `interaction`', screenshot: 'evidence/gone.png' },
  }),
  scenario({ id: 'implicit-grant-refused', verdict: 'skip', reason: 'the target lacks `implicit`' }),
]);

const files: Record<string, Buffer> = { 'evidence/shot.png': PNG };
const read = (p: string) => { const b = files[p]; if (!b) throw new Error(`ENOENT: ${p}`); return b; };
const html = renderHtml(run, read);

describe('renderHtml', () => {
  test('shows the count of each verdict, the total, and the headline', () => {
    for (const v of ['pass', 'fail', 'skip', 'error'] as const) assert.ok(html.includes(`<span class="v v-${v}">${v}</span> 1</button>`), v);
    assert.ok(html.includes('<span class="v v-warn">warn</span> 0</button>'));
    assert.ok(html.includes('all 4</button>'));
    assert.ok(html.includes('<p class="headline bad">1 scenario(s) could not be run</p>'));
  });

  test('the headline without errors counts MUST failures, or says there are none', () => {
    const noError = results(run.scenarios.filter((s) => s.verdict !== 'error'));
    assert.ok(renderHtml(noError, read).includes('<p class="headline bad">1 MUST failure(s)</p>'));
    const clean = results(run.scenarios.filter((s) => s.verdict === 'pass' || s.verdict === 'skip'));
    assert.ok(renderHtml(clean, read).includes('<p class="headline good">no MUST failures</p>'));
  });

  test('shows the failing check with its level, expected, actual and message', () => {
    assert.ok(html.includes('<tr class="c-fail"><td><span class="v v-fail">fail</span></td><td><b>code-replay-rejected</b> <span class="t">TK-01 · step 3, line 20</span>'));
    assert.ok(html.includes('<td>MUST</td><td>no tokens; 400 error=invalid_grant</td><td>200 access_token issued</td><td>the replayed authorization code was accepted a second time and new tokens were issued</td></tr>'));
    assert.ok(html.includes(`<td>code-replay-rejected: the replayed authorization code was accepted a second time and new tokens were issued</td>`));
  });

  test('escapes every value: a <script> in a title stays text', () => {
    assert.ok(html.includes('Codes are &lt;script&gt;alert(1)&lt;/script&gt; single-use &amp; &quot;quoted&quot;'));
    assert.ok(!html.includes('<script>alert(1)'));
    assert.equal(html.split('<script>').length - 1, 1, 'only the report\'s own script');
    const hostile = renderHtml(results([], '<img src=x onerror=alert(1)>'), read);
    assert.ok(hostile.includes('OAuth conformance: &lt;img src=x onerror=alert(1)&gt;</h1>'));
    assert.ok(!hostile.includes('<img src=x'));
  });

  test('links requirement ids to their section at rfc-editor.org', () => {
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>'));
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4">RFC 9700 §4.2.4</a>'));
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>'));
  });

  test('the requirement matrix lists each scenario under the verdict its check had', () => {
    const row = /<tr><td><a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc9700#section-4\.2\.4">RFC 9700 §4\.2\.4<\/a><\/td>(.*?)<\/tr>/.exec(html)?.[1];
    // columns: pass, fail, warn, skip, error
    assert.equal(row, '<td></td><td><a href="#s-code-single-use">code-single-use</a></td><td></td><td></td><td></td>');
  });

  test('a harness error shows its step, line, message and hint, and opens its details', () => {
    assert.ok(html.includes('<details id="s-public-client-pkce-flow" data-v="error" open>'));
    assert.ok(html.includes('<b>Harness error at step 1 (line 13):</b> no interaction rule matched the page &lt;login&gt;<br><i>hint: add or fix a rule in the target profile&#39;s `interaction`</i>'));
  });

  test('a missing screenshot does not throw and is reported; a present one is inlined', () => {
    assert.ok(html.includes('<p class="t">(screenshot evidence/gone.png missing)</p>'));
    assert.ok(html.includes(`<img class="shot" alt="screenshot" src="data:image/png;base64,${PNG.toString('base64')}">`));
  });

  test('a skipped scenario shows why', () => {
    assert.ok(html.includes('<tr data-v="skip"><td><span class="v v-skip">skip</span></td><td><a href="#s-implicit-grant-refused">implicit-grant-refused</a>'));
    assert.ok(html.includes('<td>the target lacks `implicit`</td>'));
  });

  test('evidence is shown redacted, with a curl reproduction of back-channel requests', () => {
    assert.ok(html.includes('curl -i -X POST &#39;http://127.0.0.1:4000/token&#39; -H &#39;accept: application/json&#39; -H &#39;authorization: Basic ‹basic:'));
    assert.ok(!html.includes(CODE), 'the code is masked');
    assert.ok(html.includes('code=‹code:'));
    assert.ok(html.includes('Interactions: login → consent.'));
  });
});

describe('exitCodeOf', () => {
  /** Scenarios with these verdicts (the gate reads scenarios, so known deviations can be set aside). */
  const counts = (c: Partial<RunResults['counts']>) => ({
    scenarios: Object.entries(c).flatMap(([verdict, n]) => Array.from({ length: n }, () => ({ verdict }) as ScenarioRecord)),
  });

  test('2 when anything errored, even beside failures', () => {
    assert.equal(exitCodeOf(counts({ error: 1, fail: 3, pass: 2 })), 2);
    assert.equal(exitCodeOf(run), 2);
  });

  test('1 when a MUST failed and nothing errored', () => {
    assert.equal(exitCodeOf(counts({ fail: 1, warn: 2, pass: 5 })), 1);
  });

  test('0 otherwise: passes, warnings and skips', () => {
    assert.equal(exitCodeOf(counts({ pass: 3, warn: 2, skip: 1 })), 0);
    assert.equal(exitCodeOf(counts({})), 0);
  });

  test('a matched known deviation does not count; a stale or different one does', () => {
    const fail = (status: 'matched' | 'stale' | 'different') => ({ scenarios: [{ verdict: 'fail', deviation: { verdict: 'fail', reason: 'r', status } } as ScenarioRecord] });
    assert.equal(exitCodeOf(fail('matched')), 0);
    assert.equal(exitCodeOf(fail('different')), 1);
    assert.equal(deviationStatus('pass', 'fail'), 'stale');
    assert.equal(deviationStatus('fail', 'warn'), 'different');
    assert.equal(deviationStatus('warn', 'warn'), 'matched');
  });

  test('countVerdicts counts each verdict, zeros included', () => {
    assert.deepEqual(countVerdicts([{ verdict: 'pass' }, { verdict: 'pass' }, { verdict: 'warn' }]), { pass: 2, fail: 0, warn: 1, skip: 0, error: 0 });
  });
});
