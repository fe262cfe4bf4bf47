/**
 * Negative controls of the OpenID Connect (ID-xx), RFC 7523 (CA-xx) and RFC 9101 (JR-xx) checks: each
 * flaw of the embedded server breaking one of those rules makes a scenario guarding it end in `fail`
 * (or `warn` at SHOULD), through the check of that rule and with the evidence that says why; the clean
 * server passes the same scenarios. The detection matrix adds "and nothing else broke".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FlawName } from '../../fixtures/servers/embedded/flaws.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { defaultScenarios, startRig } from './harness.js';

/** flaw → [scenario, check that must not hold, what its `actual` (or message) says]. */
const CASES: [FlawName, string, string, RegExp][] = [
  ['id-token-unpublished-key', 'id-token-signed', 'id-token-signed', /no key with kid "not-published"/],
  ['id-token-wrong-issuer', 'id-token-issuer', 'id-token-issuer', /tenant-b/],
  ['id-token-wrong-audience', 'id-token-audience', 'id-token-audience', /some-other-client/],
  ['id-token-expired', 'id-token-lifetime', 'id-token-lifetime', /expires before it was issued/],
  ['id-token-nonce-ignored', 'id-token-nonce-echoed', 'id-token-nonce', /no nonce claim/],
  ['id-token-at-hash-wrong', 'id-token-at-hash', 'id-token-at-hash', /does not match/],
  ['id-token-sub-unstable', 'id-token-sub-stable', 'id-token-sub-stable', /another sub/],
  ['prompt-none-ignored', 'prompt-none-login-required', 'prompt-none-login-required', /showed login/],
  ['auth-time-missing', 'auth-time-with-max-age', 'auth-time-with-max-age', /no auth_time/],
  ['userinfo-accepts-any-token', 'userinfo-bogus-token-refused', 'userinfo-requires-valid-token', /accepted a made-up token/],
  ['client-assertion-audience-unchecked', 'client-assertion-wrong-audience', 'client-assertion-audience-checked', /200 access_token issued/],
  ['client-assertion-expiry-unchecked', 'client-assertion-expired-hmac', 'client-assertion-expiry-checked', /200 access_token issued/],
  ['client-assertion-replay-undetected', 'client-assertion-replayed', 'client-assertion-replay-rejected', /200 access_token issued/],
  ['client-assertion-issuer-unchecked', 'client-assertion-iss-not-sub', 'client-assertion-issuer-checked', /200 access_token issued/],
  ['client-assertion-signature-unchecked', 'client-assertion-hmac-public-key', 'client-assertion-signature-verified', /200 access_token issued/],
  ['client-assertion-jti-optional', 'client-assertion-without-jti', 'client-assertion-jti-required', /200 access_token issued/],
  ['request-object-unsupported', 'request-object-signed-accepted', 'request-object-accepted', /error page|error=/],
  ['request-object-unsigned-accepted', 'request-object-alg-none-refused', 'request-object-unsigned-refused', /with code/],
  ['request-object-signature-unchecked', 'request-object-wrong-key-refused', 'request-object-signature-verified', /with code/],
  ['request-object-claims-unchecked', 'request-object-wrong-audience-refused', 'request-object-claims-checked', /with code/],
  ['request-object-outer-params-used', 'request-object-outer-parameters-ignored', 'request-object-outer-ignored', /the nonce sent outside the request object/],
];

const all = defaultScenarios();
const scenario = (id: string): LoadedScenario => {
  const s = all.find((x) => x.scenario.id === id);
  assert.ok(s, `no scenario ${id}`);
  return s;
};

describe('the clean server passes every guarding scenario', () => {
  let outcomes: Awaited<ReturnType<Awaited<ReturnType<typeof startRig>>['run']>>;
  let rig: Awaited<ReturnType<typeof startRig>>;
  before(async () => {
    rig = await startRig();
    outcomes = await rig.run([...new Set(CASES.map((c) => c[1]))].map(scenario));
  });
  after(() => rig.close());
  test('all pass', () => {
    assert.deepEqual([...outcomes].filter(([, o]) => o.verdict !== 'pass').map(([id, o]) => `${id}: ${o.verdict} ${o.reason}`), []);
  });
});

for (const [flaw, id, check, says] of CASES) {
  test(`${flaw}: ${id} breaks ${check}`, async () => {
    const rig = await startRig({ flaws: [flaw] });
    try {
      const o = (await rig.run([scenario(id)], 'rfc9700', 1)).get(id)!;
      const c = o.checks.find((x) => x.check === check);
      assert.ok(c, `${id} judged no ${check}: ${o.verdict} ${o.reason}`);
      assert.ok(c.verdict === 'fail' || c.verdict === 'warn', `${check}: ${c.verdict} — ${c.message}`);
      assert.equal(o.verdict, c.verdict);
      assert.match(`${c.actual} | ${c.message}`, says);
    } finally {
      await rig.close();
    }
  });
}
