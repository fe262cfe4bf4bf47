/**
 * The detection matrix for PAR, DPoP and the device flow alone (a slice of detection-matrix.test.ts that
 * runs in minutes): their scenarios and a few broad sentinels against the clean server and each of their
 * flaws. Every flaw is caught by a scenario guarding its rule with no collateral breach, and every
 * scenario of these specifications is caught by a flaw breaking one of its own rows (or coverage.yaml
 * says why none can be injected). OC_FAPI_FLAWS=name,name narrows the flaws.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { FAPI_FLAWS } from '../../fixtures/servers/embedded/flaws/fapi.js';
import { ROOT } from '../../src/runner/env.js';
import { readCoverageFile } from '../../src/scenario/coverage.js';
import { defaultScenarios } from './harness.js';
import { judgeFlaw, runFlaw, type Outcomes } from './matrix.js';

const SPEC_DIRS = ['rfc9126', 'rfc9449', 'rfc8628'].map((d) => `${path.sep}suites${path.sep}${d}${path.sep}`);
const SENTINELS = ['code-single-use', 'public-client-pkce-flow', 'redirect-uri-other-host'];
const all = defaultScenarios();
const own = all.filter((s) => SPEC_DIRS.some((d) => s.file.includes(d)));
const scenarios = [...own, ...all.filter((s) => SENTINELS.includes(s.scenario.id))];
const only = process.env.OC_FAPI_FLAWS?.split(',').filter(Boolean);
const flaws = FAPI_FLAWS.map((f) => f.name as FlawName).filter((f) => !FLAWS[f].target && (!only || only.includes(f)));
const noFlaw = readCoverageFile(path.join(ROOT, 'coverage.yaml')).no_flaw ?? {};
const caughtBy = new Map<string, string[]>();
let clean: Outcomes;

before(async () => { clean = await runFlaw(undefined, scenarios); });

test('the clean server passes or skips every PAR, DPoP and device-flow scenario', () => {
  assert.ok(own.length > 0);
  const bad = own.map((s) => [s.scenario.id, clean.get(s.scenario.id)!] as const).filter(([, o]) => o.verdict !== 'pass' && o.verdict !== 'skip');
  assert.deepEqual(bad.map(([id, o]) => `${id}: ${o.verdict} — ${o.reason}`), []);
});

for (const flaw of flaws) {
  test(`flaw ${flaw} (${FLAWS[flaw].breaks}) is caught by its guards and only by them`, async () => {
    const row = judgeFlaw(flaw, scenarios, clean, await runFlaw(flaw, scenarios));
    for (const id of row.guarded) caughtBy.set(id, [...(caughtBy.get(id) ?? []), flaw]);
    assert.deepEqual(row.problems, []);
  });
}

test('every PAR, DPoP and device-flow scenario is caught by one of these flaws, or coverage.yaml says why not', { skip: only && 'OC_FAPI_FLAWS narrows the flaws' }, () => {
  const uncaught = own.map((s) => s.scenario.id).filter((id) => !caughtBy.has(id) && !noFlaw[id]);
  assert.deepEqual(uncaught, []);
});
