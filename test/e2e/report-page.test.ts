/**
 * The HTML summary in a real Chromium: rendered from a recorded run with failures (test/fixtures/report:
 * the embedded server with the flaws code-reuse, redirect-uri-prefix-match, state-dropped and
 * token-no-store-missing; the scenario files copied beside it so the marked lines cannot drift), opened
 * from disk as a reader would. It must render, filter, show a failure's marked step and timeline, and print;
 * and the report of a run with a hundred failing scenarios must stay short enough to read.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumExecutable } from '../../src/drive/chromium.js';
import { renderHtml } from '../../src/report/html.js';
import { countVerdicts, type RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/report');

describe('summary.html in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let page: Page;
  const rows = (verdict?: string) => page.locator(`table.scenarios tr[data-v${verdict ? `="${verdict}"` : ''}]`);
  const visibleIds = () => page.locator('table.scenarios tr[data-v]:visible td:nth-child(2) a').allTextContents();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'oc-report-page-'));
    cpSync(path.join(FIXTURE, 'evidence'), path.join(dir, 'evidence'), { recursive: true });
    const results = JSON.parse(readFileSync(path.join(FIXTURE, 'results.json'), 'utf8')) as RunResults;
    writeFileSync(path.join(dir, 'summary.html'), renderHtml(results, (p) => readFileSync(path.join(dir, p))));
    browser = await chromium.launch({ executablePath: chromiumExecutable() });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path.join(dir, 'summary.html')).href);
    assert.deepEqual(errors, [], 'the page script runs without errors');
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('renders: header, one-line verdict, both groupings, every scenario', async () => {
    assert.equal(await page.locator('h1').textContent(), 'OAuth conformance: embedded');
    assert.equal(await page.locator('.headline').textContent(), 'Not conformant: 6 MUST failure(s)');
    assert.equal(await rows().count(), 8);
    assert.equal(await rows('fail').count(), 4, 'ambient rules are not in the scenario verdicts');
    // the ambient rules broken by state-dropped and token-no-store-missing: once each, apart, with where they broke
    const runWide = page.locator('table.run-wide tr.c-fail');
    assert.deepEqual(await runWide.locator('td:nth-child(2) b').allTextContents(), ['state-echoed', 'token-response-no-store']);
    assert.match(await runWide.first().textContent() ?? '', /3 of 3 response\(s\), in 3 scenario\(s\)/);
    assert.ok(await page.locator('table.matrix tr.spec', { hasText: 'RFC 6749 — The OAuth 2.0 Authorization Framework' }).isVisible());
    assert.ok(await page.locator('tr[data-attack="redirect-manipulation"]', { hasText: 'redirect-uri-path-suffix' }).isVisible());
    // the one screenshot of the run (an error page of the server) is inlined and decodes
    const shot = page.locator('#s-redirect-uri-other-host img.shot');
    assert.ok((await shot.evaluate((img: HTMLImageElement) => img.naturalWidth)) > 100);
  });

  test('failures first; passes folded under their count, in the list and in the details', async () => {
    assert.deepEqual(await visibleIds(), ['state-echoed-on-access-denied', 'redirect-uri-path-suffix', 'code-single-use', 'code-flow-no-tokens-in-urls']);
    const folds = page.locator('details.fold');
    assert.equal(await folds.count(), 2, 'one fold in the list, one in the details');
    for (const fold of await folds.all()) {
      assert.equal(await fold.getAttribute('open'), null);
      assert.match(await fold.locator('summary').first().textContent() ?? '', /^pass 4 — passed and skipped scenarios$/);
    }
    assert.equal(await page.locator('#s-metadata-published').isVisible(), false, 'a passing scenario\'s details are folded');
    await folds.first().locator('summary').first().click();
    assert.equal((await visibleIds()).length, 8, 'unfolded: every scenario');
    await folds.first().locator('summary').first().click();
    // the passing steps of a failure are folded to their heading; the steps that broke (the replay: fail; its tokens still work: warn) are open
    const steps = page.locator('#s-code-single-use details.ev');
    assert.deepEqual(await steps.evaluateAll((ds) => ds.map((d) => `${d.querySelector('h4')!.textContent!.slice(0, 6)}:${(d as HTMLDetailsElement).open}`)),
      ['Step 1:false', 'Step 2:false', 'Step 3:true', 'Step 4:true']);
  });

  test('the verdict filter hides the other verdicts, and toggles back', async () => {
    await page.locator('button.filter[data-v="fail"]').click();
    assert.equal(await rows('pass').first().isVisible(), false);
    assert.equal(await page.locator('details[data-v="pass"]').first().isVisible(), false);
    assert.equal((await visibleIds()).length, 4);
    assert.equal(await page.locator('.shown').textContent(), 'showing 4 of 8 scenarios (verdict=fail)');
    await page.locator('button.filter[data-v="fail"]').click();
    assert.equal((await visibleIds()).length, 4, 'the passes folded again');
    await page.locator('button.filter[data-v="pass"]').click();
    assert.deepEqual((await visibleIds()).sort(), ['implicit-grant-refused', 'metadata-published', 'pkce-wrong-verifier-rejected', 'redirect-uri-other-host'], 'the fold opens while a filter shows what it holds');
    await page.locator('button.filter[data-v="all"]').click();
    assert.equal((await visibleIds()).length, 4, 'and closes when the filter is cleared');
  });

  test('filters combine: a section, a level, a tag, an attack class', async () => {
    const choose = async (f: string, value: string) => page.locator(`select[data-f="${f}"]`).selectOption(value);
    await choose('sec', 'RFC8414');
    assert.deepEqual(await visibleIds(), ['metadata-published']);
    await page.locator('button.filter[data-v="fail"]').click();
    assert.deepEqual(await visibleIds(), [], 'RFC 8414 and fail: nothing');
    await page.locator('button.filter[data-v="all"]').click();
    await choose('sec', 'RFC6749-3.1.2.3');
    assert.deepEqual((await visibleIds()).sort(), ['redirect-uri-other-host', 'redirect-uri-path-suffix']);
    await choose('sec', '');
    await choose('level', 'SHOULD');
    assert.deepEqual((await visibleIds()).sort(), ['code-flow-no-tokens-in-urls', 'implicit-grant-refused', 'metadata-published']);
    await choose('level', '');
    await choose('tags', 'replay');
    assert.deepEqual(await visibleIds(), ['code-single-use']);
    await choose('tags', '');
    await choose('attacks', 'redirect-manipulation');
    assert.deepEqual((await visibleIds()).sort(), ['redirect-uri-other-host', 'redirect-uri-path-suffix']);
    await choose('attacks', '');
    assert.equal((await visibleIds()).length, 4);
  });

  test('a failure opens on its evidence: the marked YAML step, the timeline, the reproduction', async () => {
    // failures are open by default; closed, a link to it opens it again
    const failure = page.locator('#s-redirect-uri-path-suffix');
    assert.equal(await failure.getAttribute('open'), '', 'failures open by default');
    await failure.locator('summary').first().click();
    assert.equal(await failure.locator('pre.src').isVisible(), false, 'closed');
    await page.locator('table.scenarios a[href="#s-redirect-uri-path-suffix"]').click();
    await page.waitForFunction(() => (document.getElementById('s-redirect-uri-path-suffix') as HTMLDetailsElement).open);
    const marked = failure.locator('pre.src .line.mark');
    assert.ok(await marked.first().isVisible());
    assert.deepEqual(await marked.evaluateAll((ls) => ls.map((l) => l.textContent)), [
      '14  - authorize:', '15      client: confidential', '16      redirect_uri: { variant: path-suffix }', '17    expect: [redirect-uri-rejected]',
    ]);
    assert.equal(await failure.locator('pre.src .line:not(.mark)', { hasText: 'catalog: [RU-04, RU-18]' }).count(), 1, 'the metadata is shown, unmarked');
    assert.ok(await failure.locator('blockquote', { hasText: 'MUST NOT automatically redirect the user-agent to the invalid redirection URI' }).isVisible());

    const hops = failure.locator('ol.timeline > li');
    assert.ok(await hops.first().isVisible());
    const last = await hops.last().textContent();
    assert.match(last ?? '', /landed on the requested redirect URI https:\/\/client\.oauth-conformance\.test\/cb\/evil\?code=‹code:[0-9a-f]{6}›/);
    assert.ok(await failure.locator('ol.timeline li.at-stub mark.secret').first().isVisible(), 'the masked code picked out where it reached the harness');
    assert.match(await failure.locator('code.repro').textContent() ?? '', /redirect_uri=https%3A%2F%2Fclient\.oauth-conformance\.test%2Fcb%2Fevil/);
  });

  test('a link of the matrix opens the scenario it names', async () => {
    const target = page.locator('#s-metadata-published');
    assert.equal(await target.getAttribute('open'), null, 'a passing scenario is closed');
    // RFC 8414 had no failure: its sections are folded; a link inside opens the scenario and the fold around it
    const link = page.locator('table.matrix:not(.attacks) a[href="#s-metadata-published"]').first();
    assert.equal(await link.isVisible(), false);
    await page.locator('table.matrix:not(.attacks) details.rows', { has: link }).first().locator('summary').first().click();
    await link.click();
    await page.waitForFunction(() => (document.getElementById('s-metadata-published') as HTMLDetailsElement).open, null, { timeout: 5000 });
    assert.ok(await target.locator('.ev').first().isVisible());
    await target.locator('summary').first().click();
  });

  test('in print: no controls, every scenario expanded', async () => {
    await page.locator('#s-metadata-published summary').first().scrollIntoViewIfNeeded();
    const closed = page.locator('#s-metadata-published');
    assert.equal(await closed.getAttribute('open'), null, 'a passing scenario is closed on screen');
    assert.equal(await closed.locator('.ev').first().isVisible(), false);
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('.controls').isVisible(), false);
      assert.equal(await page.locator('button.filter[data-v="all"]').isVisible(), false);
      assert.ok(await closed.locator('.ev').first().isVisible(), 'its evidence prints');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

/**
 * A run with a hundred findings, built from the recorded one: 100 copies of its failing scenarios and 40
 * of the others (ids numbered), each ambient rule seeing every copy of what it saw.
 */
function hundredFindings(r: RunResults): RunResults {
  const fails = r.scenarios.filter((s) => s.verdict === 'fail');
  const others = r.scenarios.filter((s) => s.verdict !== 'fail');
  const scenarios = Array.from({ length: 140 }, (_, i) => {
    const t = i < 100 ? fails[i % fails.length] : others[i % others.length];
    return { ...t, id: `${t.id}-${i}` };
  });
  const original = (id: string) => id.replace(/-\d+$/, '');
  const ambient = r.ambient?.map((a) => ({ ...a, seen: scenarios.flatMap((s) => a.seen.filter((o) => o.scenario === original(s.id)).map((o) => ({ ...o, scenario: s.id }))) }));
  return { ...r, scenarios, counts: countVerdicts(scenarios), ambient };
}

/** A PNG's height in pixels (IHDR, bytes 20–23). */
const pngHeight = (png: Buffer) => png.readUInt32BE(20);

describe('summary.html of bigger runs, built from the recorded one', () => {
  let browser: Browser;
  const dirs: string[] = [];
  const recorded = () => JSON.parse(readFileSync(path.join(FIXTURE, 'results.json'), 'utf8')) as RunResults;

  /** Renders `results` into a fresh directory beside a copy of the recorded evidence. */
  function renderInTmp(results: RunResults): { dir: string; file: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-report-page-'));
    dirs.push(dir);
    cpSync(path.join(FIXTURE, 'evidence'), path.join(dir, 'evidence'), { recursive: true });
    writeFileSync(path.join(dir, 'summary.html'), renderHtml(results, (p) => readFileSync(path.join(dir, p))));
    return { dir, file: path.join(dir, 'summary.html') };
  }

  before(async () => {
    browser = await chromium.launch({ executablePath: chromiumExecutable() });
  });

  after(async () => {
    await browser?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('a full-page screenshot is under 15 000 px: failures listed first and closed, passes and long lists folded', async (t) => {
    const results = hundredFindings(recorded());
    assert.equal(results.counts.fail, 100);
    const { dir, file } = renderInTmp(results);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const shot = path.join(dir, 'summary-full-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    t.diagnostic(`a hundred failing scenarios: ${height} px`);
    assert.ok(height < 15_000, `the page is ${height} px tall`);
    assert.equal(pngHeight(readFileSync(shot)), height, 'the screenshot is the whole page');

    // what the reader sees first: the failures, each one line in the list and one closed summary in the details
    const rows = page.locator('table.scenarios tr[data-v]');
    assert.equal(await rows.count(), 140);
    assert.equal(await page.locator('table.scenarios tr[data-v]:visible').count(), 100);
    assert.equal(await page.locator('table.scenarios tr[data-v="fail"]:visible').count(), 100);
    assert.equal(await page.locator('details[data-v="fail"][open]').count(), 0, 'a hundred failures are listed closed');
    assert.match(await page.locator('details.fold > summary').first().textContent() ?? '', /^pass 40 — passed and skipped scenarios$/);
    // the ambient rule that saw 100 responses shows three, and folds the rest
    assert.match(await page.locator('table.run-wide details.more > summary').first().textContent() ?? '', /^\+\d+ more response\(s\)$/);
    // a crowded cell of the matrix folds its links under their count, and a link opens its scenario
    const cell = page.locator('table.matrix:not(.attacks) details.ids').first();
    assert.match(await cell.locator('summary').textContent() ?? '', /^\d+ scenarios$/);
    await cell.locator('summary').click();
    const link = cell.locator('a').first();
    const id = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    await page.waitForFunction((i) => (document.getElementById(i) as HTMLDetailsElement).open, id, { timeout: 5000 });
    await page.close();
  });

  test('each project apart with its summary; a link opens the scenario of its own project', async () => {
    const r = recorded();
    // the same target under a second configuration, where the redirect_uri path failure did not happen
    const second = r.scenarios.filter((s) => s.id !== 'redirect-uri-path-suffix').map((s) => ({ ...s, project: 'strict' }));
    const scenarios = [...r.scenarios.map((s) => ({ ...s, project: 'embedded' })), ...second];
    const { file } = renderInTmp({ ...r, scenarios, counts: countVerdicts(scenarios) });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    assert.deepEqual(await page.locator('section.project > h2').allTextContents(), ['Project embedded', 'Project strict']);
    assert.deepEqual(await page.locator('section.project > p.headline').allTextContents(), ['Not conformant: 4 MUST failure(s)', 'Not conformant: 3 MUST failure(s)']);
    const strict = page.locator('section#p-strict');
    assert.equal(await strict.locator('table.scenarios tr[data-v]').count(), 7);
    await strict.locator('table.scenarios a[href="#s-strict/code-single-use"]').click();
    await page.waitForFunction(() => (document.getElementById('s-strict/code-single-use') as HTMLDetailsElement).open);
    assert.ok(await strict.locator('details[id="s-strict/code-single-use"] pre.src').first().isVisible(), 'the details in the strict section');
    // one filter for the whole run: both projects' failures
    await page.locator('button.filter[data-v="fail"]').click();
    assert.equal(await page.locator('.shown').first().textContent(), 'showing 7 of 15 scenarios (verdict=fail)');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
