/**
 * The detection matrix: the clean embedded server passes every scenario it supports, and each named
 * flaw makes exactly the scenarios that guard its rule fail — with the rule's check named — while
 * every other scenario keeps its verdict.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import type { Profile } from '../../src/spec/levels.js';
import { breaches, defaultScenarios, startRig } from './harness.js';

const scenarios = defaultScenarios();
const ids = scenarios.map((s) => s.scenario.id);

/** Scenarios whose authorization returns to the client with state (success or error). */
const STATE_CARRIERS = ['code-single-use', 'code-flow-no-tokens-in-urls', 'public-client-pkce-flow', 'state-echoed-special-characters', 'state-echoed-on-access-denied', 'implicit-grant-refused'];
/** Scenarios whose code flow succeeds (a code reaches the client). */
const CODE_FLOWS = ['code-single-use', 'code-flow-no-tokens-in-urls', 'public-client-pkce-flow', 'state-echoed-special-characters'];

const only = (scenarioIds: string[], breach: string[]) => Object.fromEntries(scenarioIds.map((id) => [id, breach]));

const MATRIX: { flaw: FlawName; profile?: Profile; expect: Record<string, string[]> }[] = [
  { flaw: 'code-reuse', expect: { 'code-single-use': ['code-replay-rejected:fail', 'tokens-revoked-after-code-replay:warn'] } },
  { flaw: 'redirect-uri-prefix-match', expect: { 'redirect-uri-path-suffix': ['redirect-uri-rejected:fail'] } },
  { flaw: 'redirect-uri-ignore-query', expect: { 'redirect-uri-extra-query': ['redirect-uri-rejected:fail'] } },
  { flaw: 'token-in-fragment', expect: only(CODE_FLOWS, ['no-tokens-in-urls:warn']) },
  { flaw: 'token-in-fragment', profile: 'oauth2.1', expect: only(CODE_FLOWS, ['no-tokens-in-urls:fail']) },
  { flaw: 'state-dropped', expect: only(STATE_CARRIERS, ['state-echoed:fail']) },
  { flaw: 'state-altered', expect: only(STATE_CARRIERS, ['state-echoed:fail']) },
];

describe('clean embedded server', () => {
  test('every scenario passes, with no breach', async () => {
    const rig = await startRig();
    try {
      const results = await rig.run(scenarios);
      for (const id of ids) {
        const o = results.get(id)!;
        assert.equal(o.verdict, 'pass', `${id}: ${o.verdict} — ${o.reason}`);
        assert.deepEqual(breaches(o), [], id);
        assert.ok(o.checks.length > 0, `${id} judged nothing`);
      }
    } finally {
      await rig.close();
    }
  });
});

for (const row of MATRIX) {
  describe(`flaw ${row.flaw}${row.profile ? ` under ${row.profile}` : ''}`, () => {
    let results: Awaited<ReturnType<Awaited<ReturnType<typeof startRig>>['run']>>;
    let close: () => Promise<void>;
    before(async () => {
      const rig = await startRig({ flaws: [row.flaw] });
      close = () => rig.close();
      results = await rig.run(scenarios, row.profile);
    });
    after(() => close());

    test('exactly the guarding scenarios breach, with the guarding checks', () => {
      for (const id of ids) {
        const o = results.get(id)!;
        assert.notEqual(o.verdict, 'error', `${id} errored: ${o.reason}`);
        assert.deepEqual(breaches(o), row.expect[id] ?? [], `${id} (${o.verdict}: ${o.reason})`);
        const expectedVerdict = (row.expect[id] ?? []).some((b) => b.endsWith(':fail')) ? 'fail' : row.expect[id] ? 'warn' : 'pass';
        assert.equal(o.verdict, expectedVerdict, id);
      }
    });

    test('each breach carries expected, actual and the cited requirement', () => {
      for (const id of Object.keys(row.expect)) {
        for (const c of results.get(id)!.checks.filter((x) => x.verdict === 'fail' || x.verdict === 'warn')) {
          assert.ok(c.expected && c.actual && c.message, `${id}/${c.check} lacks evidence`);
          assert.ok(c.requirements.length && c.requirements.every((r) => r.url?.startsWith('https://')), `${id}/${c.check} lacks a citation`);
        }
      }
    });
  });
}
