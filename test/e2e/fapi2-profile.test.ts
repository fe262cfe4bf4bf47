/**
 * The fapi2 profile's negative control: the default embedded server is an ordinary OAuth server, not a
 * FAPI 2.0 one (bearer tokens, a public client, client_secret_basic). Under --profile fapi2 the FAPI 2.0
 * scenarios fail on it with the evidence of each breach; under rfc9700 the same rules are MAY and pass
 * with a note. And a rule whose level fapi2 raises (PKCE plain refused) is judged at MUST there.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import path from 'node:path';
import { ROOT } from '../../src/runner/env.js';
import { defaultScenarios, loadProfile, startRig, type Rig } from './harness.js';

const ids = ['fapi2-sender-constrained-tokens-only', 'fapi2-confidential-clients-only', 'fapi2-asymmetric-client-authentication', 'pkce-plain-refused'];
const scenarios = defaultScenarios().filter((s) => ids.includes(s.scenario.id));
let rig: Rig;

before(async () => { rig = await startRig(); });
after(async () => { await rig.close(); });

test('under fapi2 the default embedded server fails the FAPI 2.0 rules, with the evidence of each breach', async () => {
  assert.equal(scenarios.length, ids.length);
  const out = await rig.run(scenarios, 'fapi2', 2);
  const expect = (id: string, check: string, actual: RegExp) => {
    const o = out.get(id)!;
    assert.equal(o.verdict, 'fail', `${id}: ${o.verdict} — ${o.reason}`);
    const c = o.checks.find((x) => x.check === check)!;
    assert.equal(c.level, 'MUST');
    assert.equal(c.verdict, 'fail');
    assert.match(c.actual ?? '', actual, `${id}: ${c.actual}`);
  };
  expect('fapi2-sender-constrained-tokens-only', 'sender-constrained-tokens-only', /token_type "Bearer".*no DPoP proof/);
  expect('fapi2-confidential-clients-only', 'confidential-clients-only', /redirect to the registered redirect URI/);
  expect('fapi2-asymmetric-client-authentication', 'asymmetric-client-authentication', /^client_secret_basic: 200 access_token issued/);
  const plain = out.get('pkce-plain-refused')!.checks.find((c) => c.check === 'pkce-plain-refused')!;
  assert.equal(plain.level, 'MUST');
  assert.equal(plain.verdict, 'pass');
});

test('under rfc9700 the same rules are optional: pass with a note, never held against the server', async () => {
  const out = await rig.run(scenarios.filter((s) => s.scenario.id.startsWith('fapi2-')), 'rfc9700', 2);
  for (const [id, o] of out) {
    assert.equal(o.verdict, 'pass', `${id}: ${o.verdict} — ${o.reason}`);
    assert.match(o.checks[0]!.message, /optional \(MAY\)/);
  }
});

test('embedded-fapi2 requires PAR and refuses a plain request; par-required-not-enforced (its flaw) makes par-required-enforced fail', async () => {
  const profile = loadProfile(path.join(ROOT, 'fixtures/targets/embedded-fapi2.yaml'));
  const required = defaultScenarios().filter((s) => s.scenario.id === 'par-required-enforced');
  for (const [flaws, verdict] of [[[], 'pass'], [['par-required-not-enforced'], 'fail']] as const) {
    const r = await startRig({ profile, flaws: [...flaws] });
    try {
      const o = (await r.run(required, 'fapi2', 1)).get('par-required-enforced')!;
      assert.equal(o.verdict, verdict, `${flaws.join(',') || 'clean'}: ${o.verdict} — ${o.reason}`);
      if (verdict === 'fail') assert.match(o.checks[0]!.message, /requires pushed authorization requests, yet a plain one got code/);
    } finally {
      await r.close();
    }
  }
});
