/**
 * The one-page HTML summary, rendered from results.json (and the scenario files it names): self-contained
 * (styles, script and screenshots inlined), readable offline and in print. Every value is escaped; every
 * value was redacted before it reached results.json. The sections live in ./html/. Quick to read on a run
 * with a hundred findings: broken first, passes folded per section, long evidence folded (./html/fold.ts);
 * a run over several projects (targets) shows each apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../runner/env.js';
import { countVerdicts, VERDICTS, type RunResults, type ScenarioRecord } from '../results/results.js';
import { attackMatrix } from './html/attacks.js';
import { complianceMatrix } from './html/compliance.js';
import { badge, esc } from './html/escape.js';
import type { ReadFile } from './html/evidence.js';
import { FILTER_SCRIPT, filterControls } from './html/filters.js';
import { brokenFirst, fold } from './html/fold.js';
import { header, projectSummary, runWideRules } from './html/header.js';
import { projectsOf } from './html/projects.js';
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

/**
 * Failed and errored scenarios open by default while there are at most this many; beyond that they are
 * listed closed (first, worst first), so a run with a hundred findings reads as a list, not a wall.
 */
const OPEN_BROKEN_UP_TO = 5;

const SCENARIO_HEAD = '<thead><tr><th>verdict</th><th>scenario</th><th>catalog</th><th>level</th><th>why</th></tr></thead>';

/** "pass 96 · skip 13": what a fold holds. */
const tally = (scenarios: ScenarioRecord[]) =>
  VERDICTS.map((v) => [v, scenarios.filter((s) => s.verdict === v).length] as const).filter(([, n]) => n).map(([v, n]) => `${badge(v)} ${n}`).join(' · ');

/** The scenario list, broken first; passes and skips folded under their count. */
function scenarioList(scenarios: ScenarioRecord[], project?: string): string {
  const { broken, rest } = brokenFirst(scenarios);
  const table = (list: ScenarioRecord[]) => `<table class="scenarios">${SCENARIO_HEAD}<tbody>
${list.map((s) => scenarioRow(s, project)).join('\n')}
</tbody></table>`;
  return `${broken.length ? table(broken) : '<p class="t">No scenario failed, warned or errored.</p>'}${rest.length ? fold('fold', `${tally(rest)} — passed and skipped scenarios`, table(rest)) : ''}`;
}

function detailsList(scenarios: ScenarioRecord[], read: ReadFile, source: ReadSource, project?: string): string {
  const { broken, rest } = brokenFirst(scenarios);
  const openBroken = broken.filter((s) => s.verdict === 'fail' || s.verdict === 'error').length <= OPEN_BROKEN_UP_TO;
  const details = (list: ScenarioRecord[]) => list.map((s) => scenarioDetails(s, read, source, { project, openBroken })).join('\n');
  return `${details(broken)}${rest.length ? `\n${fold('fold', `${tally(rest)} — passed and skipped scenarios`, details(rest))}` : ''}`;
}

/** The sections of one project's results (the whole run's, when it holds one); `h` the heading level. */
function sections(scenarios: ScenarioRecord[], read: ReadFile, source: ReadSource, h: 'h2' | 'h3', project?: string, controls = ''): string {
  return `<${h}>Compliance by specification and section</${h}>${complianceMatrix(scenarios, project)}
<${h}>By attack class</${h}>${attackMatrix(scenarios, project)}
<${h}>Scenarios</${h}>${controls}${scenarioList(scenarios, project)}
<${h}>Details</${h}>${detailsList(scenarios, read, source, project)}`;
}

/** A run over several projects (targets or configurations): each apart, with its own summary. */
function projectSections(r: RunResults, projects: string[], read: ReadFile, source: ReadSource): string {
  const of = (p: string) => r.scenarios.filter((s) => (s.project ?? '') === p);
  const anchor = (p: string) => `p-${p}`;
  return `<h2>Projects</h2><ul class="projects">${projects.map((p) => `<li><a href="#${esc(anchor(p))}"><b>${esc(p)}</b></a> ${tally(of(p))}</li>`).join('')}</ul>
${filterControls(r.scenarios)}
${projects.map((p) => {
    const mine = of(p);
    return `<section class="project" id="${esc(anchor(p))}"><h2>Project ${esc(p)}</h2>${projectSummary({ ...r, scenarios: mine, counts: countVerdicts(mine), ambient: [] })}
${sections(mine, read, source, 'h3', p)}</section>`;
  }).join('\n')}`;
}

export function renderHtml(r: RunResults, read: ReadFile, source: ReadSource = readScenarioFile): string {
  const projects = projectsOf(r.scenarios);
  const multi = projects[0] !== undefined;
  // A run-wide rule names a scenario id, not a project: link it to the first project that ran it.
  const firstProject = new Map<string, string>();
  for (const s of r.scenarios) if (!firstProject.has(s.id)) firstProject.set(s.id, s.project ?? '');
  const body = multi
    ? projectSections(r, projects as string[], read, source)
    : sections(r.scenarios, read, source, 'h2', undefined, filterControls(r.scenarios));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>oauth-conformance — ${esc(r.target.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head><body>
${header(r)}
<main>${runWideRules(r, multi ? (id) => firstProject.get(id) : undefined)}${body}</main>
<script>${FILTER_SCRIPT}</script></body></html>`;
}
