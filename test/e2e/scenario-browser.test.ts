/**
 * The worker's shared browser, end to end against the embedded server: the first scenario that may
 * share it logs in, the next lands on the client without any page of the server, and a scenario that
 * judges the first visit still meets the login page in a fresh context; a positive control's page is
 * guarded like a scenario's, also when it is the first to use it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { blockedSince } from '../../src/drive/page-guard.js';
import { runPositiveControl } from '../../src/runner/positive-control.js';
import { defaultScenarios, embeddedProfile, redactorFor, sharedBrowser, startRig, type Rig } from './harness.js';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(async () => { await rig.close(); });

test('a shared session skips the login page; a first-visit scenario still gets it', async () => {
  const ids = ['code-flow-no-tokens-in-urls', 'code-single-use', 'user-authenticated-first'];
  const byId = new Map(defaultScenarios().map((s) => [s.scenario.id, s]));
  const outcomes = await rig.run(ids.map((id) => byId.get(id)!), 'rfc9700', 1);
  const interactions = (id: string) => outcomes.get(id)!.evidence.flatMap((e) => (e.kind === 'authorization' ? [e.interactions] : []));
  for (const id of ids) assert.equal(outcomes.get(id)!.verdict, 'pass', `${id}: ${outcomes.get(id)!.reason}`);
  assert.deepEqual(interactions('code-flow-no-tokens-in-urls'), [['login', 'consent']], 'the first shared scenario logs in');
  assert.deepEqual(interactions('code-single-use'), [[]], 'the next one is a returning user');
  assert.deepEqual(interactions('user-authenticated-first'), [['login', 'consent']], 'a first-visit scenario meets the login page');
});

test('the server\'s error page is screenshotted only when a rule judged on it does not hold', async () => {
  // Clean server: the manipulated redirect_uri is refused on an error page, and the refusal passes.
  const scenario = defaultScenarios().find((s) => s.scenario.id === 'redirect-uri-other-host')!;
  const o = (await rig.run([scenario], 'rfc9700', 1)).get('redirect-uri-other-host')!;
  assert.equal(o.verdict, 'pass', o.reason);
  const auth = o.evidence.find((e) => e.kind === 'authorization');
  assert.equal(auth?.kind === 'authorization' && auth.outcome.type, 'error-page');
  assert.equal(auth && 'screenshot' in auth ? auth.screenshot : undefined, undefined, 'no screenshot of a page nothing is wrong with');
  // The other side (a rule that does not hold on an error page keeps its screenshot) has no live control yet:
  // no flaw makes the embedded server refuse where it should not. report-page.test.ts renders a recorded one.
});

test('a positive control guards its page, also a page no scenario guarded before it', async () => {
  const h = await sharedBrowser(rig.target);
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    const control = await runPositiveControl('confidential', { target: rig.target, page: async () => page, isHarnessHost: h.isHarnessHost, redactor: redactorFor(embeddedProfile()) });
    assert.equal(control.ok, true, control.outcome);
    // Another port of the target's host is an origin the profile does not name: blocked in the browser, and recorded.
    const other = `http://127.0.0.1:${new URL(rig.target.endpoints.issuer).port === '9' ? 10 : 9}/internal`;
    await page.evaluate((url) => fetch(url).catch(() => undefined), other);
    assert.deepEqual(blockedSince(page, 0).map((b) => b.url), [other]);
  } finally {
    await context.close();
  }
});
