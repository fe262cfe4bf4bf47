/**
 * Turns a check's judgement into a verdict under a profile: a broken MUST is `fail`, a broken SHOULD
 * is `warn` (DESIGN §5); a broken MAY passes with a note (optional by definition). A lenient breach is
 * judged at SHOULD at most.
 */
import type { Evidence } from '../evidence/types.js';
import { levelFor, type Level, type Profile } from '../spec/levels.js';
import { requirementUrl } from '../spec/links.js';
import type { CheckContext, CheckDefinition, CheckOutcome, Judgement } from './types.js';

export function judge(
  check: CheckDefinition,
  evidence: Evidence,
  ctx: CheckContext,
  opts: { profile: Profile; level?: Level; ambient?: boolean },
): CheckOutcome {
  const level = opts.level ?? levelFor(check.level, opts.profile);
  const base = {
    check: check.id,
    title: check.title,
    catalog: check.catalog,
    requirements: check.requirements.map((id) => ({ id, url: requirementUrl(id) })),
    level,
    step: evidence.step,
    ambient: Boolean(opts.ambient),
  };
  let j: Judgement;
  try {
    j = (check.evaluate as (e: Evidence, c: CheckContext) => Judgement)(evidence, ctx);
  } catch (err) {
    return { ...base, verdict: 'error', message: `check ${check.id} crashed: ${(err as Error).message}` };
  }
  if (j.holds === 'n/a') return { ...base, verdict: 'skip', message: j.reason };
  if (j.holds === true) return { ...base, verdict: 'pass', expected: j.expected, actual: j.actual, message: j.note ?? 'holds', ...(j.refusal ? { refusal: true } : {}) };
  const effective: Level = j.holds === 'lenient' && level === 'MUST' ? 'SHOULD' : level;
  // MAY is optional by definition: not doing it is reported, never held against the target.
  if (effective === 'MAY') return { ...base, level: effective, verdict: 'pass', expected: j.expected, actual: j.actual, message: `optional (MAY) under this profile, not done: ${j.message}` };
  const verdict = effective === 'MUST' ? 'fail' : 'warn';
  return { ...base, level: effective, verdict, expected: j.expected, actual: j.actual, message: j.message };
}
