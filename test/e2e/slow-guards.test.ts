/**
 * The flaws the detection matrix cannot catch: those whose every guarding scenario is tagged `slow`
 * (it waits out an expiry: a device code's, say), which the matrix leaves out to stay within CI's time.
 * detection-matrix.test.ts judges only their collateral; here each runs against its slow guards and the
 * broad flows, beside the clean server, and must be caught by a guard with no breach elsewhere.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { defaultScenarios } from './harness.js';
import { BROAD_FLOWS, breaksOf, judgeFlaw, runFlaw, type Outcomes } from './matrix.js';

const all = defaultScenarios();
const slow = (s: LoadedScenario) => Boolean(s.scenario.tags?.includes('slow'));
const guards = (flaw: FlawName) => all.filter((s) => s.facts.catalog.some((id) => breaksOf(flaw).has(id)));
/** Flaws of the default target whose guards are all slow, each with them. */
const flaws = (Object.keys(FLAWS) as FlawName[])
  .filter((f) => !FLAWS[f].target)
  .map((f) => [f, guards(f)] as const)
  .filter(([, g]) => g.length > 0 && g.every(slow));
const broad = all.filter((s) => BROAD_FLOWS.includes(s.scenario.id));
const scenarios = [...new Set(flaws.flatMap(([, g]) => g)), ...broad];
let clean: Outcomes;
// The rows run side by side: their time is the server's clock, not the CPU.
const flawed = new Map(flaws.map(([f, own]) => [f, runFlaw(f, [...own, ...broad])]));
for (const p of flawed.values()) p.catch(() => undefined); // judged in its own test

before(async () => { clean = await runFlaw(undefined, scenarios); });

test('the clean server passes or skips every slow guard', () => {
  assert.ok(flaws.length > 0, 'no flaw is guarded only by slow scenarios: this file has nothing left to do');
  const bad = scenarios.map((s) => [s.scenario.id, clean.get(s.scenario.id)!] as const).filter(([, o]) => o.verdict !== 'pass' && o.verdict !== 'skip');
  assert.deepEqual(bad.map(([id, o]) => `${id}: ${o.verdict} — ${o.reason}`), []);
});

for (const [flaw, own] of flaws) {
  test(`flaw ${flaw} (${FLAWS[flaw].breaks}) is caught by its slow guards (${own.map((s) => s.scenario.id).join(', ')}) and only by them`, async () => {
    const row = judgeFlaw(flaw, [...own, ...broad], clean, await flawed.get(flaw)!);
    assert.deepEqual(row.problems, []);
    assert.ok(row.guarded.length > 0, 'no guard caught it');
  });
}
