/**
 * The grid both groupings of the summary share (by specification section, by attack class): one row
 * per key, one cell per verdict, each cell linking to its scenarios. A scenario sits in one cell per
 * row, the worst verdict its checks had for that row.
 */
import type { Verdict } from '../../checks/types.js';
import { VERDICTS, type ScenarioRecord } from '../../results/results.js';
import { badge, esc, worst } from './escape.js';
import { BROKEN, fold } from './fold.js';
import { scenarioAnchor } from './projects.js';

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

/** Whether a row has a scenario under a broken verdict: such rows show; the others fold. */
export const rowBroken = (row: Map<string, Verdict>): boolean => [...row.values()].some((v) => BROKEN.has(v));

/** Up to this many scenario links show in a cell; more fold under their count. */
const CELL_LINKS = 3;

export function verdictCells(row: Map<string, Verdict>, project?: string): string {
  return VERDICTS.map((v) => {
    const links = [...row].filter(([, verdict]) => verdict === v).map(([id]) => `<a href="#${esc(scenarioAnchor(id, project))}">${esc(id)}</a>`);
    return `<td>${links.length > CELL_LINKS ? fold('ids', `${links.length} scenarios`, links.join('<br>')) : links.join('<br>')}</td>`;
  }).join('');
}

/**
 * Table rows, the broken ones shown and the others folded into one last row (`what`: "section", "sections",
 * then " without a failure"); `columns` is the table's width.
 */
export function foldRows(rows: { html: string; broken: boolean }[], columns: number, what: [one: string, many: string], tableClass: string): string {
  const shown = rows.filter((r) => r.broken).map((r) => r.html).join('');
  const folded = rows.filter((r) => !r.broken).map((r) => r.html);
  if (!folded.length) return shown;
  return `${shown}<tr class="folded"><td colspan="${columns}">${fold('rows', `${folded.length} ${esc(what[folded.length === 1 ? 0 : 1])} without a failure`, `<table class="${tableClass}"><tbody>${folded.join('')}</tbody></table>`)}</td></tr>`;
}
