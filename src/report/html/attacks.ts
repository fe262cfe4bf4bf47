/**
 * The same results grouped by attack class, for security reviewers: which attacks the target was
 * tested against, through which scenarios, and with what outcome.
 */
import { ATTACK_CLASSES, attackClassesOf } from '../../spec/attack-classes.js';
import type { ScenarioRecord } from '../../results/results.js';
import { esc, requirementLink } from './escape.js';
import { gridOf, verdictCells, verdictHeads } from './verdict-cells.js';

export function attackMatrix(scenarios: ScenarioRecord[]): string {
  const grid = gridOf(scenarios, (c) => attackClassesOf(c.catalog).map((a) => a.id));
  return `<table class="matrix attacks"><thead><tr><th>attack class</th>${verdictHeads()}</tr></thead><tbody>${ATTACK_CLASSES.filter((a) => grid.has(a.id))
    .map((a) => `<tr data-attack="${esc(a.id)}"><td><b>${esc(a.title)}</b> <span class="t">(${requirementLink(a.see)})</span><div class="t">${esc(a.description)}</div></td>${verdictCells(grid.get(a.id)!)}</tr>`)
    .join('')}</tbody></table>`;
}
