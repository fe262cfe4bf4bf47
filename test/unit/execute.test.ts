/**
 * executeScenario's applicability paths, which need no browser: a scenario whose features the target
 * lacks is skipped whole; a step whose `requires` the target lacks skips its checks; a step that cannot
 * be built for the client (NotApplicable) skips the scenario.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Redactor } from '../../src/evidence/redact.js';
import { executeScenario, type ScenarioRunOptions } from '../../src/runner/execute.js';
import { deriveFacts } from '../../src/scenario/facts.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { Profile } from '../../src/spec/levels.js';
import type { ResolvedTarget } from '../../src/target/resolve.js';

function loaded(scenario: Partial<Scenario>): LoadedScenario {
  const s = { id: 'x', title: 'x', features: [], steps: [], ...scenario } as Scenario;
  const facts = deriveFacts(s) ?? { catalog: [], requirements: [], level: { rfc6749: 'MAY', rfc9700: 'MAY', 'oauth2.1': 'MAY', fapi2: 'MAY' } };
  return { scenario: s, file: 'suites/x.yaml', source: '', stepLines: s.steps.map((_, i) => 7 + 2 * i), facts };
}

function options(features: string[], profile: Profile = 'rfc9700'): ScenarioRunOptions {
  return {
    target: { features: new Set(features) } as unknown as ResolvedTarget,
    profile,
    page: () => { throw new Error('no browser in a unit test'); },
    isHarnessHost: () => false,
    redactor: new Redactor(),
  };
}

describe('executeScenario without a browser', () => {
  test('a scenario needing a feature the target lacks is skipped, naming the features', async () => {
    const out = await executeScenario(loaded({ features: ['authorization-code', 'implicit', 'pkce'], steps: [{ authorize: { client: 'confidential', response_type: 'token', consent: 'approve' } }] as Scenario['steps'] }), options(['authorization-code']));
    assert.deepEqual(out, { verdict: 'skip', reason: 'the target lacks `implicit`, `pkce`', checks: [], ambient: [], evidence: [], durationMs: 0 });
  });

  test('a step whose requires the target lacks skips its checks, and the scenario with them', async () => {
    const steps = [{ requires: ['resource'], resource: {}, expect: ['tokens-revoked-after-code-replay'] }] as Scenario['steps'];
    const out = await executeScenario(loaded({ steps }), options(['authorization-code']));
    assert.equal(out.verdict, 'skip');
    assert.deepEqual(out.checks.map((c) => [c.check, c.verdict, c.step, c.message]), [['tokens-revoked-after-code-replay', 'skip', 0, 'step 1 needs resource, which the target lacks']]);
  });

  test('a skipped check reports the level it would have been judged at', {}, async () => {
    const steps = [
      { requires: ['implicit'], authorize: { client: 'confidential', response_type: 'token', consent: 'approve' }, expect: ['implicit-grant-refused'] },
      { requires: ['resource'], resource: {}, expect: [{ check: 'tokens-revoked-after-code-replay', level: 'MUST' }] },
    ] as Scenario['steps'];
    const out = await executeScenario(loaded({ steps }), options(['authorization-code'], 'oauth2.1'));
    assert.deepEqual(out.checks.map((c) => [c.check, c.level]), [['implicit-grant-refused', 'MUST'], ['tokens-revoked-after-code-replay', 'MUST']]);
    assert.ok(out.checks.every((c) => c.requirements.every((r) => r.url?.startsWith('https://'))));
  });

  test('a step that cannot be built for the client (NotApplicable) skips the whole scenario, with the reason', async () => {
    const o = options(['authorization-code']);
    o.target = {
      ...o.target,
      profile: { clients: { confidential: { id: 'pk', auth: 'private_key_jwt', key: 'unused.pem', redirect_uris: ['https://c.example/cb'] } } },
      endpoints: { token: 'http://127.0.0.1:9/token' },
    } as unknown as ResolvedTarget;
    const steps = [{ grant: { type: 'client_credentials', client: 'confidential', auth: 'switch-method' }, expect: ['client-authentication-required'] }] as Scenario['steps'];
    const out = await executeScenario(loaded({ steps }), o);
    assert.equal(out.verdict, 'skip');
    assert.match(out.reason ?? '', /^step 1 is not applicable: a private_key_jwt client has only its key/);
    assert.deepEqual(out.checks.map((c) => [c.check, c.verdict]), [['client-authentication-required', 'skip']]);
    assert.equal(out.error, undefined, 'not a harness error');
  });
});
