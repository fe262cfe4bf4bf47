/**
 * The top of the summary: what was tested (target, profile, date, harness version), the one-line
 * verdict, scenario counts by verdict (the verdict filter) and check counts by level.
 */
import { PROFILE_TITLES } from '../../spec/levels.js';
import { seenSummary } from '../ambient.js';
import { gated, vacuity, VERDICTS, type RunResults } from '../../results/results.js';
import { badge, esc } from './escape.js';
import { foldItems } from './fold.js';
import { scenarioAnchor } from './projects.js';

/** One line a reader can stop at: conformant, not conformant, or incomplete, and why. */
export function headline(r: RunResults): { text: string; good: boolean } {
  const gate = r.scenarios.map(gated);
  const errors = gate.filter((v) => v === 'error').length;
  // A run-wide rule counts once, like a scenario.
  const rules = (v: string) => (r.ambient ?? []).filter((a) => a.verdict === v).length;
  const fails = gate.filter((v) => v === 'fail').length + rules('fail');
  const warns = gate.filter((v) => v === 'warn').length + rules('warn');
  const vacuous = vacuity(r);
  if (vacuous) return { text: `Incomplete: ${vacuous}`, good: false };
  const known = r.scenarios.filter((s) => s.deviation?.status === 'matched').length;
  const aside = known ? ` (${known} known deviation(s) set aside)` : '';
  const warned = warns ? `; ${warns} scenario(s) with warnings` : '';
  if (errors) return { text: `Incomplete: ${errors} scenario(s) could not be run${fails ? `; ${fails} MUST failure(s)` : ''}${aside}`, good: false };
  if (fails) return { text: `Not conformant: ${fails} MUST failure(s)${warned}${aside}`, good: false };
  return { text: `Conformant under ${PROFILE_TITLES[r.profile]}: no MUST failures${warned}${aside}`, good: true };
}

function levelCounts(r: RunResults): string {
  const levels = ['MUST', 'SHOULD', 'MAY'] as const;
  const count = (l: string, v: string) => r.scenarios.reduce((n, s) => n + s.checks.filter((c) => c.level === l && c.verdict === v).length, 0)
    + (r.ambient ?? []).filter((a) => a.level === l && a.verdict === v).length;
  return `<table class="levels"><thead><tr><th>checks</th>${VERDICTS.map((v) => `<th>${badge(v)}</th>`).join('')}</tr></thead><tbody>${levels
    .map((l) => `<tr><th>${l}</th>${VERDICTS.map((v) => `<td>${count(l, v) || ''}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * The ambient rules, each judged once over the run, with every response it saw (the first few shown,
 * the others folded). `projectOf` names the project whose details a scenario id links to (multi-project reports).
 */
export function runWideRules(r: RunResults, projectOf: (scenario: string) => string | undefined = () => undefined): string {
  const rules = r.ambient ?? [];
  if (!rules.length) return '';
  const seen = (a: (typeof rules)[number]) => foldItems(a.seen.filter((o) => o.verdict !== 'pass')
    .map((o) => `<li>${badge(o.verdict)} <a href="#${esc(scenarioAnchor(o.scenario, projectOf(o.scenario)))}">${esc(o.scenario)}</a> step ${o.step}${o.message ? `: ${esc(o.message)}` : ''}</li>`), 3, (li) => `<ul>${li}</ul>`, (n) => `+${n} more response(s)`);
  return `<h2>Run-wide rules</h2><p class="t">Each judged once over every response of its kind in the run, apart from the scenarios' verdicts.</p>
<table class="checks run-wide"><thead><tr><th>verdict</th><th>check</th><th>level</th><th>expected</th><th>actual</th><th>responses</th></tr></thead><tbody>${rules
    .map((a) => `<tr class="c-${a.verdict}"><td>${badge(a.verdict)}</td><td><b>${esc(a.check)}</b> <span class="t">${esc(a.catalog.join(' '))}</span><div class="t">${esc(a.title)}</div></td><td>${esc(a.level)}</td><td>${esc(a.expected ?? '')}</td><td>${esc(a.actual ?? '')}</td><td>${esc(seenSummary(a))}${a.verdict === 'pass' ? '' : `: ${esc(a.message)}${seen(a)}`}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** A project's own summary in a multi-project report: its one-line verdict and its counts. */
export function projectSummary(r: RunResults): string {
  const h = headline(r);
  return `<p class="headline ${h.good ? 'good' : 'bad'}">${esc(h.text)}</p><p class="counts">scenarios: ${VERDICTS.map((v) => `${badge(v)} ${r.counts[v]}`).join(' ')} · ${r.scenarios.length} in all</p>`;
}

export function header(r: RunResults): string {
  const h = headline(r);
  return `<header><h1>OAuth conformance: ${esc(r.target.name)}</h1>
<p class="meta">${r.target.issuer ? `${esc(r.target.issuer)} · ` : ''}profile <b>${esc(PROFILE_TITLES[r.profile])}</b> · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s · ${esc(r.harness.name)} ${esc(r.harness.version)}</p>
<p class="headline ${h.good ? 'good' : 'bad'}">${esc(h.text)}</p>
${(r.target.notes ?? []).map((n) => `<p class="meta">note: ${esc(n)}</p>`).join('')}
${(r.positiveControls ?? []).filter((c) => c.source === 'run').map((c) => `<p class="meta">positive control (${c.ok ? 'worked' : '<b>failed</b>'}): ${esc(c.outcome)}</p>`).join('')}
<div class="tallies"><p class="counts">scenarios: ${VERDICTS.map((v) => `<button class="filter" data-v="${v}">${badge(v)} ${r.counts[v]}</button>`).join(' ')} <button class="filter" data-v="all">all ${r.scenarios.length}</button></p>${levelCounts(r)}</div></header>`;
}
