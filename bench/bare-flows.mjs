/**
 * The bare work `npm run bench` compares the harness with: a plain Node script (no TypeScript loader, no
 * test runner, no harness module) that launches Chromium and drives authorization flows with raw
 * Playwright calls, and nothing else. The bench times it from spawn to exit, as it times the harness.
 *
 *   node bench/bare-flows.mjs <plan.json>
 *
 * The plan (written by scripts/bench.ts): `browsers` Chromium instances with `executablePath` and `args`
 * (the harness's own launch flags); `units`, each a browser context (`fresh`: a new one; otherwise the
 * browser's shared one) with its flows in order: an authorization URL, and whether the server refuses it
 * (then the flow ends when its error page has loaded) or not (then login and consent pages are answered,
 * whenever the server shows them, until the redirect reaches a host ending in `landedHost`).
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const landed = (url) => new URL(url).hostname.endsWith(plan.landedHost);

async function flow(page, { url, refused }) {
  if (refused) {
    await page.goto(url, { waitUntil: 'load' });
    return;
  }
  await page.goto(url, { waitUntil: 'commit' });
  const login = page.getByLabel('Password');
  const consent = page.getByRole('button', { name: 'Continue' });
  while (!landed(page.url())) {
    if (await login.isVisible()) {
      await page.getByLabel('Username').fill(plan.user.username);
      await login.fill(plan.user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await login.waitFor({ state: 'detached' });
    } else if (await consent.isVisible()) {
      await consent.click();
      await consent.waitFor({ state: 'detached' });
    } else {
      await page.waitForTimeout(20); // a plain script polls too (the harness: every 50 ms)
    }
  }
  await page.waitForURL(landed);
}

const browsers = await Promise.all(Array.from({ length: plan.browsers }, () => chromium.launch({ executablePath: plan.executablePath, args: plan.args })));
const queue = [...plan.units];
await Promise.all(browsers.map(async (browser) => {
  let shared;
  for (let unit = queue.shift(); unit; unit = queue.shift()) {
    const page = unit.fresh ? await (await browser.newContext()).newPage() : (shared ??= await (await browser.newContext()).newPage());
    for (const f of unit.flows) await flow(page, f);
    if (unit.fresh) await page.context().close();
  }
}));
await Promise.all(browsers.map((b) => b.close()));
