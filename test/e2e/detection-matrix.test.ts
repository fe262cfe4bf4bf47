/**
 * The detection matrix, as a test: every flaw of the embedded server against every scenario of the
 * default suite, in one process (test/e2e/matrix.ts runMatrix: one Chromium, a queue of each flaw's
 * scenarios in chunks, each chunk on one lane). Asserted:
 * - the clean server passes every scenario it supports (or the deviation is a recorded known deviation);
 * - each flaw is caught by a scenario guarding a rule it breaks, with no breach outside those rules
 *   (no collateral) and no harness error, judged over every scenario;
 * - every scenario is caught by at least one such flaw, or coverage.yaml (`no_flaw`) says why none can be
 *   injected;
 * - every check passed on the clean server and failed under some flaw in this run, or coverage.yaml
 *   (`no_control`) says where its controls are;
 * - docs/detection-matrix.md is what this run says (`npm run matrix` rewrites it).
 * While working on a flaw or a scenario, OC_MATRIX_FLAWS=<flaw,...> and OC_MATRIX_GREP=<regex on scenario
 * ids> run a part of the matrix (the whole-matrix assertions then skip). npm test runs every flaw against its
 * neighbourhood (the scenarios guarding the rules it breaks, and four broad flows: matrix.ts `neighbourhood`);
 * OC_MATRIX_SCOPE=sections widens it to the catalog sections of those rules (about 2 000 runs), and
 * OC_MATRIX_FULL=1 runs every flaw against every scenario (about 30 000 runs).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { FLAWS, type FlawName } from '../../fixtures/servers/embedded/flaws.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { ROOT } from '../../src/runner/env.js';
import { ambientOf, breaches, defaultScenarios, embeddedProfile } from './harness.js';
import { breaksOf, breaksText, checkRecords, checksWithoutControls, judgeFlaw, matrixMarkdown, neighbourhood, runMatrix, scopeText, type FlawVerdict, type Outcomes } from './matrix.js';

const grep = process.env.OC_MATRIX_GREP ? new RegExp(process.env.OC_MATRIX_GREP) : undefined;
const only = process.env.OC_MATRIX_FLAWS?.split(',').map((f) => f.trim()).filter(Boolean);
const part = (grep || only) && 'a part of the matrix ran (OC_MATRIX_FLAWS / OC_MATRIX_GREP): these need all of it';
const scenarios = defaultScenarios().filter((s) => !s.scenario.tags?.includes('slow') && (!grep || grep.test(s.scenario.id)));
const deviations = embeddedProfile().known_deviations ?? [];
const coverageFile = (parse(readFileSync(path.join(ROOT, 'coverage.yaml'), 'utf8')) ?? {}) as { no_flaw?: Record<string, string>; no_control?: Record<string, string> };
const noFlaw = coverageFile.no_flaw ?? {};
const noControl = coverageFile.no_control ?? {};
const DOC = path.join(ROOT, 'docs/detection-matrix.md');

// Flaws bound to another embedded profile have their negative controls in test/e2e/embedded-configs.test.ts.
const flaws = (Object.keys(FLAWS) as FlawName[]).filter((f) => !FLAWS[f].target && (!only || only.includes(f)));
if (only?.some((f) => !flaws.includes(f as FlawName))) throw new Error(`OC_MATRIX_FLAWS: unknown flaw(s), or bound to another profile: ${only.filter((f) => !flaws.includes(f as FlawName)).join(', ')}`);
let pending: Promise<Outcomes>[];
let clean: Outcomes;
const flawed = new Map<FlawName, Outcomes>();
const rows: FlawVerdict[] = [];
const started = Date.now();

// npm test runs each flaw against its neighbourhood (matrix.ts); OC_MATRIX_FULL=1 against every scenario.
const full = process.env.OC_MATRIX_FULL === '1';
before(() => { pending = runMatrix([undefined, ...flaws], scenarios, full ? {} : { select: neighbourhood }); });

describe('clean embedded server', () => {
  before(async () => { clean = await pending[0]!; });

  test('every scenario passes or skips with a reason, unless it is a recorded known deviation', () => {
    for (const { scenario: s } of scenarios) {
      const o = clean.get(s.id)!;
      const known = deviations.find((d) => d.scenario === s.id && (!d.profile || d.profile === 'rfc9700'));
      if (known) assert.equal(o.verdict, known.verdict, `${s.id}: known deviation expects ${known.verdict}, got ${o.verdict}: ${o.reason}`);
      else assert.ok(o.verdict === 'pass' || o.verdict === 'skip', `${s.id}: ${o.verdict} — ${o.reason}`);
      if (o.verdict === 'skip') assert.ok(o.reason, `${s.id} skipped without a reason`);
      if (!known) assert.deepEqual(breaches(o), [], s.id);
    }
  });

  test('every run-wide (ambient) rule holds', () => {
    const rules = ambientOf(clean);
    // A part of the suite (OC_MATRIX_GREP) may not reach them all.
    if (!grep) assert.ok(rules.length >= 3, `ambient rules judged: ${rules.map((a) => a.check).join(', ')}`);
    assert.deepEqual(rules.filter((a) => a.verdict !== 'pass').map((a) => `${a.check}: ${a.verdict} — ${a.message}`), []);
  });
});

describe('every flaw against every scenario', () => {
  flaws.forEach((flaw, i) => {
    test(`flaw ${flaw} (${breaksText(flaw)}) is caught by its guards and only by them`, async () => {
      const outcomes = await pending[i + 1]!;
      flawed.set(flaw, outcomes);
      const row = judgeFlaw(flaw, scenarios, clean, outcomes);
      // A flaw whose only guards wait out an expiry (tagged slow) is caught where slow scenarios run
      // (test/e2e/slow-guards.test.ts); here only its collateral is judged.
      if (!scenarios.some((s) => s.facts.catalog.some((id) => breaksOf(flaw).has(id)))) row.problems = row.problems.filter((p) => !/^no scenario guarding .* caught the flaw$/.test(p));
      rows.push(row);
      // Judged: only the verdicts are read from here on; 45 rows' evidence would only hold memory.
      for (const o of outcomes.values()) o.evidence = [];
      assert.deepEqual(row.problems, []);
    });
  });
});

describe('what the whole matrix shows', { skip: part }, () => {
  before(() => {
    assert.equal(rows.length, flaws.length, 'every flaw row ran');
    process.stdout.write(`# detection matrix (${full ? 'every scenario' : `each flaw against ${scopeText()} and the broad flows`}): ${scenarios.length} scenarios × ${flaws.length} flaws + the clean server in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  });

  test('every scenario is caught by a flaw breaking one of its own rules, or coverage.yaml says why none can be injected', () => {
    const caught = (id: string) => rows.filter((r) => r.guarded.includes(id)).map((r) => r.flaw);
    assert.deepEqual(scenarios.map((s) => s.scenario.id).filter((id) => !caught(id).length && !noFlaw[id]), []);
    const stale = Object.keys(noFlaw).filter((id) => caught(id).length).map((id) => `${id} is caught by ${caught(id).join(', ')}`);
    assert.deepEqual(stale, [], 'coverage.yaml no_flaw entries for scenarios a flaw now catches');
  });

  test('every check passed on the clean server and failed under a flaw in this run, or coverage.yaml (no_control) says where its controls are', () => {
    const missing = checksWithoutControls(checkRecords(clean, flawed));
    assert.deepEqual([...missing].filter(([id]) => !noControl[id]).map(([id, lacks]) => `${id}: ${lacks}`), [], 'checks without a recorded passing and failing fixture');
    const stale = Object.keys(noControl).filter((id) => !missing.has(id) || !CHECK_IDS.has(id));
    assert.deepEqual(stale, [], 'coverage.yaml no_control entries for checks this run showed both ways (or that no longer exist)');
  });

  test('docs/detection-matrix.md is this run\'s (npm run matrix rewrites it)', () => {
    const text = matrixMarkdown({ scenarios, rows, noFlaw, records: checkRecords(clean, flawed), noControl, full });
    if (process.env.OC_MATRIX_WRITE) writeFileSync(DOC, text);
    else assert.equal(readFileSync(DOC, 'utf8'), text, 'docs/detection-matrix.md differs from this run: `npm run matrix` rewrites it');
  });
});
