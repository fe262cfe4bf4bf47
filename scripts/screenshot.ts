/**
 * The README's picture of the summary (docs/images/summary.png): runs a few scenarios against the
 * embedded server with named flaws (so there are failures to show), opens the summary in Chromium and
 * photographs its top and its first failure, stacked in one picture. `--from <report-dir>` reuses a run instead.
 *
 *   npm run screenshot [-- --from reports/latest]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { chromiumExecutable } from '../src/drive/chromium.js';
import { ROOT } from '../src/runner/env.js';

const FLAWS = ['code-reuse', 'redirect-uri-prefix-match', 'token-no-store-missing'];
const SCENARIOS = ['code-single-use', 'redirect-uri-path-suffix', 'redirect-uri-other-host', 'pkce-wrong-verifier-rejected', 'metadata-published', 'implicit-grant-refused', 'form-post-response-mode'];
const OUT = path.join(ROOT, 'docs/images/summary.png');

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const dir = values.from ? path.resolve(values.from) : path.join(ROOT, 'reports/screenshot');
if (!values.from) {
  const args = ['bin/oauth-conformance.mjs', 'run', ...FLAWS.flatMap((f) => ['--flaw', f]), '--grep', `(${SCENARIOS.join('|')}) `, '--report-dir', dir];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  // 1 is the expected outcome (the flaws fail their scenarios); 2 means the run itself is incomplete.
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(`screenshot: the run exited ${run.status}; no picture taken (see its output above)\n`);
    process.exit(2);
  }
}

const browser = await chromium.launch({ executablePath: chromiumExecutable() });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(pathToFileURL(path.join(dir, 'summary.html')).href);
  // Two views stacked: the top of the page (verdict, counts, matrix), then the first failure
  // (the broken rule, the marked scenario step, the timeline).
  const top = await page.screenshot();
  await page.locator('details[data-v="fail"]').first().scrollIntoViewIfNeeded();
  await page.locator('details[data-v="fail"]').first().evaluate((d) => window.scrollTo(0, d.getBoundingClientRect().top + window.scrollY - 8));
  await page.setViewportSize({ width: 1280, height: 1100 });
  const failure = await page.screenshot();
  const png = (b: Buffer) => `<img style="display:block" src="data:image/png;base64,${b.toString('base64')}">`;
  await page.setViewportSize({ width: 1280, height: 860 + 6 + 1100 });
  await page.setContent(`<body style="margin:0;background:#57606a">${png(top)}<div style="height:6px"></div>${png(failure)}</body>`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  process.stdout.write(`screenshot: ${path.relative(ROOT, OUT)}\n`);
} finally {
  await browser.close();
}
