/**
 * The grid both groupings of the summary share (by specification section, by attack class): one row
 * per key, one cell per verdict, each cell linking to its scenarios. A scenario sits in one cell per
 * row, the worst verdict its checks had for that row.
 */
import type { Verdict } from '../../checks/types.js';
import { VERDICTS, type ScenarioRecord } from '../../results/results.js';
import { badge, esc, worst } from './escape.js';

export type Grid = Map<string, Map<string, Verdict>>;

/** Files each scenario under the keys its checks (or, without checks, the scenario itself) cite. */
export function gridOf(scenarios: ScenarioRecord[], keysOf: (cited: { requirements: string[]; catalog: string[] }) => string[]): Grid {
  const grid: Grid = new Map();
  for (const s of scenarios) {
    const judged = s.checks.length
      ? s.checks.map((c) => ({ requirements: c.requirements.map((r) => r.id), catalog: c.catalog, verdict: c.verdict }))
      : [{ requirements: s.requirements, catalog: s.catalog, verdict: s.verdict }];
    for (const j of judged) {
      for (const key of keysOf(j)) {
        const row = grid.get(key) ?? new Map<string, Verdict>();
        row.set(s.id, row.has(s.id) ? worst(row.get(s.id)!, j.verdict) : j.verdict);
        grid.set(key, row);
      }
    }
  }
  return grid;
}

export const verdictHeads = () => VERDICTS.map((v) => `<th>${badge(v)}</th>`).join('');

export function verdictCells(row: Map<string, Verdict>): string {
  return VERDICTS.map((v) => {
    const ids = [...row].filter(([, verdict]) => verdict === v).map(([id]) => id);
    return `<td>${ids.map((id) => `<a href="#s-${esc(id)}">${esc(id)}</a>`).join('<br>')}</td>`;
  }).join('');
}
