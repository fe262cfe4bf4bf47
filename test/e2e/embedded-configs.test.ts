/**
 * The embedded server in distinct configurations, each a target profile under fixtures/targets/, run
 * through the real harness (server, stub, Chromium): JWT client authentication with each method in
 * the role of `confidential`; no consent page and no refresh tokens; https with a per-run CA. Each
 * with its negative control: a flaw that breaks the rule makes exactly the guarding scenarios fail.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
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
