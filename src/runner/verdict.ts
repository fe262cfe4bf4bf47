/**
 * One scenario's verdict from its checks (DESIGN §5, "positive evidence"): `pass` needs a rule of the
 * scenario's own (not an ambient one) that held on something it saw; a scenario whose own checks all
 * skipped is `skip`, with the reason. A scenario whose premise failed half-way (a step not applicable:
 * the server refused or lacks what a later step needs) is `skip` too, unless one of its own checks
 * already found a breach: that finding stands. Ambient checks never decide alone (they are judged for
 * the run as a whole); a check that crashed is the harness's error wherever it is. A harness error is `error`, never turned into the target's `fail`; a
 * breach observed before it still stands (a race's double success), with its own reason.
 */
import type { CheckOutcome, Verdict } from '../checks/types.js';
import { worstOf as worst } from '../checks/verdict-order.js';

export interface VerdictInput {
  checks: readonly CheckOutcome[];
  /** The harness's own error, with the step it happened at (1-based in the text). */
  error?: { step?: number; message: string };
  /** Why the rest of the scenario was not applicable, when a step said so. */
  notApplicable?: string;
}

export function scenarioVerdict({ checks, error, notApplicable }: VerdictInput): { verdict: Verdict; reason?: string } {
  const own = checks.filter((c) => !c.ambient);
  const judged = own.filter((c) => c.verdict !== 'skip');
  // What keeps a scenario from skipping: a breach of its own rules, or a check that crashed (the harness's).
  const decisive = checks.filter((c) => (!c.ambient && (c.verdict === 'fail' || c.verdict === 'warn')) || c.verdict === 'error');
  if (error) {
    const verdict = worst([...checks.map((c) => c.verdict), 'error']);
    const at = `step ${(error.step ?? 0) + 1}: ${error.message.split('\n')[0]}`;
    return verdict === 'error' ? { verdict, reason: at } : { verdict, reason: `${firstReason(checks, verdict)} (then ${at})` };
  }
  if (notApplicable !== undefined && !decisive.length) return { verdict: 'skip', reason: notApplicable };
  if (!checks.length) return { verdict: 'error', reason: 'the scenario judged nothing (no check applied)' };
  if (!judged.length && !decisive.length) {
    const first = own.find((c) => c.message);
    return { verdict: 'skip', reason: `none of the scenario's own checks could judge${first ? `: ${first.check}: ${first.message}` : ''}` };
  }
  const verdict = worst(checks.map((c) => c.verdict));
  return { verdict, reason: firstReason(checks, verdict) };
}

function firstReason(checks: readonly CheckOutcome[], verdict: Verdict): string | undefined {
  if (verdict === 'pass') return undefined;
  const c = checks.find((x) => x.verdict === verdict);
  return c ? `${c.check}: ${c.message}` : undefined;
}
