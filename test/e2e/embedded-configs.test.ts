/**
 * The embedded server in distinct configurations, each a target profile under fixtures/targets/, run
 * through the real harness (server, stub, Chromium): JWT client authentication with each method in
 * the role of `confidential`; no consent page and no refresh tokens; https with a per-run CA. Each
 * with its negative control: a flaw that breaks the rule makes exactly the guarding scenarios fail.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import { startEmbeddedTarget } from '../../src/runner/embedded.js';
import { ROOT } from '../../src/runner/env.js';
import { loadPlanTarget } from '../../src/runner/plan.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { breaches, defaultScenarios, startRig, type Rig } from './harness.js';

const profileOf = (name: string): TargetProfile =>
  loadPlanTarget({ target: path.join(ROOT, 'fixtures/targets', `${name}.yaml`), suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });

/** The profile with client `key` in the role of `confidential`, the one the scenarios use. */
function asConfidential(profile: TargetProfile, key: string): TargetProfile {
  const { [key]: chosen, confidential, ...rest } = profile.clients;
  return { ...profile, clients: key === 'confidential' ? profile.clients : { ...rest, confidential: chosen!, [key]: confidential! } };
}

const ALL = defaultScenarios();
const pick = (...ids: string[]) => ids.map((id) => {
  const s = ALL.find((x) => x.scenario.id === id);
  assert.ok(s, `no scenario ${id}`);
  return s;
});

async function runOn(profile: TargetProfile, ids: string[], flaws: FlawName[] = []): Promise<Map<string, ScenarioOutcome>> {
  const rig = await startRig({ profile, flaws });
  try {
    return await rig.run(pick(...ids));
  } finally {
    await rig.close();
  }
}

const verdicts = (m: Map<string, ScenarioOutcome>) => Object.fromEntries([...m].map(([id, o]) => [id, o.verdict]));
const show = (m: Map<string, ScenarioOutcome>) => JSON.stringify([...m].map(([id, o]) => [id, o.verdict, o.reason]), null, 1);

const CLIENT_AUTH = ['code-single-use', 'client-authentication-required', 'client-authentication-method-as-registered', 'client-secret-in-query-refused', 'refresh-requires-client-authentication'];

describe('embedded-jwt: client authentication by each method', () => {
  const jwt = profileOf('embedded-jwt');
  for (const [key, method, expected] of [
    ['confidential', 'private_key_jwt (ES256, JWK)', { 'client-authentication-method-as-registered': 'skip', 'client-secret-in-query-refused': 'skip' }],
    ['rsa', 'private_key_jwt (RS256, PEM)', { 'client-authentication-method-as-registered': 'skip', 'client-secret-in-query-refused': 'skip' }],
    ['second', 'client_secret_jwt', {}],
    // oidc-provider accepts a secret client's right secret by the other method: its recorded deviation.
    ['post', 'client_secret_post', { 'client-authentication-method-as-registered': 'warn' }],
  ] as const) {
    test(`${method}: the happy flow and the client-authentication scenarios pass`, async () => {
      const out = await runOn(asConfidential(jwt, key), CLIENT_AUTH);
      const want = Object.fromEntries(CLIENT_AUTH.map((id) => [id, (expected as Record<string, string>)[id] ?? 'pass']));
      assert.deepEqual(verdicts(out), want, show(out));
    });
  }
});

describe('embedded-jwt: negative control, an assertion signature not verified', () => {
  const jwt = profileOf('embedded-jwt');
  for (const key of ['confidential', 'second']) {
    test(`${jwt.clients[key]!.auth}: a wrongly signed or unsigned assertion accepted fails client-authentication-required`, async () => {
      const out = await runOn(asConfidential(jwt, key), ['code-single-use', 'client-authentication-required'], ['client-assertion-not-verified']);
      assert.equal(out.get('code-single-use')!.verdict, 'pass', show(out));
      const o = out.get('client-authentication-required')!;
      assert.equal(o.verdict, 'fail', show(out));
      assert.deepEqual(breaches(o), ['client-authentication-required:fail']);
      const failed = o.checks.filter((c) => c.verdict === 'fail').map((c) => c.message ?? '');
      // The missing credentials are still refused; the wrong key and alg none are not.
      assert.equal(failed.length, 2, show(out));
      assert.ok(failed.some((m) => /signed with a wrong key/.test(m)) && failed.some((m) => /unsigned client assertion/.test(m)), failed.join('\n'));
    });
  }
});

describe('embedded-no-consent: no consent page, no refresh tokens', () => {
  test('the flow completes without a consent page; refresh scenarios skip naming refresh-token', async () => {
    const out = await runOn(profileOf('embedded-no-consent'), ['code-flow-no-tokens-in-urls', 'code-single-use', 'client-authentication-required', 'refresh-token-rotated', 'refresh-requires-client-authentication']);
    assert.deepEqual(verdicts(out), {
      'code-flow-no-tokens-in-urls': 'pass', 'code-single-use': 'pass', 'client-authentication-required': 'pass',
      'refresh-token-rotated': 'skip', 'refresh-requires-client-authentication': 'skip',
    }, show(out));
    assert.match(out.get('refresh-token-rotated')!.reason ?? '', /refresh-token/);
    // The token response carries no refresh token: the server really has them off.
    const token = out.get('code-flow-no-tokens-in-urls')!.evidence.find((e) => e.kind === 'token');
    assert.ok(token && token.kind === 'token' && token.response.status === 200);
    assert.equal((token.response.json as Record<string, unknown>).refresh_token, undefined);
  });
});

describe('embedded-https: TLS with a per-run CA', () => {
  const TLS = ['authorization-endpoint-requires-tls', 'token-endpoint-requires-tls', 'resource-requires-tls', 'tls-certificate-valid', 'legacy-tls-refused'];
  const https = profileOf('embedded-https');

  test('the flow runs over https (Chromium and the HTTP client trust the CA) and the transport scenarios pass', async () => {
    const out = await runOn(https, ['code-flow-no-tokens-in-urls', 'bearer-header-accepted', ...TLS]);
    assert.deepEqual(verdicts(out), Object.fromEntries(['code-flow-no-tokens-in-urls', 'bearer-header-accepted', ...TLS].map((id) => [id, 'pass'])), show(out));
    const auth = out.get('code-flow-no-tokens-in-urls')!.evidence.find((e) => e.kind === 'authorization');
    assert.ok(auth && auth.kind === 'authorization' && auth.request.url.startsWith('https://127.0.0.1:'), 'the authorization went over https');
  });

  test('negative control: the port also answering plain http fails the authorization and token endpoints\' transport scenarios', async () => {
    const out = await runOn(https, TLS, ['plain-http-accepted']);
    assert.equal(out.get('authorization-endpoint-requires-tls')!.verdict, 'fail', show(out));
    assert.deepEqual(breaches(out.get('authorization-endpoint-requires-tls')!), ['authorization-endpoint-requires-tls:fail']);
    // TLS-02: the token endpoint answers its OAuth error in clear: its logic ran on a plain-http request.
    assert.deepEqual(breaches(out.get('token-endpoint-requires-tls')!), ['token-endpoint-requires-tls:fail'], show(out));
    // TLS-06 probes without a token: a 401 in clear says nothing, so it is not applicable.
    assert.equal(out.get('resource-requires-tls')!.verdict, 'skip', show(out));
  });

  test('the same transport scenarios skip over plain http (feature https)', async () => {
    const out = await runOn(profileOf('embedded-jwt'), TLS);
    assert.deepEqual(verdicts(out), Object.fromEntries(TLS.map((id) => [id, 'skip'])), show(out));
  });
});

describe('a target behind a private CA: `ca:` in the profile', () => {
  const https = profileOf('embedded-https');
  /** The https embedded server, presented as any other server: by issuer, not `embedded:`. */
  const asExternal = async (withCa: boolean) => {
    const server = await startEmbeddedTarget(https);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'oc-ca-')), 'ca.pem');
    writeFileSync(file, server.ca!);
    const { embedded: _, ...rest } = https;
    return { server, profile: { ...rest, issuer: server.issuer, ...(withCa ? { ca: file } : {}) } as TargetProfile };
  };

  test('with the CA named, the browser and the back channel trust the server: flow and TLS-03 pass', async () => {
    const { server, profile } = await asExternal(true);
    const rig = await startRig({ profile, start: async () => server });
    try {
      const out = await rig.run(pick('code-single-use', 'tls-certificate-valid'));
      assert.deepEqual(verdicts(out), { 'code-single-use': 'pass', 'tls-certificate-valid': 'pass' }, show(out));
    } finally {
      await rig.close();
    }
  });

  test('without it, the untrusted certificate stops the run as the harness\'s error, naming the cause', async () => {
    const { server, profile } = await asExternal(false);
    try {
      await assert.rejects(startRig({ profile, start: async () => server }), /certificate|CERT|self.signed/i);
    } finally {
      await server.close();
    }
  });
});
