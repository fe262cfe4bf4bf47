/**
 * The one-page HTML summary, rendered from results.json (and the scenario files it names): self-contained
 * (styles, script and screenshots inlined), readable offline and in print. Every value is escaped; every
 * value was redacted before it reached results.json. The sections live in ./html/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../runner/env.js';
import type { RunResults } from '../results/results.js';
import { attackMatrix } from './html/attacks.js';
import { complianceMatrix } from './html/compliance.js';
import { esc } from './html/escape.js';
import type { ReadFile } from './html/evidence.js';
import { FILTER_SCRIPT, filterControls } from './html/filters.js';
import { header, runWideRules } from './html/header.js';
import { scenarioDetails, scenarioRow } from './html/scenario.js';
import type { ReadSource } from './html/source.js';
import { CSS } from './html/style.js';

/** Scenario files as results.json names them: relative to the project root (or absolute). */
export const readScenarioFile: ReadSource = (file) => {
  try {
    return readFileSync(path.resolve(ROOT, file), 'utf8');
  } catch {
    return undefined;
  }
};

export function renderHtml(r: RunResults, read: ReadFile, source: ReadSource = readScenarioFile): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>oauth-conformance — ${esc(r.target.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head><body>
${header(r)}
<main>${runWideRules(r)}<h2>Compliance by specification and section</h2>${complianceMatrix(r.scenarios)}
<h2>By attack class</h2>${attackMatrix(r.scenarios)}
<h2>Scenarios</h2>${filterControls(r.scenarios)}<table class="scenarios"><thead><tr><th>verdict</th><th>scenario</th><th>catalog</th><th>level</th><th>why</th></tr></thead><tbody>
${r.scenarios.map(scenarioRow).join('\n')}
</tbody></table>
<h2>Details</h2>${r.scenarios.map((s) => scenarioDetails(s, read, source)).join('\n')}</main>
<script>${FILTER_SCRIPT}</script></body></html>`;
}
