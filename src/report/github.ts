/**
 * GitHub Actions: workflow-command annotations (shown on the scenario file's line in the run and the
 * pull request) and the Markdown summary appended to $GITHUB_STEP_SUMMARY. Only when GITHUB_ACTIONS=true.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { appendFileSync } from 'node:fs';
import { findings, staleDeviations, stepLine } from './findings.js';
import { vacuity, type RunResults } from '../results/results.js';
import { safeTerminal } from '../text/terminal.js';

/**
 * A workflow command's data: control characters (a server's escape sequences) shown as escapes, then
 * GitHub's encoding of `%`, CR and LF, so nothing in it ends the line or starts another command.
 */
const data = (s: string) => s.replace(/[^\r\n]+/g, (line) => safeTerminal(line)).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(kind: 'error' | 'warning' | 'notice', file: string, line: number, title: string, message: string): string {
  return `::${kind} file=${prop(file)},line=${line},title=${prop(title)}::${data(message)}`;
}

/** One annotation per failed or warned check, harness error and stale known deviation. */
export function annotations(r: RunResults): string[] {
  const out = findings(r).map((f) => {
    const kind = f.known ? 'notice' : f.verdict === 'fail' && !f.unchanged ? 'error' : 'warning';
    const note = f.known ? ' — known deviation, not gated' : f.unchanged ? ' — unchanged since the baseline' : f.ambient ? ' — run-wide rule, reported once' : '';
    // The server's text one line each (its CR and LF shown as \r \n); the line breaks are the harness's.
    const t = safeTerminal;
    return command(kind, f.scenario.file, f.line, `${f.rule} ${f.check?.check ?? f.scenario.id} (${f.level} ${f.verdict})${note}`, `${f.ambient ? `first seen in ${f.scenario.id}` : f.scenario.id}: ${t(f.message)}${f.check?.expected !== undefined ? `\nexpected: ${t(f.check.expected)}\nactual:   ${t(f.check.actual ?? '')}` : ''}`);
  });
  for (const s of r.scenarios.filter((x) => x.verdict === 'error')) {
    out.push(command('error', s.file, stepLine(s, s.error?.step), `harness error in ${s.id} (not the target's failure)`, `${safeTerminal(s.reason)}${s.error?.hint ? `\nhint: ${safeTerminal(s.error.hint)}` : ''}`));
  }
  const vacuous = vacuity(r);
  if (vacuous) out.push(`::error title=${prop('oauth-conformance: nothing proven')}::${data(vacuous)}`);
  for (const s of staleDeviations(r)) {
    out.push(command('warning', s.file, 1, `stale known deviation: ${s.id}`, `recorded as ${s.deviation!.verdict}, the target now gets ${s.verdict}: remove it from the target profile's known_deviations`));
  }
  return out;
}

/** Prints the annotations and appends the summary to $GITHUB_STEP_SUMMARY, inside GitHub Actions only. */
export function reportToGithub(r: RunResults, markdown: string, env: NodeJS.ProcessEnv, print: (line: string) => void): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  for (const a of annotations(r)) print(a);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}
