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
import { countVerdicts, deviationStatus, exitCodeOf, RESULTS_SCHEMA, type RecordedEvidence, type RunResults, type ScenarioRecord } from '../../src/results/results.js';
import { CLIENT_SECRET, CODE, PNG, authorization, token } from '../fixtures/evidence/builders.js';

const redactor = new Redactor();
redactor.add(CLIENT_SECRET, 'client_secret');
redactor.add(CODE, 'code');

/** results.json numbers steps from 1. */
const numbered = <T extends { step: number }>(x: T): T => ({ ...x, step: x.step + 1 });

/** Evidence as results.json holds it: redacted, the screenshot replaced by a file name, steps from 1. */
function recorded(e: Evidence, screenshot?: string): RecordedEvidence {
  const { screenshot: _png, ...rest } = e as Evidence & { screenshot?: Buffer };
  return redactor.redact(numbered({ ...rest, ...(screenshot ? { screenshot } : {}) })) as RecordedEvidence;
}

function scenario(over: Partial<ScenarioRecord> & Pick<ScenarioRecord, 'id' | 'verdict'>): ScenarioRecord {
  return {
    title: `title of ${over.id}`, file: `/work/main/suites/${over.id}.yaml`, catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'],
    level: 'MUST', tags: [], checks: [], evidence: [], stepLines: [13, 16, 20], durationMs: 1234, ...over,
  };
}

const replayed = token({ step: 2 });
const failing = numbered(judge(CHECKS_BY_ID.get('code-replay-rejected')!, replayed, { all: [replayed] }, { profile: 'rfc9700' }));
const issued = numbered(judge(CHECKS_BY_ID.get('token-issued')!, token(), { all: [] }, { profile: 'rfc9700' }));

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
    error: { step: 1, message: 'no interaction rule matched the page <login>', hint: 'add or fix a rule in the target profile\'s `interaction`', screenshot: 'evidence/gone.png' },
  }),
  scenario({ id: 'implicit-grant-refused', verdict: 'skip', reason: 'the target lacks `implicit`' }),
]);

const files: Record<string, Buffer> = { 'evidence/shot.png': PNG };
const read = (p: string) => { const b = files[p]; if (!b) throw new Error(`ENOENT: ${p}`); return b; };
/** Scenario files by name; the code-single-use one is the real file's shape: steps at lines 13, 16 and 20. */
const SOURCES: Record<string, string> = {
  '/work/main/suites/code-single-use.yaml': [
    'id: code-single-use', ...Array.from({ length: 10 }, (_, i) => `# line ${i + 2}`), 'steps:', // 1-12
    '  - authorize: { client: confidential }', '', '', // 13-15
    '  - token: { code: auth }', '    expect: [token-issued]', '', '', // 16-19
    '  - token: { code: auth }   # replay', '    expect: [code-replay-rejected]', '', // 20-22
  ].join('\n'),
};
const source = (file: string) => SOURCES[file];
const html = renderHtml(run, read, source);

describe('renderHtml', () => {
  test('shows the count of each verdict, the total, and the headline', () => {
    for (const v of ['pass', 'fail', 'skip', 'error'] as const) assert.ok(html.includes(`<span class="v v-${v}">${v}</span> 1</button>`), v);
    assert.ok(html.includes('<span class="v v-warn">warn</span> 0</button>'));
    assert.ok(html.includes('all 4</button>'));
    assert.ok(html.includes('<p class="headline bad">Incomplete: 1 scenario(s) could not be run; 1 MUST failure(s)</p>'));
  });

  test('the headline without errors counts MUST failures, or says there are none', () => {
    const noError = results(run.scenarios.filter((s) => s.verdict !== 'error'));
    assert.ok(renderHtml(noError, read, source).includes('<p class="headline bad">Not conformant: 1 MUST failure(s)</p>'));
    const clean = results(run.scenarios.filter((s) => s.verdict === 'pass' || s.verdict === 'skip'));
    assert.ok(renderHtml(clean, read, source).includes('<p class="headline good">Conformant under RFC 9700 (OAuth 2.0 Security Best Current Practice, 2025): no MUST failures</p>'));
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
    const hostile = renderHtml(results([], '<img src=x onerror=alert(1)>'), read, source);
    assert.ok(hostile.includes('OAuth conformance: &lt;img src=x onerror=alert(1)&gt;</h1>'));
    assert.ok(!hostile.includes('<img src=x'));
  });

  test('links requirement ids to their section at rfc-editor.org', () => {
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>'));
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4">RFC 9700 §4.2.4</a>'));
    assert.ok(html.includes('<a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>'));
  });

  test('the requirement matrix lists each scenario under the verdict its check had', () => {
    const row = /<tr data-sec="RFC9700-4\.2\.4"><td><a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc9700#section-4\.2\.4">RFC 9700 §4\.2\.4<\/a><\/td>(.*?)<\/tr>/.exec(html)?.[1];
    // columns: pass, fail, warn, skip, error
    assert.equal(row, '<td></td><td><a href="#s-code-single-use">code-single-use</a></td><td></td><td></td><td></td>');
  });

  test('a harness error shows its step, line, message and hint, and opens its details', () => {
    assert.ok(/<details id="s-public-client-pkce-flow" data-v="error" [^>]* open>/.test(html));
    assert.ok(html.includes('<b>Harness error at step 1 (line 13):</b> no interaction rule matched the page &lt;login&gt;<br><i>hint: add or fix a rule in the target profile&#39;s `interaction`</i>'));
  });

  test('a missing screenshot does not throw and is reported; a present one is inlined', () => {
    assert.ok(html.includes('<p class="t">(screenshot evidence/gone.png missing)</p>'));
    assert.ok(html.includes(`<img class="shot" alt="screenshot" src="data:image/png;base64,${PNG.toString('base64')}">`));
  });

  test('a skipped scenario shows why', () => {
    assert.ok(/<tr data-v="skip" [^>]*><td><span class="v v-skip">skip<\/span><\/td><td><a href="#s-implicit-grant-refused">implicit-grant-refused<\/a>/.test(html));
    assert.ok(html.includes('<td>the target lacks `implicit`</td>'));
  });

  test('evidence is shown redacted, with a curl reproduction of back-channel requests', () => {
    assert.ok(html.includes('curl -i -g -X POST &#39;http://127.0.0.1:4000/token&#39; -H &#39;accept: application/json&#39; -H &#39;authorization: Basic ‹basic:'));
    assert.ok(!html.includes(CODE), 'the code is masked');
    assert.ok(html.includes('code=‹code:'));
    assert.ok(html.includes('Interactions: login → consent.'));
  });
});

describe('renderHtml: failures in depth', () => {
  const marked = (text: string) => [...text.matchAll(/<span class="line mark mark-(\w+)" data-line="(\d+)">/g)].map((m) => `${m[2]}:${m[1]}`);

  test('embeds the scenario file and marks the failing step\'s lines (and only those)', () => {
    const block = /<div class="source"><h4>(.*?)<\/h4><pre class="src">(.*?)<\/pre><\/div>/s.exec(html.slice(html.indexOf('id="s-code-single-use"')));
    assert.ok(block, 'a source block in the failing scenario');
    assert.equal(block[1], '/work/main/suites/code-single-use.yaml — step 3 (lines 20–21): fail');
    assert.deepEqual(marked(block[2]), ['20:fail', '21:fail'], 'the replay step, trailing blank line left out');
    assert.ok(block[2].includes('<span class="no">20</span>  - token: { code: auth }   # replay</span>'));
    assert.ok(block[2].includes('<span class="line" data-line="16"><span class="no">16</span>  - token: { code: auth }</span>'), 'the first redemption passed: not marked');
  });

  test('a passing scenario embeds no source; an unreadable file is said, not thrown', () => {
    assert.equal(html.slice(html.indexOf('id="s-code-flow-no-tokens-in-urls"')).split('</details>')[0].includes('class="source"'), false);
    const lost = renderHtml(run, read, () => undefined);
    assert.ok(lost.includes('<p class="t">(scenario file /work/main/suites/code-single-use.yaml could not be read when the report was rendered)</p>'));
  });

  test('a harness error marks its step', () => {
    const broken = results([scenario({ id: 'code-single-use', verdict: 'error', error: { step: 2, message: 'boom' } })]);
    assert.deepEqual(marked(renderHtml(broken, read, source)), ['16:error', '17:error']);
  });

  test('a broken check shows the quoted rule with its link; a passing one does not', () => {
    assert.ok(html.includes('<tr class="quote"><td></td><td colspan="5"><blockquote>The client MUST NOT use the authorization code more than once.'));
    assert.ok(/If an authorization code is used more than once, the authorization server MUST deny the request[^<]*<cite>— <a href="https:\/\/www\.rfc-editor\.org\/rfc\/rfc6749#section-4\.1\.2">RFC 6749 §4\.1\.2<\/a><\/cite><\/blockquote>/.test(html));
    assert.equal(html.split('<tr class="quote">').length - 1, 1, 'one broken check, one quote');
  });

  test('the redirect chain is a timeline: each hop, who answered, status, Location, then where it ended', () => {
    const tl = /<ol class="timeline">(.*?)<\/ol>/s.exec(html)?.[1] ?? '';
    const hops = [...tl.matchAll(/<li class="hop ([\w -]+)">/g)].map((m) => m[1]);
    assert.deepEqual(hops, [...Array(7).fill('at-server'), 'at-stub', 'end end-redirect'], 'login and consent at the server, the landing at the harness');
    assert.ok(tl.includes('→ <b>303</b> Location: <code>https://client.oauth-conformance.test/cb?code=<mark class="secret">‹code:'), 'the masked code picked out in the Location');
    assert.ok(tl.includes('landed on the <b>registered</b> redirect URI'));
  });

  test('groups by attack class, each with its description and the section describing the attack', () => {
    const row = /<tr data-attack="code-injection-replay"><td>(.*?)<\/td>(.*?)<\/tr>/.exec(html);
    assert.ok(row, 'TK-01 is code injection and replay');
    assert.ok(row[1].startsWith('<b>Code or token injection and replay</b> <span class="t">(<a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.5">RFC 9700 §4.5</a>)</span>'));
    // pass, fail, warn, skip, error: the failing scenario under fail, the errored one under error
    assert.equal(row[2], '<td></td><td><a href="#s-code-single-use">code-single-use</a></td><td></td><td><a href="#s-implicit-grant-refused">implicit-grant-refused</a></td><td><a href="#s-public-client-pkce-flow">public-client-pkce-flow</a></td>');
    assert.ok(!html.includes('data-attack="clickjacking"'), 'a class no scenario exercised is left out');
  });

  test('the matrix groups sections by specification, with its title', () => {
    assert.ok(html.includes('<tbody><tr class="spec"><th colspan="6">RFC 6749 — The OAuth 2.0 Authorization Framework</th></tr><tr data-sec="RFC6749-4.1.2">'));
  });

  test('counts checks by level and verdict', () => {
    const must = /<table class="levels">.*?<tr><th>MUST<\/th>(.*?)<\/tr>/s.exec(html)?.[1];
    assert.equal(must, '<td>2</td><td>1</td><td></td><td></td><td></td>', 'token-issued passed twice, code-replay-rejected failed');
  });

  test('rows and details carry what the filters select on; the controls list the values present', () => {
    assert.ok(html.includes('<tr data-v="fail" data-level="MUST" data-sec="RFC6749-4.1.2 RFC6749-4.1.4 RFC6749-5.1 RFC6749-10.5 RFC9700-4.2.4" data-tags="" data-attacks="code-injection-replay conformance">'));
    assert.ok(html.includes('<select class="filter" data-f="sec"><option value="">all</option><option value="RFC6749">RFC 6749 (all)</option><option value="RFC6749-4.1.2">RFC 6749 §4.1.2</option>'));
    assert.ok(html.includes('<select class="filter" data-f="level"><option value="">all</option><option value="MUST">MUST</option></select>'));
  });
});

describe('renderHtml: a hundred findings stay readable', () => {
  const failures = (n: number) => Array.from({ length: n }, (_, i) => scenario({ id: `failing-${i}`, verdict: 'fail', checks: [failing] }));

  test('broken scenarios first, worst first; passes and skips folded under their count, in the list and in the details', () => {
    const page = renderHtml(results([...run.scenarios, scenario({ id: 'late-warning', verdict: 'warn' })]), read, source);
    const list = page.slice(page.indexOf('<table class="scenarios">'));
    const order = [...list.matchAll(/<tr data-v="(\w+)"[^>]*><td>[^]*?<a href="#s-([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(order.slice(0, 3), ['fail:code-single-use', 'error:public-client-pkce-flow', 'warn:late-warning']);
    const folds = [...page.matchAll(/<details class="fold"><summary>(.*?)<\/summary>/g)].map((m) => m[1]);
    assert.deepEqual(folds, Array(2).fill('<span class="v v-pass">pass</span> 1 · <span class="v v-skip">skip</span> 1 — passed and skipped scenarios'));
    assert.ok(page.indexOf('id="s-code-flow-no-tokens-in-urls"') > page.lastIndexOf('<details class="fold">'), 'a passing scenario\'s details inside the fold');
  });

  test('a few failures open by default; many are listed closed', () => {
    const opened = (n: number) => (renderHtml(results(failures(n)), read, source).match(/<details id="s-failing-\d+"[^>]* open>/g) ?? []).length;
    assert.equal(opened(5), 5);
    assert.equal(opened(6), 0);
  });

  test('a crowded matrix cell folds its links under their count; rows without a failure fold per specification', () => {
    const page = renderHtml(results([...failures(4), scenario({ id: 'alone', verdict: 'pass', checks: [issued] })]), read, source);
    const row = /<tr data-sec="RFC9700-4\.2\.4"><td>.*?<\/td>(.*?)<\/tr>/.exec(page)?.[1] ?? '';
    assert.ok(row.startsWith('<td></td><td><details class="ids"><summary>4 scenarios</summary><a href="#s-failing-0">failing-0</a><br>'), row);
    assert.match(page, /<tr class="folded"><td colspan="6"><details class="rows"><summary>\d+ sections without a failure<\/summary><table class="matrix"><tbody><tr data-sec="RFC6749-4\.1\.4">/);
  });

  test('a long response body shows its first lines, the rest folded; a short one is shown whole', () => {
    const body = JSON.stringify({ error: 'invalid_request', padding: 'x'.repeat(1500) });
    const long = recorded(token({ step: 2, response: { status: 400, headers: { 'content-type': 'application/json' }, body } }));
    const page = renderHtml(results([scenario({ id: 'long-body', verdict: 'fail', checks: [failing], evidence: [long] })]), read, source);
    assert.match(page, /<details class="long"><summary><code class="pre">HTTP 400\n\{&quot;error&quot;:&quot;invalid_request&quot;,&quot;padding&quot;:&quot;x+<\/code><span class="t fold-more">… \d+ more characters<\/span><\/summary><pre>x+&quot;\}<\/pre><\/details>/);
    assert.ok(html.includes('<pre>HTTP 200\n{&quot;access_token&quot;'), 'the short token response of the main fixture is not folded');
  });

  test('the evidence of steps that passed is folded to its heading in a failing scenario; the broken step\'s is open', () => {
    const block = html.slice(html.indexOf('id="s-code-single-use"')).split('</details>\n')[0];
    const steps = [...block.matchAll(/<details class="ev"( open)?><summary><h4>Step (\d+)/g)].map((m) => `${m[2]}:${m[1] ? 'open' : 'folded'}`);
    assert.deepEqual(steps, ['1:folded', '2:folded', '3:open']);
  });

  test('a run-wide rule shows three of the responses it failed, and folds the others', () => {
    const r = results(failures(10));
    r.ambient = [{ ...failing, check: 'state-echoed', catalog: ['AR-01'], title: 'state echoed', seen: r.scenarios.map((s) => ({ scenario: s.id, step: 1, verdict: 'fail' as const, message: 'state missing' })) }];
    const page = renderHtml(r, read, source);
    assert.match(page, /<ul>(<li><span class="v v-fail">fail<\/span> <a href="#s-failing-\d">failing-\d<\/a> step 1: state missing<\/li>){3}<\/ul><details class="more"><summary>\+7 more response\(s\)<\/summary><ul>(<li>.*?<\/li>){7}<\/ul><\/details>/);
  });
});

describe('renderHtml: a run over several projects', () => {
  const inProject = (project: string, list: ScenarioRecord[]) => list.map((s) => ({ ...s, project }));

  test('one project: the report is the same as without the field', () => {
    assert.equal(renderHtml({ ...run, scenarios: inProject('embedded', run.scenarios) }, read, source), html);
  });

  test('two projects: a section each with its own summary, anchors scoped by project, names escaped', () => {
    const other = '<b>strict</b>';
    const both = results([...inProject('embedded', run.scenarios), ...inProject(other, run.scenarios.filter((s) => s.verdict !== 'fail'))]);
    const page = renderHtml(both, read, source);
    assert.ok(page.includes('<li><a href="#p-embedded"><b>embedded</b></a> <span class="v v-pass">pass</span> 1 · <span class="v v-fail">fail</span> 1 · <span class="v v-skip">skip</span> 1 · <span class="v v-error">error</span> 1</li>'));
    assert.ok(page.includes('<section class="project" id="p-&lt;b&gt;strict&lt;/b&gt;"><h2>Project &lt;b&gt;strict&lt;/b&gt;</h2>'));
    assert.ok(!page.includes('<b>strict</b>'), 'a project name is text');
    const summaries = [...page.matchAll(/<h2>Project .*?<\/h2><p class="headline (\w+)">(.*?)<\/p>/g)].map((m) => m[2]);
    assert.deepEqual(summaries, ['Incomplete: 1 scenario(s) could not be run; 1 MUST failure(s)', 'Incomplete: 1 scenario(s) could not be run']);
    // each project's scenario once, under its own anchor, linked from its own rows and matrix
    assert.equal(page.split('<details id="s-embedded/code-single-use"').length - 1, 1);
    assert.equal(page.split('<details id="s-&lt;b&gt;strict&lt;/b&gt;/implicit-grant-refused"').length - 1, 1);
    assert.ok(page.includes('<a href="#s-embedded/code-single-use">code-single-use</a>'));
    assert.ok(!/id="s-code-single-use"/.test(page), 'no unscoped anchor');
    assert.equal(page.split('<h3>Compliance by specification and section</h3>').length - 1, 2);
    assert.equal(page.split('<div class="controls">').length - 1, 1, 'one set of filters for the whole run');
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

  test('0 otherwise: passes, warnings and skips (2 when no scenario ran)', () => {
    assert.equal(exitCodeOf(counts({ pass: 3, warn: 2, skip: 1 })), 0);
    assert.equal(exitCodeOf(counts({})), 2, 'no scenario ran: nothing is proven (issue 12)');
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
