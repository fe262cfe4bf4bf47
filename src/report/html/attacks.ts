/**
 * The same results grouped by attack class, for security reviewers: which attacks the target was
 * tested against, through which scenarios, and with what outcome.
 */
import { ATTACK_CLASSES, attackClassesOf } from '../../spec/attack-classes.js';
import type { ScenarioRecord } from '../../results/results.js';
import { esc, requirementLink } from './escape.js';
import { foldRows, gridOf, rowBroken, verdictCells, verdictHeads } from './verdict-cells.js';

/** Classes where something broke show; the others fold. */
export function attackMatrix(scenarios: ScenarioRecord[], project?: string): string {
  const grid = gridOf(scenarios, (c) => attackClassesOf(c.catalog).map((a) => a.id));
  const rows = ATTACK_CLASSES.filter((a) => grid.has(a.id)).map((a) => ({
    html: `<tr data-attack="${esc(a.id)}"><td><b>${esc(a.title)}</b> <span class="t">(${requirementLink(a.see)})</span><div class="t">${esc(a.description)}</div></td>${verdictCells(grid.get(a.id)!, project)}</tr>`,
    broken: rowBroken(grid.get(a.id)!),
  }));
  return `<table class="matrix attacks"><thead><tr><th>attack class</th>${verdictHeads()}</tr></thead><tbody>${foldRows(rows, 6, ['attack class', 'attack classes'], 'matrix attacks')}</tbody></table>`;
}
