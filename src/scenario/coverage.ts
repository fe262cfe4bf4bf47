/**
 * Catalog coverage: which catalog rows the scenarios cover (the rows their checks carry, facts.ts), which are out
 * of scope and why (coverage.yaml), and which are simply not covered yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CATALOG, CATALOG_IDS } from '../spec/catalog.js';
import type { LoadedScenario } from './load.js';

export interface CoverageFile {
  /** Catalog rows no scenario can test, with the reason (needs a human, not black-box, ...). */
  out_of_scope?: Record<string, string>;
  /** Scenarios no flaw of the embedded server can make fail, with the reason. */
  no_flaw?: Record<string, string>;
}

export interface SectionCoverage {
  id: string;
  title: string;
  covered: string[];
  outOfScope: string[];
  notCovered: string[];
  scenarios: number;
}

export function readCoverageFile(file: string): CoverageFile {
  if (!existsSync(file)) return {};
  const data = (parse(readFileSync(file, 'utf8')) ?? {}) as CoverageFile;
  const unknown = Object.keys(data.out_of_scope ?? {}).filter((id) => !CATALOG_IDS.has(id));
  if (unknown.length) throw new Error(`${file}: unknown catalog id(s) ${unknown.join(', ')}`);
  return data;
}

export function coverage(scenarios: LoadedScenario[], file: CoverageFile): SectionCoverage[] {
  const byId = new Map<string, number>();
  for (const { facts } of scenarios) for (const id of facts.catalog) byId.set(id, (byId.get(id) ?? 0) + 1);
  return CATALOG.map((section) => {
    const ids: string[] = section.rows.map((r) => r.id);
    const covered = ids.filter((id) => byId.has(id));
    const outOfScope = ids.filter((id) => !byId.has(id) && file.out_of_scope?.[id]);
    return {
      id: section.id,
      title: section.title,
      covered,
      outOfScope,
      notCovered: ids.filter((id) => !covered.includes(id) && !outOfScope.includes(id)),
      scenarios: scenarios.filter(({ facts }) => facts.catalog.some((c) => ids.includes(c))).length,
    };
  });
}
