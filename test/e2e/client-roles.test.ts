/**
 * Client roles and scenario variants beyond the default profile's, through the real harness (embedded
 * server, stub, Chromium): PKCE judged for every client that sent a challenge, a challenge without
 * method, unknown clients and invalid requests sent nowhere, token errors for malformed requests, the
 * `implicit` client role, refresh tokens only with offline_access, PKCE required of every client, a list
 * of authentication methods, and redirect URIs registered for two clients. Each new scenario with its
 * negative control: the flaw that breaks its rule makes exactly it fail, with the evidence.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import { Redactor } from '../../src/evidence/redact.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import { ROOT } from '../../src/runner/env.js';
import type { Profile } from '../../src/spec/levels.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { breaches, defaultScenarios, embeddedProfile, loadProfile, startRig } from './harness.js';

const ALL = defaultScenarios();
const pick = (...ids: string[]) => ids.map((id) => {
  const s = ALL.find((x) => x.scenario.id === id);
  assert.ok(s, `no scenario ${id}`);
  return s;
});
const profileOf = (name: string) => loadProfile(path.join(ROOT, 'fixtures/targets', `${name}.yaml`));

async function runOn(ids: string[], opts: { flaws?: FlawName[]; profile?: TargetProfile; judged?: Profile } = {}): Promise<Map<string, ScenarioOutcome>> {
  const rig = await startRig(opts);
  try {
    return await rig.run(pick(...ids), opts.judged ?? 'rfc9700', 2);
  } finally {
    await rig.close();
  }
}

const verdicts = (m: Map<string, ScenarioOutcome>) => Object.fromEntries([...m].map(([id, o]) => [id, o.verdict]));
const show = (m: Map<string, ScenarioOutcome>) => JSON.stringify([...m].map(([id, o]) => [id, o.verdict, o.reason]), null, 1);
/** The verdict of each check named `check`, by step (1-based), e.g. ["2:pass", "4:fail"]. */
const byStep = (o: ScenarioOutcome, check: string) => o.checks.filter((c) => c.check === check).map((c) => `${(c.step ?? 0) + 1}:${c.verdict}`);

describe('PKCE for every client that sent a challenge', () => {
  const IDS = ['pkce-verifier-required', 'pkce-wrong-verifier-rejected', 'pkce-challenge-without-method', 'pkce-verifier-without-challenge-rejected'];

  test('clean server: public and confidential flows judged apart and pass; a challenge without method is refused (skip with the answer)', async () => {
    const out = await runOn(IDS);
    assert.deepEqual(verdicts(out), {
      'pkce-verifier-required': 'pass', 'pkce-wrong-verifier-rejected': 'pass', 'pkce-challenge-without-method': 'skip', 'pkce-verifier-without-challenge-rejected': 'pass',
    }, show(out));
    assert.deepEqual(byStep(out.get('pkce-verifier-required')!, 'pkce-verifier-required'), ['2:pass', '4:pass']);
    assert.deepEqual(byStep(out.get('pkce-wrong-verifier-rejected')!, 'pkce-wrong-verifier-rejected'), ['2:pass', '4:pass']);
    // oidc-provider allows S256 only: no method means plain, which it refuses at authorization.
    assert.match(out.get('pkce-challenge-without-method')!.reason ?? '', /issued no code .* step 1.*code_challenge_method/);
  });

  test('negative control pkce-ignored-for-confidential: the confidential steps fail, the public ones still pass', async () => {
    const out = await runOn(IDS.slice(0, 2), { flaws: ['pkce-ignored-for-confidential'] });
    for (const [id, check] of [['pkce-verifier-required', 'pkce-verifier-required'], ['pkce-wrong-verifier-rejected', 'pkce-wrong-verifier-rejected']] as const) {
      const o = out.get(id)!;
      assert.equal(o.verdict, 'fail', show(out));
      assert.deepEqual(breaches(o), [`${check}:fail`]);
      assert.deepEqual(byStep(o, check), ['2:pass', '4:fail']);
      const token = o.evidence.find((e) => e.kind === 'token' && e.step === 3);
      assert.ok(token?.kind === 'token' && token.client === 'confidential' && token.response.status === 200, 'the confidential client got tokens');
    }
  });

  test('negative control pkce-challenge-without-method-ignored: the code redeems without a verifier', async () => {
    const out = await runOn(['pkce-challenge-without-method'], { flaws: ['pkce-challenge-without-method-ignored'] });
    const o = out.get('pkce-challenge-without-method')!;
    assert.equal(o.verdict, 'fail', show(out));
    assert.deepEqual(breaches(o), ['pkce-verifier-required:fail']);
    assert.match(o.reason ?? '', /redeemed without any code_verifier/);
  });

  test('a server requiring PKCE of every client: the downgrade is impossible, so pkce-verifier-without-challenge-rejected skips with the answer', async () => {
    const base = embeddedProfile();
    const out = await runOn(['pkce-verifier-without-challenge-rejected', 'pkce-verifier-required'], { profile: { ...base, embedded: { ...base.embedded!, pkce_required: 'all' } } });
    assert.deepEqual(verdicts(out), { 'pkce-verifier-without-challenge-rejected': 'skip', 'pkce-verifier-required': 'pass' }, show(out));
    assert.match(out.get('pkce-verifier-without-challenge-rejected')!.reason ?? '', /issued no code .*invalid_request.*PKCE/i);
  });
});

describe('no redirect at all: unknown clients, invalid requests with an unregistered redirect URI', () => {
  const IDS = ['unknown-client-not-redirected', 'redirect-uri-unregistered-invalid-request'];

  test('clean server: both refused on its own page', async () => {
    const out = await runOn(IDS);
    assert.deepEqual(verdicts(out), { 'unknown-client-not-redirected': 'pass', 'redirect-uri-unregistered-invalid-request': 'pass' }, show(out));
    assert.deepEqual(byStep(out.get('unknown-client-not-redirected')!, 'refused-without-redirect'), ['1:pass', '2:pass']);
  });

  test('negative control unknown-client-redirected: a code sent to the registered and to the attacker URI', async () => {
    const out = await runOn(IDS, { flaws: ['unknown-client-redirected'] });
    const o = out.get('unknown-client-not-redirected')!;
    assert.equal(o.verdict, 'fail', show(out));
    assert.deepEqual(breaches(o), ['refused-without-redirect:fail']);
    assert.deepEqual(byStep(o, 'refused-without-redirect'), ['1:fail', '2:fail']);
    const messages = o.checks.filter((c) => c.verdict === 'fail').map((c) => c.message ?? '');
    assert.match(messages[0]!, /redirected the browser to https:\/\/client\.oauth-conformance\.test\/cb with an authorization code/);
    assert.match(messages[1]!, /https:\/\/attacker\.example\/cb with an authorization code/);
    assert.equal(out.get('redirect-uri-unregistered-invalid-request')!.verdict, 'pass', show(out));
  });

  test('negative control error-redirect-to-unregistered-uri: the error goes to the attacker URI', async () => {
    const out = await runOn(IDS, { flaws: ['error-redirect-to-unregistered-uri'] });
    const o = out.get('redirect-uri-unregistered-invalid-request')!;
    assert.equal(o.verdict, 'fail', show(out));
    assert.deepEqual(byStep(o, 'refused-without-redirect'), ['1:fail', '2:fail']);
    assert.match(o.reason ?? '', /attacker\.example\/cb with error=unsupported_response_type/);
    assert.equal(out.get('unknown-client-not-redirected')!.verdict, 'pass', show(out));
  });
});

describe('token endpoint errors for malformed requests', () => {
  const IDS = ['token-error-unknown-grant-type', 'token-error-missing-parameter', 'token-error-json-body', 'token-error-responses-well-formed'];

  test('clean server: all well-formed', async () => {
    const out = await runOn(IDS);
    assert.deepEqual(verdicts(out), Object.fromEntries(IDS.map((id) => [id, 'pass'])), show(out));
    const sent = (id: string) => {
      const e = out.get(id)!.evidence.find((x) => x.kind === 'token');
      assert.ok(e?.kind === 'token');
      return e;
    };
    const json = sent('token-error-json-body');
    assert.ok(json.request.headers?.['content-type'] === 'application/json' && json.variants.includes('body:json'));
    assert.equal(JSON.parse(json.request.body ?? '{}').grant_type, 'authorization_code');
    // `extra` replaces the harness's own grant_type; `omit` leaves the code out.
    assert.deepEqual(new URLSearchParams(sent('token-error-unknown-grant-type').request.body).getAll('grant_type'), ['urn:oauth-conformance:unknown-grant']);
    assert.equal(new URLSearchParams(sent('token-error-missing-parameter').request.body).has('code'), false);
  });

  test('negative control token-errors-not-json: the three malformed requests fail, the other errors stay well-formed', async () => {
    const out = await runOn(IDS, { flaws: ['token-errors-not-json'] });
    for (const id of IDS.slice(0, 3)) {
      assert.equal(out.get(id)!.verdict, 'fail', `${id}: ${show(out)}`);
      assert.deepEqual(breaches(out.get(id)!), ['token-error-response-format:fail']);
      assert.match(out.get(id)!.reason ?? '', /not served as application\/json/);
    }
    assert.equal(out.get('token-error-responses-well-formed')!.verdict, 'pass', show(out));
  });
});

describe('redirect URI scheme in upper case', () => {
  test('judged like the host-case variant: accepting it is lenient (the clean server\'s recorded deviation)', async () => {
    const out = await runOn(['redirect-uri-scheme-uppercase', 'redirect-uri-host-uppercase']);
    assert.deepEqual(verdicts(out), { 'redirect-uri-scheme-uppercase': 'warn', 'redirect-uri-host-uppercase': 'warn' }, show(out));
    const auth = out.get('redirect-uri-scheme-uppercase')!.evidence.find((e) => e.kind === 'authorization');
    assert.ok(auth?.kind === 'authorization' && auth.request.params.redirect_uri === 'HTTPS://client.oauth-conformance.test/cb');
  });
});

describe('the `implicit` client role', () => {
  const IDS = ['implicit-grant-refused', 'token-response-mode-query-refused', 'implicit-no-refresh-token'];

  test('without an implicit client the scenarios skip, naming the missing client', async () => {
    const out = await runOn([...IDS, 'response-type-token-unregistered']);
    assert.deepEqual(verdicts(out), { ...Object.fromEntries(IDS.map((id) => [id, 'skip'])), 'response-type-token-unregistered': 'pass' }, show(out));
    for (const id of IDS) assert.match(out.get(id)!.reason ?? '', /the profile has no `implicit` client/);
  });

  test('embedded-implicit: the implicit grant is reported, response_mode=query is refused', async () => {
    const out = await runOn(IDS, { profile: profileOf('embedded-implicit') });
    assert.deepEqual(verdicts(out), { 'implicit-grant-refused': 'warn', 'token-response-mode-query-refused': 'pass', 'implicit-no-refresh-token': 'pass' }, show(out));
    assert.match(out.get('implicit-grant-refused')!.reason ?? '', /issued an access token through the implicit grant/);
  });

  test('negative control implicit-token-in-query: the token in the query fails (MUST under oauth2.1, SHOULD otherwise), the URL in the evidence, the token redacted', async () => {
    const out = await runOn(['token-response-mode-query-refused'], { profile: profileOf('embedded-implicit'), flaws: ['implicit-token-in-query'], judged: 'oauth2.1' });
    const o = out.get('token-response-mode-query-refused')!;
    assert.equal(o.verdict, 'fail', show(out));
    assert.equal(o.checks.find((c) => c.check === 'token-not-in-query')?.level, 'MUST');
    assert.deepEqual(breaches(o), ['token-not-in-query:fail']);
    assert.match(o.reason ?? '', /access_token in the query of https:\/\/client\.oauth-conformance\.test\/implicit-cb\?/);
    const auth = o.evidence.find((e) => e.kind === 'authorization');
    const token = auth?.kind === 'authorization' && auth.outcome.type === 'redirect' ? auth.outcome.query.access_token?.[0] : undefined;
    assert.ok(token && token.length >= 20, 'a real access token arrived in the query');
    assert.ok(!new Redactor().redactString(o.reason ?? '').includes(token), 'the report masks it');
  });
});

describe('refresh tokens only with offline_access (an OpenID-only configuration)', () => {
  const IDS = ['refresh-token-rotated', 'refresh-scope-unchanged', 'refresh-scope-not-escalated', 'refresh-requires-client-authentication', 'refresh-token-bound-to-client'];

  test('with the profile\'s refresh block the refresh scenarios pass', async () => {
    const offline = profileOf('embedded-offline');
    assert.equal(offline.refresh?.scope, 'openid offline_access');
    const out = await runOn(IDS, { profile: offline });
    assert.deepEqual(verdicts(out), Object.fromEntries(IDS.map((id) => [id, 'pass'])), show(out));
    const auth = out.get('refresh-token-rotated')!.evidence.find((e) => e.kind === 'authorization');
    assert.ok(auth?.kind === 'authorization' && auth.request.params.scope === 'openid offline_access' && auth.request.params.prompt === 'consent');
  });

  test('without it no refresh token is issued: the refresh scenarios cannot pass', async () => {
    const { refresh: _omitted, ...plain } = profileOf('embedded-offline');
    const out = await runOn(['refresh-token-rotated'], { profile: plain });
    assert.notEqual(out.get('refresh-token-rotated')!.verdict, 'pass', show(out));
    assert.match(out.get('refresh-token-rotated')!.reason ?? '', /refresh token/);
  });

  test('negative control refresh-scope-escalation: the added email scope is granted on refresh', async () => {
    const out = await runOn(['refresh-scope-not-escalated'], { profile: profileOf('embedded-offline'), flaws: ['refresh-scope-escalation'] });
    const o = out.get('refresh-scope-not-escalated')!;
    assert.equal(o.verdict, 'fail', show(out));
    assert.deepEqual(breaches(o), ['refresh-scope-not-escalated:fail']);
    const refresh = o.evidence.find((e) => e.kind === 'token' && e.grant === 'refresh_token');
    assert.ok(refresh?.kind === 'token' && /scope=openid(\+|%20)offline_access(\+|%20)email/.test(refresh.request.body ?? ''), 'the refresh asked for the original scope plus email');
  });

  test('refresh-scope-not-escalated: the original scope already holds offline_access and no extra_scope is named: skip', async () => {
    const { extra_scope: _none, ...refresh } = profileOf('embedded-offline').refresh!;
    const out = await runOn(['refresh-scope-not-escalated'], { profile: { ...profileOf('embedded-offline'), refresh } });
    assert.equal(out.get('refresh-scope-not-escalated')!.verdict, 'skip', show(out));
    assert.match(out.get('refresh-scope-not-escalated')!.reason ?? '', /refresh\.extra_scope/);
  });
});

describe('what the profile says about its clients', () => {
  test('auth as a list: the right secret by a method the client is registered for is no finding (skip); one method: the recorded warning', async () => {
    const base = embeddedProfile();
    const both = { ...base, clients: { ...base.clients, confidential: { ...base.clients.confidential!, auth: ['client_secret_basic', 'client_secret_post'] } } } as TargetProfile;
    const out = await runOn(['client-authentication-method-as-registered', 'code-single-use'], { profile: both });
    assert.deepEqual(verdicts(out), { 'client-authentication-method-as-registered': 'skip', 'code-single-use': 'pass' }, show(out));
    assert.match(out.get('client-authentication-method-as-registered')!.reason ?? '', /both client_secret_basic and client_secret_post/);
  });

  test('redirect-uri-other-client: a URI the profile registers for both clients is not the other client\'s; without one, skip', async () => {
    const base = embeddedProfile();
    const second = base.clients.second!.redirect_uris[0]!;
    const shared = { ...base, clients: { ...base.clients, confidential: { ...base.clients.confidential!, redirect_uris: [...base.clients.confidential!.redirect_uris, second] } } };
    const out = await runOn(['redirect-uri-other-client'], { profile: shared });
    assert.equal(out.get('redirect-uri-other-client')!.verdict, 'skip', show(out));
    assert.match(out.get('redirect-uri-other-client')!.reason ?? '', /also registered for clients\.confidential/);
  });
});
