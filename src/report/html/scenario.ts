/**
 * One scenario in full: its checks (a broken rule with the quoted text it breaks), the scenario file
 * with the failing step marked, and the evidence with its reproduction (that of the steps that broke
 * open, the others folded). Fails and errors open by default, unless there are many (see html.ts).
 */
import { CHECKS_BY_ID } from '../../checks/index.js';
import type { CheckOutcome } from '../../checks/types.js';
import { requirementUrl } from '../../spec/links.js';
import { decidingLevel, type ScenarioRecord } from '../../results/results.js';
import { badge, esc, requirementLink } from './escape.js';
import { evidence, img, type ReadFile } from './evidence.js';
import { filterAttributes } from './filters.js';
import { scenarioAnchor } from './projects.js';
import { markedSteps, scenarioSource, type ReadSource } from './source.js';

const BROKEN = new Set(['fail', 'warn', 'error']);

export function scenarioRow(s: ScenarioRecord, project?: string): string {
  const why = s.deviation ? `<i>known deviation (${esc(s.deviation.status)})</i>: ${esc(s.deviation.reason)}` : esc(s.reason ?? '');
  return `<tr ${filterAttributes(s)}><td>${badge(s.verdict)}</td><td><a href="#${esc(scenarioAnchor(s.id, project))}">${esc(s.id)}</a><div class="t">${esc(s.title)}</div></td><td>${esc(s.catalog.join(' '))}</td><td>${esc(decidingLevel(s))}</td><td>${why}</td></tr>`;
}

export function scenarioDetails(s: ScenarioRecord, read: ReadFile, source: ReadSource, o: { project?: string; openBroken?: boolean } = {}): string {
  const open = (o.openBroken ?? true) && (s.verdict === 'fail' || s.verdict === 'error') ? ' open' : '';
  const marks = markedSteps(s);
  return `<details id="${esc(scenarioAnchor(s.id, o.project))}" ${filterAttributes(s)}${open}><summary>${badge(s.verdict)} <b>${esc(s.id)}</b> — ${esc(s.title)}</summary>
<p class="meta">${esc(s.file)} · ${s.requirements.map((id) => requirementLink(id)).join(', ')} · ${(s.durationMs / 1000).toFixed(1)} s${s.browser ? ` · ${s.browser === 'shared' ? 'the worker\'s shared, logged-in browser' : 'a fresh browser'}` : ''}${s.tags.length ? ` · tags ${esc(s.tags.join(', '))}` : ''}</p>
${s.deviation ? `<p class="deviation"><b>Known deviation (${esc(s.deviation.status)}):</b> expected ${esc(s.deviation.verdict)} — ${esc(s.deviation.reason)}</p>` : ''}
${s.error ? `<div class="error"><b>Harness error${s.error.step !== undefined ? ` at step ${s.error.step} (line ${s.stepLines[s.error.step - 1] ?? '?'})` : ''}:</b> ${esc(s.error.message)}${s.error.hint ? `<br><i>hint: ${esc(s.error.hint)}</i>` : ''}${img(s.error.screenshot, read)}</div>` : ''}
${s.checks.length ? `<table class="checks"><thead><tr><th>verdict</th><th>check</th><th>level</th><th>expected</th><th>actual</th><th>message</th></tr></thead><tbody>${s.checks.map((c) => checkRows(c, s)).join('')}</tbody></table>` : ''}
${scenarioSource(s, source)}
${s.evidence.map((e) => evidence(e, read, !marks.size || marks.has(e.step))).join('')}</details>`;
}

function checkRows(c: CheckOutcome, s: ScenarioRecord): string {
  const where = `step ${c.step}${s.stepLines[c.step - 1] ? `, line ${s.stepLines[c.step - 1]}` : ''}`;
  // A check may cover many catalog rows (redirect-uri-rejected: 14); show those this scenario is about.
  const rows = c.catalog.filter((r) => s.catalog.includes(r));
  const row = `<tr class="c-${c.verdict}"><td>${badge(c.verdict)}</td><td><b>${esc(c.check)}</b> <span class="t">${esc((rows.length ? rows : c.catalog).join(' '))} · ${where}</span><div class="t">${c.requirements.map((r) => requirementLink(r.id, r.url)).join(', ')}</div></td><td>${esc(c.level)}</td><td>${esc(c.expected ?? '')}</td><td>${esc(c.actual ?? '')}</td><td>${esc(c.message)}</td></tr>`;
  return BROKEN.has(c.verdict) ? row + quote(c) : row;
}

/** The rule a broken check cites, in the words of its RFC (the quote lives beside the check). */
function quote(c: CheckOutcome): string {
  const text = CHECKS_BY_ID.get(c.check)?.quote;
  if (!text) return '';
  const first = c.requirements[0];
  const cite = first ? ` <cite>— ${requirementLink(first.id, first.url ?? requirementUrl(first.id))}</cite>` : '';
  return `<tr class="quote"><td></td><td colspan="5"><blockquote>${esc(text)}${cite}</blockquote></td></tr>`;
}
