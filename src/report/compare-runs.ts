/**
 * Flake check: the verdicts of several runs of the same suite, compared per scenario. A conformance
 * verdict is a fact about the target; one that changes between identical runs is a flaky scenario
 * (or a flaky target), and must be found before anyone trusts it.
 */
import type { Verdict } from '../checks/types.js';

export interface RunVerdicts {
  /** A label for the run (its report directory). */
  run: string;
  scenarios: { id: string; verdict: Verdict; reason?: string }[];
}

export interface VerdictDifference {
  id: string;
  /** The verdict of each run, in run order ('missing' when the scenario did not run). */
  verdicts: (Verdict | 'missing')[];
  /** The first reason given by a run whose verdict differs from the first run's. */
  reason?: string;
}

export function compareVerdicts(runs: RunVerdicts[]): VerdictDifference[] {
  const ids = [...new Set(runs.flatMap((r) => r.scenarios.map((s) => s.id)))].sort();
  const diffs: VerdictDifference[] = [];
  for (const id of ids) {
    const each = runs.map((r) => r.scenarios.find((s) => s.id === id));
    const verdicts = each.map((s) => s?.verdict ?? 'missing');
    if (verdicts.every((v) => v === verdicts[0])) continue;
    diffs.push({ id, verdicts, reason: each.find((s) => s && s.verdict !== verdicts[0])?.reason ?? each[0]?.reason });
  }
  return diffs;
}

/** The report: one line per scenario whose verdict changed, or the statement that none did. */
export function formatDifferences(runs: RunVerdicts[], diffs: VerdictDifference[]): string {
  const count = new Set(runs.flatMap((r) => r.scenarios.map((s) => s.id))).size;
  if (!diffs.length) return `identical verdicts in ${runs.length} runs (${count} scenarios)`;
  const lines = diffs.map((d) => `  ${d.id}: ${d.verdicts.join(' → ')}${d.reason ? `\n      ${d.reason.split('\n')[0]}` : ''}`);
  return `${diffs.length} of ${count} scenario(s) changed verdict across ${runs.length} runs:\n${lines.join('\n')}`;
}
