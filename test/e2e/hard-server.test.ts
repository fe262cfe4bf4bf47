/**
 * The hard fixture server, driven by fixtures/targets/hard.yaml through a real Chromium: every hard
 * page (two-step JavaScript sign-in, CSRF tokens, checkbox consent with an occasional notice, the
 * iframe path, an established session) to tokens; a wrong locator is the harness's `error`, named, in
 * its timeout; and a server whose token errors are not RFC 6749 JSON is judged fairly.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startHardServer, type HardServer, type TokenErrorStyle } from '../../fixtures/servers/hard/index.js';
import { optionsFromProfile } from '../../fixtures/servers/hard/profile.js';
import type { AuthorizationEvidence } from '../../src/evidence/types.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { ROOT } from '../../src/runner/env.js';
import { loadScenarios, type LoadedScenario } from '../../src/scenario/load.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { breaches, loadProfile, startRig, type Rig } from './harness.js';

const HARD_PROFILE = path.join(ROOT, 'fixtures/targets/hard.yaml');

function scenarios(...files: string[]): LoadedScenario[] {
  const { scenarios: found, errors } = loadScenarios(files.map((f) => path.join(ROOT, f)), { knownChecks: CHECK_IDS });
  assert.deepEqual(errors, []);
  return found;
}

/** A rig on a fresh hard server; `server` is that server, for what only it can tell (who signed in). */
async function hardRig(profile: TargetProfile, tokenErrors?: TokenErrorStyle): Promise<{ rig: Rig; server: () => HardServer }> {
  let server: HardServer | undefined;
  const rig = await startRig({
    profile,
    start: async (p) => (server = await startHardServer(optionsFromProfile(p, { tokenErrors }))),
  });
  return { rig, server: () => server! };
}

function authorizations(o: { evidence: { kind: string }[] }): AuthorizationEvidence[] {
  return o.evidence.filter((e): e is AuthorizationEvidence => e.kind === 'authorization');
}

describe('hard server, happy flow', () => {
  const profile = loadProfile(HARD_PROFILE);
  let hard: Awaited<ReturnType<typeof hardRig>>;
  before(async () => { hard = await hardRig(profile); });
  after(() => hard?.rig.close());

  test('two-step JS sign-in, CSRF, checkbox consent, established session, iframe path: all to tokens', async () => {
    // Each scenario in a browser of its own (a run of its own), as three workers would.
    const runs = await Promise.all(scenarios('test/fixtures/hard-flows', 'suites/rfc7636/public-client-pkce-flow.yaml').map((s) => hard.rig.run([s])));
    const results = new Map(runs.flatMap((r) => [...r]));
    for (const [id, o] of results) assert.equal(o.verdict, 'pass', `${id}: ${o.reason}`);

    const session = authorizations(results.get('hard-session-flow')!);
    assert.deepEqual(session.map((a) => a.interactions), [['identifier', 'passphrase', 'consent'], ['consent']], 'the second authorization reuses the session: no sign-in page');
    assert.deepEqual(authorizations(results.get('hard-partner-flow')!)[0].interactions, ['partner-login', 'consent']);
    assert.deepEqual([...hard.server().logins].sort(), ['bob', 'bob', 'bob'], 'three browsers signed in, once each');

    // Request shaping from the profile: its authorization_params on every request, {{random}} fresh each time.
    const params = session.map((a) => a.request.params);
    assert.equal(params[0].audience, 'https://api.hard.test');
    assert.match(params[0].nonce, /^[\w-]{20,}$/);
    assert.notEqual(params[0].nonce, params[1].nonce);
    assert.equal(params[0].scope, 'read write');
  });
});

describe('hard server, the second user', () => {
  test('rules that type {{user2.username}} / {{user2.password}} sign in as the second user', async () => {
    const profile = loadProfile(HARD_PROFILE);
    for (const rule of profile.interaction) {
      for (const step of rule.steps) if ('fill' in step) step.fill.value = step.fill.value.replace('{{user.', '{{user2.');
    }
    const hard = await hardRig(profile);
    try {
      const o = (await hard.rig.run(scenarios('test/fixtures/hard-flows/hard-partner-flow.yaml'))).get('hard-partner-flow')!;
      assert.equal(o.verdict, 'pass', o.reason);
      assert.deepEqual(hard.server().logins, ['carol']);
    } finally {
      await hard.rig.close();
    }
  });
});

describe('hard server, the harness\'s own errors', () => {
  const base = loadProfile(HARD_PROFILE);
  /** The profile with one rule edited. */
  const edited = (name: string, edit: (rule: TargetProfile['interaction'][number]) => void): TargetProfile => {
    const p = structuredClone(base);
    edit(p.interaction.find((r) => r.name === name)!);
    return p;
  };

  test('a wrong locator in a rule\'s steps is `error` naming the rule, the action and the locator, within the rule\'s timeout', async () => {
    const profile = edited('passphrase', (r) => {
      r.timeout = 1500;
      r.steps[0] = { fill: { label: 'Password', value: '{{user.password}}' } };
    });
    const { rig } = await hardRig(profile);
    try {
      const o = (await rig.run(scenarios('test/fixtures/hard-flows/hard-session-flow.yaml'))).get('hard-session-flow')!;
      assert.equal(o.verdict, 'error');
      assert.deepEqual(breaches(o), [], 'nothing is held against the target');
      assert.match(o.reason!, /interaction "passphrase": fill label="Password" failed on .*\/signin\/password.*timed out after 1500 ms/);
      assert.ok(o.durationMs < 10_000, `gave up after ${o.durationMs} ms, not the flow timeout`);
      assert.ok(o.error?.screenshot?.length, 'a screenshot of the page');
    } finally {
      await rig.close();
    }
  });

  test('a `when` that never shows is `error` naming the rule and its locator', async () => {
    const profile = edited('identifier', (r) => { r.when = { label: 'Username' }; });
    profile.timeouts = { http: 10000, flow: 30000, ...profile.timeouts, action: 2000 };
    const { rig } = await hardRig(profile);
    try {
      const o = (await rig.run(scenarios('test/fixtures/hard-flows/hard-session-flow.yaml'))).get('hard-session-flow')!;
      assert.equal(o.verdict, 'error');
      assert.match(o.reason!, /no interaction rule matched the page .*\/signin\/identifier.*rule "identifier" \(when label="Username"\) fitted the URL but its element never showed/);
    } finally {
      await rig.close();
    }
  });
});

/** Token endpoint scenarios: some judge the error format, the others only whether tokens were issued. */
const FAIRNESS = [
  'rfc6749/token-endpoint/code-single-use', 'rfc6749/token-endpoint/code-bound-to-client', 'rfc6749/token-endpoint/client-authentication-required',
  'rfc6749/token-endpoint/invalid-client-basic-401', 'rfc6749/token-endpoint/token-error-responses-well-formed', 'rfc6749/token-endpoint/token-endpoint-rejects-get',
  'rfc6749/token-endpoint/token-redirect-uri-must-match', 'rfc6749/token-endpoint/token-duplicate-parameter-rejected', 'rfc7636/pkce-wrong-verifier-rejected',
  'rfc7636/pkce-verifier-required', 'rfc6749/refresh-token/refresh-token-reuse-detected',
].map((f) => `suites/${f}.yaml`);
/** What a non-JSON error breaks: the format rules, and only them. */
const FORMAT_BREACHES = {
  'invalid-client-basic-401': ['invalid-client-www-authenticate:fail'],
  'token-error-responses-well-formed': ['token-error-response-format:fail'],
};

describe('hard server, non-standard token errors judged fairly', () => {
  const profile = loadProfile(HARD_PROFILE);
  const verdicts = async (style: TokenErrorStyle, files: string[]) => {
    const { rig } = await hardRig(profile, style);
    try {
      const results = await rig.run(scenarios(...files));
      return Object.fromEntries([...results].map(([id, o]) => [id, o.verdict === 'error' ? `error: ${o.reason}` : breaches(o)]));
    } finally {
      await rig.close();
    }
  };
  const clean = (files: string[]) => Object.fromEntries(scenarios(...files).map((s) => [s.scenario.id, []]));

  test('RFC 6749 JSON errors (the control): every scenario passes', async () => {
    assert.deepEqual(await verdicts('rfc6749', FAIRNESS), clean(FAIRNESS));
  });

  test('an empty 403: the format rules fail, the security rules pass, nothing errors', async () => {
    assert.deepEqual(await verdicts('empty-403', FAIRNESS), { ...clean(FAIRNESS), ...FORMAT_BREACHES });
  });

  test('an HTML error page: the same', async () => {
    const files = FAIRNESS.filter((f) => /invalid-client|well-formed|code-single-use|pkce-wrong/.test(f));
    assert.deepEqual(await verdicts('html', files), { ...clean(files), ...FORMAT_BREACHES });
  });
});

describe('hard server pages, over plain HTTP', () => {
  let server: HardServer;
  before(async () => {
    server = await startHardServer({ clients: [{ id: 'c', secret: 's', auth: 'client_secret_basic', redirect_uris: ['https://client.oauth-conformance.test/cb'] }], users: [{ username: 'bob', password: 'pw' }] });
  });
  after(() => server?.close());

  test('every form needs the session\'s CSRF token: missing or wrong is 403, right goes on', async () => {
    const start = await fetch(`${server.issuer}/oauth2/authorize?client_id=c&response_type=code&scope=read`, { redirect: 'manual' });
    const cookie = start.headers.get('set-cookie')!.split(';')[0];
    const page = await (await fetch(new URL(start.headers.get('location')!, server.issuer), { headers: { cookie } })).text();
    assert.doesNotMatch(page, /<input/i, 'the served page has no form: script renders it');
    const csrf = /"csrf":"([^"]+)"/.exec(page)![1];
    const txn = /"txn":"([^"]+)"/.exec(page)![1];
    const post = (form: Record<string, string>) => fetch(`${server.issuer}/signin/identifier`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    assert.equal((await post({ txn, account: 'bob' })).status, 403);
    assert.equal((await post({ txn, account: 'bob', _csrf: `${csrf}x` })).status, 403);
    const ok = await post({ txn, account: 'bob', _csrf: csrf });
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location')!, /^\/signin\/password\?txn=/);
  });
});
