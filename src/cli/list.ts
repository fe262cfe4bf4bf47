/** `oauth-conformance list [--coverage]`: the scenarios and checks, or the catalog rows covered per section. */
import path from 'node:path';
import { CHECKS } from '../checks/index.js';
import { coverage, readCoverageFile } from '../scenario/coverage.js';
import type { LoadedScenario } from '../scenario/load.js';
import { readSettings, ROOT } from '../runner/env.js';
import { loadPlanScenarios } from '../runner/plan.js';
import { levelFor, PROFILES } from '../spec/levels.js';
import { table } from './table.js';

export function list(withCoverage: boolean, out: (s: string) => void): number {
  const settings = readSettings();
  const scenarios = loadPlanScenarios(settings);
  if (withCoverage) return listCoverage(scenarios, out);
  out(table(['SCENARIO', 'RULES', `LEVEL (${settings.profile})`, 'FEATURES', 'TITLE'], scenarios.map(({ scenario: s, facts }) => [s.id, facts.catalog.join(' '), facts.level[settings.profile], (s.features ?? []).join(' '), s.title]), 80));
  out(`\n${scenarios.length} scenarios\n`);
  out(table(['CHECK', 'RULES', `LEVEL (${PROFILES.join('/')})`, 'AMBIENT', 'TITLE'], CHECKS.map((c) => [
    c.id, c.catalog.join(' '), PROFILES.map((p) => levelFor(c.level, p)).join('/'), c.ambient ? 'yes' : '', c.title,
  ]), 80));
  return 0;
}

function listCoverage(scenarios: LoadedScenario[], out: (s: string) => void): number {
  const file = readCoverageFile(path.join(ROOT, 'coverage.yaml'));
  const rows = coverage(scenarios, file);
  out(table(['SECTION', 'COVERED', 'OUT OF SCOPE', 'NOT COVERED', 'SCENARIOS', 'TITLE'], rows.map((r) => [
    r.id, String(r.covered.length), String(r.outOfScope.length), r.notCovered.length ? `${r.notCovered.length}: ${r.notCovered.join(' ')}` : '0', String(r.scenarios), r.title,
  ]), 70));
  const total = (k: 'covered' | 'outOfScope' | 'notCovered') => rows.reduce((n, r) => n + r[k].length, 0);
  out(`\n${total('covered')} catalog rows covered, ${total('outOfScope')} out of scope, ${total('notCovered')} not covered; ${scenarios.length} scenarios`);
  for (const r of rows) for (const id of r.outOfScope) out(`  ${id}  out of scope: ${file.out_of_scope![id]}`);
  return 0;
}

