/**
 * The bare work `npm run bench` compares the harness with: a plain Node script (no TypeScript loader, no
 * test runner, no harness module) that launches Chromium and drives the browser legs of authorization
 * flows with raw Playwright calls, plus the few back-channel calls (fetch) without which a leg cannot start.
 * The bench times it from spawn to exit, as it times the harness.
 *
 *   node bench/bare-flows.mjs <plan.json>
 *
 * The plan (written by scripts/bench.ts): `browsers` Chromium instances with `executablePath` and `args`
 * (the harness's own launch flags); `units`, each a browser context (`fresh`: a new one; otherwise the
 * browser's shared one) with its flows in order, each one of:
 * - `authorize`: navigate to `url`; then either the server refuses (`expect.refused`: the flow ends when
 *   its page has loaded and shows no login or consent form) or login and consent pages are answered
 *   (consent denied with `deny`), whenever the server shows them, until the redirect reaches a harness host;
 * - `pushed` (RFC 9126): first push `push.form` to the PAR endpoint (once per `push.id` in the unit, so
 *   a request_uri used twice is used twice here too; never for `expired`, which navigates with a
 *   request_uri the server never issued), then as `authorize` with the request_uri in `query`;
 * - `device` (RFC 8628): post the device authorization request, open its verification_uri, type the user
 *   code, confirm, log in and consent as asked, until the server's done page;
 * - `frame`: load the harness stub's attacker page framing an authorization request, until the frame loaded.
 * Every flow must end within `flowTimeoutMs`, or the script names the flow and exits 1. At the end one line
 * of JSON on stdout: flows by kind, and any flow that ended otherwise than the harness's did (`mismatches`).
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** The pages of the embedded server (fixtures/servers/embedded), as the default profile's interaction rules name them. */
const PAGES = { username: 'Username', password: 'Password', signIn: 'Sign in', approve: 'Continue', deny: 'Deny', userCode: 'User code', submitCode: 'Submit code', confirm: 'Confirm device', done: 'Device signed in' };
/** Where the unknown request_uri of a replayed expiry points: a URN the server never issued. */
const EXPIRED_REQUEST_URI = 'urn:ietf:params:oauth:request_uri:oc-bench-expired';

const harnessHost = (url) => {
  let host;
  try { host = new URL(url).hostname.toLowerCase(); } catch { return false; }
  return plan.landedHosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
};
const errorOf = (url) => {
  const u = new URL(url);
  return u.searchParams.get('error') ?? new URLSearchParams(u.hash.slice(1)).get('error') ?? undefined;
};
const mismatches = [];
const counts = { authorize: 0, pushed: 0, device: 0, frame: 0 };

/**
 * Answers the server's pages until `done()`: login, consent, and the device verification pages. With
 * `settles`, a loaded page that shows none of them ends the flow too (the server's error page).
 */
async function drive(page, { done, deny = false, settles = false, code }) {
  const login = page.getByLabel(PAGES.password);
  const consent = page.getByRole('button', { name: PAGES.approve });
  const userCode = page.getByLabel(PAGES.userCode);
  const confirm = page.getByRole('button', { name: PAGES.confirm });
  const shows = async () => (await login.isVisible()) || (await consent.isVisible()) || (await userCode.isVisible()) || (await confirm.isVisible());
  for (;;) {
    if (await done()) return true;
    if (await login.isVisible()) {
      await page.getByLabel(PAGES.username).fill(plan.user.username);
      await login.fill(plan.user.password);
      await page.getByRole('button', { name: PAGES.signIn }).click();
      await login.waitFor({ state: 'detached' });
    } else if (await consent.isVisible()) {
      await (deny ? page.getByRole('button', { name: PAGES.deny }) : consent).click();
      await consent.waitFor({ state: 'detached' });
    } else if (await userCode.isVisible()) {
      await userCode.fill(code);
      await page.getByRole('button', { name: PAGES.submitCode }).click();
      await userCode.waitFor({ state: 'detached' });
    } else if (await confirm.isVisible()) {
      await confirm.click();
      await confirm.waitFor({ state: 'detached' });
    } else if (settles) {
      await page.waitForLoadState('load');
      if (!(await done()) && !(await shows())) return false;
    } else {
      await page.waitForTimeout(20); // a plain script polls too (the harness: every 50 ms)
    }
  }
}

async function post(url, { headers = {}, form }) {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = await res.json().catch(() => undefined);
  if (!res.ok || !body) throw new Error(`POST ${url} answered ${res.status} ${JSON.stringify(body) ?? ''}`.slice(0, 300));
  return body;
}

/** An authorization in the browser; records a mismatch when it ends otherwise than the harness's did. */
async function authorization(page, f, url) {
  await page.goto(url, { waitUntil: f.expect.refused ? 'load' : 'commit' });
  const landed = await drive(page, { done: async () => harnessHost(page.url()), deny: f.deny, settles: f.expect.refused });
  const error = landed ? errorOf(page.url()) : undefined;
  if (landed === f.expect.refused || (landed && error !== f.expect.error)) {
    mismatches.push(`${f.label}: the harness's ${f.expect.refused ? 'stayed on the server\'s page' : `landed${f.expect.error ? ` with error=${f.expect.error}` : ''}`}, here ${landed ? `landed${error ? ` with error=${error}` : ''}` : `stayed on ${page.url().split('?')[0]}`}`);
  }
}

async function flow(page, f, pushes) {
  counts[f.kind]++;
  if (f.kind === 'authorize') return authorization(page, f, f.url);
  if (f.kind === 'pushed') {
    let requestUri = EXPIRED_REQUEST_URI;
    if (!f.expired) {
      if (!pushes.has(f.push.id)) pushes.set(f.push.id, (await post(f.push.endpoint, f.push)).request_uri);
      requestUri = pushes.get(f.push.id);
    }
    return authorization(page, f, `${f.authorizationEndpoint}?${new URLSearchParams({ ...f.query, request_uri: requestUri })}`);
  }
  if (f.kind === 'device') {
    const d = await post(f.endpoint, f);
    await page.goto(d.verification_uri, { waitUntil: 'commit' });
    await drive(page, { done: () => page.getByRole('heading', { name: PAGES.done }).isVisible(), code: d.user_code });
    return;
  }
  if (f.kind === 'frame') {
    await page.goto(f.url, { waitUntil: 'load' });
    await page.mainFrame().childFrames()[0]?.waitForLoadState('load');
    return;
  }
  throw new Error(`${f.label}: no such flow kind "${f.kind}" (bench/bare-flows.mjs knows authorize, pushed, device, frame)`);
}

/** The flow, or a loud failure naming it once it has taken longer than the plan allows. */
async function bounded(page, f, pushes) {
  let timer;
  const stalled = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`flow ${f.label} did not finish in ${plan.flowTimeoutMs / 1000} s: stalled on ${page.url().split('?')[0]}`)), plan.flowTimeoutMs);
  });
  try {
    await Promise.race([flow(page, f, pushes), stalled]);
  } catch (err) {
    throw new Error(`bare-flows: ${err.message.includes(f.label) ? '' : `flow ${f.label}: `}${err.message.split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
  }
}

const browsers = await Promise.all(Array.from({ length: plan.browsers }, () => chromium.launch({ executablePath: plan.executablePath, args: plan.args })));
const queue = [...plan.units];
try {
  await Promise.all(browsers.map(async (browser) => {
    let shared;
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const page = unit.fresh ? await (await browser.newContext()).newPage() : (shared ??= await (await browser.newContext()).newPage());
      const pushes = new Map();
      for (const f of unit.flows) await bounded(page, f, pushes);
      if (unit.fresh) await page.context().close();
    }
  }));
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
await Promise.all(browsers.map((b) => b.close()));
// One line (the bench keeps the end of the output): the first mismatches, and how many more.
const shown = mismatches.length > 20 ? [...mismatches.slice(0, 20), `… and ${mismatches.length - 20} more`] : mismatches;
process.stdout.write(`${JSON.stringify({ flows: counts, mismatches: shown })}\n`);
