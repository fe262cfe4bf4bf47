/**
 * Races and replays against the embedded server (issue 11 items 1, 2, 8): rounds of concurrent
 * requests released together catch a race window of a few milliseconds every time and never accuse
 * the clean server; server errors beside a double success are evidence, not an error; replay and race
 * without PKCE are judged apart (and skipped where the server requires PKCE of everyone); the tokens
 * of a replayed code are judged without a protected resource too.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import type { TokenRaceEvidence } from '../../src/evidence/types.js';
import { startEmbeddedTarget } from '../../src/runner/embedded.js';
import { readSettings, ROOT, settingsEnv } from '../../src/runner/env.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import { defaultScenarios, embeddedProfile, loadProfile, startRig, type Rig } from './harness.js';

const SCENARIOS = defaultScenarios();
const only = (...ids: string[]) => SCENARIOS.filter((s) => ids.includes(s.scenario.id));
const verdicts = (out: Map<string, ScenarioOutcome>) => Object.fromEntries([...out].map(([id, o]) => [id, o.verdict]));
const raceOf = (o: ScenarioOutcome) => o.evidence.find((e): e is TokenRaceEvidence => e.kind === 'token-race')!;
const check = (o: ScenarioOutcome, id: string) => o.checks.find((c) => c.check === id)!;

/** Runs `ids` `times` times in one rig, one after the other (one sign-in), and returns every outcome. */
const repeatedly = (rig: Rig, ids: string[], times: number) => rig.repeat(only(...ids), times);

function withRig(flaws: FlawName[], body: (rig: () => Rig) => void, opts: Parameters<typeof startRig>[0] = {}) {
  let rig: Rig;
  before(async () => { rig = await startRig({ flaws, ...opts }); });
  after(async () => { await rig?.close(); });
  body(() => rig);
}

describe('code-redemption-race: 10 of 10', () => {
  describe('clean server', () => withRig([], (rig) => {
    test('passes 10 of 10 runs, each of 5 rounds of 8 released together', { timeout: 180_000 }, async () => {
      const outs = await repeatedly(rig(), ['code-redemption-race'], 10);
      for (const out of outs) {
        const o = out.get('code-redemption-race')!;
        assert.equal(o.verdict, 'pass', o.reason);
        const race = raceOf(o);
        assert.equal(race.rounds.length, 5);
        for (const r of race.rounds) assert.deepEqual([r.exchanges.length, r.primed], [8, 8]);
      }
    });
  }));

  describe('flaw code-redemption-race (a 4 ms window)', () => withRig(['code-redemption-race'], (rig) => {
    test('fails 10 of 10 runs, with every round in the actual', { timeout: 180_000 }, async () => {
      const outs = await repeatedly(rig(), ['code-redemption-race'], 10);
      for (const out of outs) {
        const o = out.get('code-redemption-race')!;
        assert.equal(o.verdict, 'fail', o.reason);
        const c = check(o, 'code-race-single-success');
        assert.match(c.message, /^a code was redeemed [2-8] times by 8 concurrent requests in round [1-5] \([1-5] of 5 rounds with two or more successes\)/);
        assert.match(c.actual!, /^round 1: .*; round 2: .*; round 3: .*; round 4: .*; round 5: /);
      }
    });
  }));
});

describe('over https (the server\'s own CA trusted, as for every back-channel request)', () => withRig(['code-redemption-race'], (rig) => {
  test('every request released together, the race caught', { timeout: 60_000 }, async () => {
    const o = (await rig().run(only('code-redemption-race'), 'rfc9700', 1)).get('code-redemption-race')!;
    assert.equal(o.verdict, 'fail', o.reason);
    for (const r of raceOf(o).rounds) assert.deepEqual([r.primed, r.exchanges.filter((x) => x.failed).length], [8, 0]);
    assert.match(raceOf(o).rounds[0].exchanges[0].request.url, /^https:/);
  });
}, { profile: loadProfile(path.join(ROOT, 'fixtures/targets/embedded-https.yaml')) }));

describe('refresh-token-race', () => {
  describe('clean server', () => withRig([], (rig) => {
    test('passes 5 of 5 runs', { timeout: 180_000 }, async () => {
      for (const out of await repeatedly(rig(), ['refresh-token-race'], 5)) {
        const o = out.get('refresh-token-race')!;
        assert.equal(o.verdict, 'pass', o.reason);
        assert.equal(raceOf(o).rounds.length, 5);
      }
    });
  }));

  describe('flaw refresh-race (a 4 ms window)', () => withRig(['refresh-race'], (rig) => {
    test('warns 5 of 5 runs: the family forked, and forked sets still work', { timeout: 180_000 }, async () => {
      for (const out of await repeatedly(rig(), ['refresh-token-race', 'refresh-token-reuse-detected'], 5)) {
        const o = out.get('refresh-token-race')!;
        assert.equal(o.verdict, 'warn', o.reason);
        assert.match(check(o, 'refresh-race-single-success').message, /^one rotating refresh token was redeemed [2-8] times .*: the token family forked/);
        assert.equal(out.get('refresh-token-reuse-detected')!.verdict, 'pass', 'a sequential reuse is still detected');
      }
    });
  }));
});

describe('flaw code-race-with-server-errors: 500s beside several successes', () => withRig(['code-race-with-server-errors'], (rig) => {
  test('fail, not error, with the double success and the 500s in the evidence', { timeout: 60_000 }, async () => {
    const out = await rig().run(only('code-redemption-race', 'code-single-use'), 'rfc9700', 1);
    const o = out.get('code-redemption-race')!;
    assert.equal(o.verdict, 'fail', o.reason);
    const statuses = raceOf(o).rounds.flatMap((r) => r.exchanges.map((x) => x.response.status));
    assert.ok(statuses.includes(500), `a 500 among ${statuses.join(', ')}`);
    assert.match(check(o, 'code-race-single-success').actual!, /round \d: [2-8] of 8 issued tokens \(statuses [^)]*500/);
    assert.equal(out.get('code-single-use')!.verdict, 'pass', 'a lone redemption and a sequential replay are served correctly');
  });
}));

describe('replay and race without PKCE', () => {
  const ids = ['code-single-use', 'code-single-use-without-pkce', 'code-redemption-race', 'code-redemption-race-without-pkce'];

  describe('clean server', () => withRig([], (rig) => {
    test('all four pass', { timeout: 90_000 }, async () => {
      assert.deepEqual(verdicts(await rig().run(only(...ids), 'rfc9700', 2)), Object.fromEntries(ids.map((id) => [id, 'pass'])));
    });
  }));

  describe('flaw code-reuse-without-pkce', () => withRig(['code-reuse-without-pkce'], (rig) => {
    test('caught by the scenarios without PKCE, not by the PKCE ones', { timeout: 90_000 }, async () => {
      const out = await rig().run(only(...ids), 'rfc9700', 2);
      assert.equal(out.get('code-single-use-without-pkce')!.verdict, 'fail');
      assert.equal(check(out.get('code-single-use-without-pkce')!, 'code-replay-rejected').verdict, 'fail');
      assert.equal(out.get('code-single-use')!.verdict, 'pass');
      assert.equal(out.get('code-redemption-race')!.verdict, 'pass');
    });
  }));

  describe('a server requiring PKCE of every client', () => withRig([], (rig) => {
    test('the scenarios without PKCE skip with the server\'s answer; the PKCE ones pass', { timeout: 90_000 }, async () => {
      const out = await rig().run(only(...ids), 'rfc9700', 2);
      assert.deepEqual(verdicts(out), { 'code-single-use': 'pass', 'code-single-use-without-pkce': 'skip', 'code-redemption-race': 'pass', 'code-redemption-race-without-pkce': 'skip' });
      for (const id of ['code-single-use-without-pkce', 'code-redemption-race-without-pkce']) {
        assert.match(out.get(id)!.reason!, /^step 2 is not applicable: the server issues no code without a PKCE challenge: step 1, sent without code_challenge, got a redirect without a code \(invalid_request/);
      }
    });
  }, { start: (profile) => startEmbeddedTarget(profile, [], { pkceRequired: 'all' }) }));
});

describe('tokens of a replayed code, without a protected resource', () => {
  const base = embeddedProfile();
  const profile = { ...base, features: base.features.filter((f) => f !== 'resource') };
  const after = ['tokens-revoked-after-code-replay', 'access-token-inactive-after-code-replay', 'refresh-token-revoked-after-code-replay'];
  const judged = (o: ScenarioOutcome) => Object.fromEntries(after.map((id) => [id, check(o, id).verdict]));

  describe('clean server', () => withRig([], (rig) => {
    test('introspection and the refresh token judge what the resource cannot', { timeout: 60_000 }, async () => {
      const o = (await rig().run(only('code-single-use'), 'rfc9700', 1)).get('code-single-use')!;
      assert.equal(o.verdict, 'pass', o.reason);
      assert.deepEqual(judged(o), { 'tokens-revoked-after-code-replay': 'skip', 'access-token-inactive-after-code-replay': 'pass', 'refresh-token-revoked-after-code-replay': 'pass' });
      assert.match(check(o, 'tokens-revoked-after-code-replay').message, /needs resource, which the target lacks/);
    });
  }, { profile }));

  describe('flaw code-reuse (tokens stay alive after a replay)', () => withRig(['code-reuse'], (rig) => {
    test('caught through introspection and the refresh token', { timeout: 60_000 }, async () => {
      const o = (await rig().run(only('code-single-use'), 'rfc9700', 1)).get('code-single-use')!;
      assert.deepEqual(judged(o), { 'tokens-revoked-after-code-replay': 'skip', 'access-token-inactive-after-code-replay': 'warn', 'refresh-token-revoked-after-code-replay': 'warn' });
      assert.equal(check(o, 'access-token-inactive-after-code-replay').actual, '200 with "active": true');
    });
  }, { profile }));
});

describe('--race-rounds', () => {
  test('travels to the workers through the environment', () => {
    const env = settingsEnv({ ...readSettings({}), raceRounds: 3 });
    assert.equal(env.OC_RACE_ROUNDS, '3');
    assert.equal(readSettings(env).raceRounds, 3);
    assert.equal(readSettings({ ...env, OC_RACE_ROUNDS: '' }).raceRounds, undefined);
  });

  describe('overrides the scenario\'s rounds', () => withRig([], (rig) => {
    test('2 rounds instead of 5', { timeout: 60_000 }, async () => {
      const o = (await rig().run(only('code-redemption-race'), 'rfc9700', 1)).get('code-redemption-race')!;
      assert.equal(raceOf(o).rounds.length, 2);
      assert.equal(raceOf(o).plannedRounds, 2);
    });
  }, { raceRounds: 2 }));
});
