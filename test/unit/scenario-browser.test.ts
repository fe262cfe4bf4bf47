/**
 * Which scenarios may share the worker's logged-in browser (src/runner/scenario-browser.ts), and the
 * plan file the CLI hands to Playwright's processes (src/runner/plan.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { ROOT } from '../../src/runner/env.js';
import { loadPlanScenarios, loadPlanTarget, writePlanFile } from '../../src/runner/plan.js';
import { freshBrowserReason } from '../../src/runner/scenario-browser.js';
import type { Scenario } from '../../src/scenario/schema.js';

const base = { id: 'x', title: 'x', catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'], level: 'MUST' } as const;
const scenario = (steps: unknown[]) => ({ ...base, steps }) as unknown as Scenario;
const target = path.join(ROOT, 'fixtures/targets/embedded.yaml');
const settings = { target, targets: [target], suites: [path.join(ROOT, 'suites')], profile: 'rfc9700' as const, reportDir: '', flaws: [] };

describe('which scenarios share the logged-in browser', () => {
  test('a code flow judged on its redirect and tokens shares it', () => {
    assert.equal(freshBrowserReason(scenario([{ authorize: {}, expect: ['state-echoed'] }, { token: {}, expect: ['code-replay-rejected'] }])), undefined);
  });

  test('a check that judges the pages a first-time visitor meets asks for a fresh one', () => {
    assert.match(freshBrowserReason(scenario([{ authorize: {}, expect: ['user-authenticated-before-code'] }]))!, /user-authenticated-before-code/);
  });

  test('denying consent and framing need the pages themselves', () => {
    assert.match(freshBrowserReason(scenario([{ authorize: { consent: 'deny' }, expect: ['state-echoed'] }]))!, /denies consent/);
    assert.match(freshBrowserReason(scenario([{ frame: {}, expect: ['csp-frame-ancestors'] }]))!, /frames/);
  });

  test('the checks that judge login pages, interactions, subresources or framing are marked freshBrowser', () => {
    // Every check whose source reads what only a first visit shows must carry the mark (checked by name here,
    // so a new such check is a conscious decision).
    const fresh = CHECKS.filter((c) => c.freshBrowser).map((c) => c.id).sort();
    assert.deepEqual(fresh, ['clickjacking-prevented', 'csp-frame-ancestors', 'no-307-after-credentials', 'no-third-party-subresources', 'no-unauthenticated-error-redirect', 'prompt-none-login-required', 'repeated-authorization-not-automatic', 'user-authenticated-before-code']);
    const files = new Map(readdirSync(path.join(ROOT, 'src/checks'), { recursive: true, encoding: 'utf8' }).map((f) => [path.basename(f, '.ts'), f]));
    for (const c of CHECKS.filter((x) => x.on === 'authorization' && !x.freshBrowser)) {
      const file = readFileSync(path.join(ROOT, 'src/checks', files.get(c.id)!), 'utf8');
      assert.doesNotMatch(file, /\.interactions|\.subresources/, `${c.id} reads interactions or subresources but shares a browser`);
    }
  });

  test('in the default suite, the scenarios guarding first-visit rules get a fresh browser', () => {
    const byId = new Map(loadPlanScenarios(settings).map((l) => [l.scenario.id, l.scenario]));
    for (const id of ['user-authenticated-first', 'state-echoed-on-access-denied', 'no-307-after-login', 'authorization-page-not-framable']) {
      assert.ok(freshBrowserReason(byId.get(id)!), id);
    }
    assert.equal(freshBrowserReason(byId.get('code-single-use')!), undefined);
  });
});

describe('the plan file', () => {
  test('holds the validated scenarios and the target document without its secrets, and is removed after', (t) => {
    // A secret from the environment, as a real profile takes it: the file keeps the reference, not the value.
    const secret = 'plan-file-test-secret-8c1f27d9';
    process.env.OC_EMBEDDED_SECRET = secret;
    t.after(() => { delete process.env.OC_EMBEDDED_SECRET; });
    // A copy of the profile at a path of its own: the process caches each target path it loaded (plan.ts),
    // and another test of this process may have loaded embedded.yaml before the secret was set.
    const dir = mkdtempSync(path.join(tmpdir(), 'oc-plan-'));
    const copy = path.join(dir, 'embedded.yaml');
    writeFileSync(copy, readFileSync(target, 'utf8').replaceAll('../keys/', `${path.join(ROOT, 'fixtures/keys')}/`));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const own = { ...settings, target: copy, targets: [copy] };
    const plan = writePlanFile(own);
    try {
      assert.equal(statSync(plan.file).mode & 0o777, 0o600);
      const text = readFileSync(plan.file, 'utf8');
      assert.equal(plan.target.clients.confidential.secret, secret);
      assert.ok(!text.includes(secret), 'the substituted secret is not in the plan file');
      assert.match(text, /\$\{env:OC_EMBEDDED_SECRET/);
      // A process started with OC_PLAN reads the same plan (see plan.ts; the cache is per process, so
      // the reading side is exercised through a child in the e2e CLI tests) — here: the content is the same.
      const data = JSON.parse(text) as { scenarios: { scenario: { id: string } }[] };
      assert.deepEqual(data.scenarios.map((s) => s.scenario.id), plan.scenarios.map((s) => s.scenario.id));
      assert.deepEqual(loadPlanTarget(own), plan.target);
    } finally {
      plan.remove();
    }
    assert.equal(existsSync(plan.file), false);
  });
});
