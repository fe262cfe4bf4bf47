/**
 * The compliance matrix: one table per specification, one row per cited section, each cell linking
 * to the scenarios whose checks had that verdict for that section.
 */
import { requirementLabel, requirementUrl, SPECIFICATION_TITLES } from '../../spec/links.js';
import type { ScenarioRecord } from '../../results/results.js';
import { esc } from './escape.js';
import { foldRows, gridOf, rowBroken, verdictCells, verdictHeads } from './verdict-cells.js';

const specOf = (id: string) => id.split('-')[0];
const bySection = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Sections where something broke show; the others fold per specification. */
export function complianceMatrix(scenarios: ScenarioRecord[], project?: string): string {
  const grid = gridOf(scenarios, (c) => c.requirements);
  // RFCs in number order, then drafts (OAuth 2.1)
  const specs = [...new Set([...grid.keys()].map(specOf))].sort((a, b) => Number(!a.startsWith('RFC')) - Number(!b.startsWith('RFC')) || bySection(a, b));
  return `<table class="matrix"><thead><tr><th>specification / section</th>${verdictHeads()}</tr></thead>${specs
    .map((spec) => {
      const rows = [...grid].filter(([id]) => specOf(id) === spec).sort((a, b) => bySection(a[0], b[0]));
      const name = requirementLabel(`${spec}-`).replace(/ §$/, '');
      const html = rows.map(([id, row]) => ({
        html: `<tr data-sec="${esc(id)}"><td><a href="${esc(requirementUrl(id))}">${esc(requirementLabel(id))}</a></td>${verdictCells(row, project)}</tr>`,
        broken: rowBroken(row),
      }));
      return `<tbody><tr class="spec"><th colspan="6">${esc(name)} — ${esc(SPECIFICATION_TITLES[spec] ?? '')}</th></tr>${foldRows(html, 6, ['section', 'sections'], 'matrix')}</tbody>`;
    })
    .join('')}</table>`;
}
