/**
 * Revocation (RFC 7009) and introspection (RFC 7662) against a second real server nobody here tuned for
 * them: @jmondi/oauth2-server (fixtures/servers/jmondi), whose metadata advertises both endpoints. Its
 * profile does not declare the features yet (its full-suite test records every deviation), so this test
 * declares them and pins what the checks say, each verdict read off the server's own answers:
 * - a confidential client's refresh token revoked with its hint is refused afterwards, and another
 *   client cannot revoke it; introspection refuses wrong secrets and reports revoked tokens inactive;
 * - the revocation endpoint answers 200 to a wrong client secret (RFC 7009 §2.1 requires a refusal);
 * - introspection answers JSON labelled text/plain (RFC 7662 §2.2: application/json);
 * - a refresh token revoked without token_type_hint still refreshes (RFC 7009 §2.1: search every type).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startJmondiServer } from '../../fixtures/servers/jmondi/index.js';
import { optionsFromProfile } from '../../fixtures/servers/jmondi/profile.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import { ROOT } from '../../src/runner/env.js';
import { breaches, defaultScenarios, loadProfile, startRig, type Rig } from './harness.js';

const base = loadProfile(path.join(ROOT, 'fixtures/targets/jmondi.yaml'));
const profile = { ...base, features: [...base.features, 'revocation', 'introspection'] } as typeof base;
const EXPECTED: Record<string, string[]> = {
  'revocation-refresh-token': [],
  'revocation-bound-to-client': [],
  'introspection-wrong-client-secret': [],
  'introspection-revoked-refresh-token': [],
  'revocation-wrong-client-secret': ['revocation-requires-client-authentication:fail'],
  'introspection-access-token-well-formed': ['introspection-response-well-formed:fail'],
  'revocation-refresh-token-without-hint': ['revoked-refresh-token-refused:fail'],
};
const scenarios = defaultScenarios().filter((s) => Object.hasOwn(EXPECTED, s.scenario.id));

describe('@jmondi/oauth2-server: revocation and introspection scenarios', () => {
  let rig: Rig;
  let results: Map<string, ScenarioOutcome>;
  before(async () => {
    rig = await startRig({ profile, start: (p) => startJmondiServer(optionsFromProfile(p)) });
    results = await rig.run(scenarios);
  });
  after(() => rig?.close());

  test('each scenario breaks exactly the rules the server breaks, with its evidence', () => {
    assert.equal(results.size, Object.keys(EXPECTED).length);
    for (const [id, want] of Object.entries(EXPECTED)) {
      const o = results.get(id)!;
      assert.notEqual(o.verdict, 'error', `${id}: ${o.reason}`);
      assert.deepEqual(breaches(o), want, `${id}: ${o.verdict} — ${o.reason}`);
      if (!want.length) assert.equal(o.verdict, 'pass', `${id}: ${o.reason}`);
    }
    const wellFormed = results.get('introspection-access-token-well-formed')!.checks[0];
    assert.match(wellFormed.actual ?? '', /^Content-Type text\/plain/);
  });
});
