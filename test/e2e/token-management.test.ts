/**
 * Negative controls of RFC 7009 revocation, RFC 7662 introspection and RFC 8707 resource indicators
 * (catalog B.2.1–B.2.3): the clean embedded server passes every such scenario with every check judged;
 * each flaw breaking one of those rules is caught by the scenarios guarding it, by the check of that rule,
 * with no breach elsewhere
 * (the detection matrix's rule, test/e2e/matrix.ts). `OC_TOKENS_FULL=1` runs every scenario of these
 * sections under every flaw; by default each flaw runs its guards and a few neighbours.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { breaches, defaultScenarios } from './harness.js';
import { breaksOf, judgeFlaw, runFlaw, type Outcomes } from './matrix.js';

const ROWS = /^(RV|IN|RI)-\d{2}$/;
const OURS = defaultScenarios().filter((s) => s.facts.catalog.some((c) => ROWS.test(c)));
/** Scenarios of other sections that use the revocation or introspection endpoints (TK-02 introspects). */
const NEIGHBOURS = defaultScenarios().filter((s) => ['code-single-use', 'refresh-token-reuse-detected'].includes(s.scenario.id));

/** Each flaw, and the check that must catch it. */
const FLAWS: [FlawName, string][] = [
  ['revocation-refresh-token-unsupported', 'revocation-accepted'],
  ['revoked-refresh-token-accepted', 'revoked-refresh-token-refused'],
  ['revoked-access-token-accepted', 'revoked-access-token-rejected'],
  ['refresh-revocation-keeps-access-tokens', 'grant-access-tokens-revoked'],
  ['revocation-without-client-auth', 'revocation-requires-client-authentication'],
  ['revocation-not-bound-to-client', 'token-survives-foreign-revocation'],
  ['revocation-unknown-token-error', 'revocation-invalid-token-accepted'],
  ['revocation-hint-binding', 'revocation-hint-not-binding'],
  ['introspection-without-client-auth', 'introspection-requires-authentication'],
  ['introspection-ignores-revocation', 'revoked-token-inactive'],
  ['introspection-unknown-token-error', 'unknown-token-inactive'],
  ['introspection-response-malformed', 'introspection-response-well-formed'],
  ['introspection-hint-binding', 'introspection-hint-not-binding'],
  ['resource-audience-unrestricted', 'access-token-audience-restricted'],
  ['resource-not-validated-at-token', 'token-invalid-target-rejected'],
  ['resource-not-validated-at-authorization', 'authorization-invalid-target-rejected'],
];

let clean: Outcomes;
const caughtBy = new Map<string, FlawName[]>();

describe('clean embedded server: revocation, introspection, resource indicators', () => {
  before(async () => { clean = await runFlaw(undefined, [...OURS, ...NEIGHBOURS]); });

  test('every scenario passes, every expected check judged (none skipped)', () => {
    assert.ok(OURS.length >= 40, `${OURS.length} scenarios`);
    for (const { scenario: s } of OURS) {
      const o = clean.get(s.id)!;
      assert.equal(o.verdict, 'pass', `${s.id}: ${o.verdict} — ${o.reason}`);
      assert.deepEqual(o.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.check}: ${c.verdict} ${c.message}`), [], s.id);
    }
    for (const { scenario: s } of NEIGHBOURS) assert.deepEqual(breaches(clean.get(s.id)!), [], s.id);
  });

  test('each check of these sections guards a row of them, and a flaw breaks each row', () => {
    const guarded = new Set(FLAWS.flatMap(([f]) => [...breaksOf(f)]));
    for (const [, check] of FLAWS) assert.ok(CHECKS_BY_ID.get(check)!.catalog.every((c) => guarded.has(c)), check);
  });
});

for (const [flaw, check] of FLAWS) {
  test(`flaw ${flaw} is caught by ${check}, and only by the rows it breaks`, { timeout: 600_000 }, async () => {
    const broken = breaksOf(flaw);
    const set = process.env.OC_TOKENS_FULL ? [...OURS, ...NEIGHBOURS]
      : [...OURS.filter((s) => s.facts.catalog.some((c) => broken.has(c))), ...NEIGHBOURS];
    const flawed = await runFlaw(flaw, set);
    const row = judgeFlaw(flaw, set, clean, flawed);
    for (const id of row.guarded) caughtBy.set(id, [...(caughtBy.get(id) ?? []), flaw]);
    assert.deepEqual(row.problems, []);
    assert.ok(row.guarded.length > 0, 'no guarding scenario caught it');
    // The right evidence: the rule's own check fails (or warns) in a guarding scenario, with its message.
    const failing = row.guarded.flatMap((id) => flawed.get(id)!.checks.filter((c) => c.check === check && (c.verdict === 'fail' || c.verdict === 'warn')));
    assert.ok(failing.length > 0, `${check} did not fail under ${flaw}: ${row.guarded.map((id) => `${id}=${flawed.get(id)!.verdict}`).join(', ')}`);
    for (const c of failing) assert.ok(c.expected && c.actual && c.message, `${check}: ${JSON.stringify(c)}`);
  });
}

test('every scenario of these sections is caught by a flaw breaking one of its own rows', { skip: !process.env.OC_TOKENS_FULL && 'needs OC_TOKENS_FULL=1 (every scenario under every flaw)' }, () => {
  assert.deepEqual(OURS.map((s) => s.scenario.id).filter((id) => !caughtBy.has(id)), []);
});
