/**
 * The scenario file as the reviewer wrote it, with the steps that failed marked (Hurl's source view,
 * Playwright's code frame). The text is read when the report is rendered; the step ranges come from
 * `stepLines` (the first line of each step; a step runs to the line before the next one).
 */
import type { Verdict } from '../../checks/types.js';
import type { ScenarioRecord } from '../../results/results.js';
import { esc, worst } from './escape.js';

/** Reads a scenario file named as results.json names it; undefined when it cannot be read. */
export type ReadSource = (file: string) => string | undefined;

/** The verdict of each step (by number, from 1) that did not pass, worst of its checks (a harness error counts as `error`). */
export function markedSteps(s: ScenarioRecord): Map<number, Verdict> {
  const marks = new Map<number, Verdict>();
  const mark = (step: number, v: Verdict) => marks.set(step, marks.has(step) ? worst(marks.get(step)!, v) : v);
  for (const c of s.checks) if (c.verdict === 'fail' || c.verdict === 'warn' || c.verdict === 'error') mark(c.step, c.verdict);
  if (s.error?.step !== undefined) mark(s.error.step, 'error');
  return marks;
}

/** 1-based [first, last] lines of step number `step`, trailing blank lines left out. */
function stepRange(lines: string[], stepLines: number[], step: number): [number, number] {
  const first = stepLines[step - 1];
  let last = (stepLines[step] ?? lines.length + 1) - 1;
  while (last > first && !lines[last - 1].trim()) last--;
  return [first, last];
}

export function scenarioSource(s: ScenarioRecord, read: ReadSource): string {
  const marks = markedSteps(s);
  if (!marks.size) return '';
  const text = read(s.file);
  if (text === undefined) return `<p class="t">(scenario file ${esc(s.file)} could not be read when the report was rendered)</p>`;
  const lines = text.replace(/\n$/, '').split('\n');
  const lineMark = new Map<number, Verdict>();
  const legend: string[] = [];
  for (const [step, v] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (s.stepLines[step - 1] === undefined) continue;
    const [first, last] = stepRange(lines, s.stepLines, step);
    for (let l = first; l <= last; l++) lineMark.set(l, v);
    legend.push(`step ${step} (line${first === last ? ` ${first}` : `s ${first}–${last}`}): ${v}`);
  }
  const width = String(lines.length).length;
  const body = lines
    .map((line, i) => {
      const v = lineMark.get(i + 1);
      return `<span class="line${v ? ` mark mark-${v}` : ''}" data-line="${i + 1}"><span class="no">${String(i + 1).padStart(width)}</span>${esc(line)}</span>`;
    })
    .join('');
  return `<div class="source"><h4>${esc(s.file)} — ${esc(legend.join('; ') || 'no step marked')}</h4><pre class="src">${body}</pre></div>`;
}
