/**
 * The one order of verdicts, worst first, for every "worst verdict" in the project: a scenario's verdict
 * from its checks (runner/verdict.ts), a run-wide rule's from its observations (report/ambient.ts), and
 * what the HTML report shows where several verdicts meet (report/html). A proven breach (`fail`) outranks
 * the harness's own trouble (`error`): a violation observed stands even when another request errored.
 */
import type { Verdict } from './types.js';

export const VERDICTS_WORST_FIRST = ['fail', 'error', 'warn', 'pass', 'skip'] as const satisfies readonly Verdict[];

/** 0 for the worst verdict (`fail`), up to 4 for `skip`. */
export const verdictRank = (v: Verdict): number => VERDICTS_WORST_FIRST.indexOf(v);

/** The worse of two verdicts (the first on a tie). */
export const worse = (a: Verdict, b: Verdict): Verdict => (verdictRank(b) < verdictRank(a) ? b : a);

/** The worst of several; `skip` for none. */
export const worstOf = (verdicts: readonly Verdict[]): Verdict => verdicts.reduce<Verdict>(worse, 'skip');
