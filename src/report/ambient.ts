/**
 * Ambient rules (no-store on token responses, a well-formed token response, state echoed, no tokens in
 * URLs) hold for every response of their kind, whichever scenario provoked it. A server that breaks one
 * breaks it everywhere: judged once per run, it is one finding listing every response it saw, not a
 * failure of every scenario that happened to get a token (DESIGN §5: a verdict comes from its own rules).
 */
import type { CheckOutcome, Verdict } from '../checks/types.js';
import { verdictRank } from '../checks/verdict-order.js';
import type { AmbientRule } from '../results/results.js';

/**
 * Folds what each scenario's ambient checks saw into one rule each, in check order of first sight.
 * `step` of the observations is as given (the records number steps from 1).
 */
export function ambientRules(scenarios: { id: string; ambient?: CheckOutcome[] }[]): AmbientRule[] {
  const rules = new Map<string, AmbientRule>();
  for (const s of scenarios) {
    for (const c of s.ambient ?? []) {
      const rule = rules.get(c.check) ?? {
        check: c.check, title: c.title, catalog: c.catalog, requirements: c.requirements, level: c.level,
        verdict: 'skip' as Verdict, message: '', seen: [],
      };
      rule.seen.push({ scenario: s.id, step: c.step, verdict: c.verdict, ...(c.verdict === 'pass' ? {} : { message: c.message }) });
      if (verdictRank(c.verdict) < verdictRank(rule.verdict)) {
        Object.assign(rule, { verdict: c.verdict, level: c.level, message: c.message, expected: c.expected, actual: c.actual });
      }
      rules.set(c.check, rule);
    }
  }
  for (const r of rules.values()) if (r.verdict === 'pass') r.message = `holds on all ${r.seen.length} response(s)`;
  return [...rules.values()];
}

/** The observations of a rule that did not hold (its verdict), e.g. to list where it broke. */
export function breaking(rule: AmbientRule): AmbientRule['seen'] {
  return rule.seen.filter((o) => o.verdict === rule.verdict);
}

/** "13 of 20 responses, in 9 scenarios", where a rule broke. */
export function seenSummary(rule: AmbientRule): string {
  const broke = breaking(rule);
  const scenarios = new Set(broke.map((o) => o.scenario)).size;
  return rule.verdict === 'pass' || rule.verdict === 'skip'
    ? `${rule.seen.length} response(s) in ${new Set(rule.seen.map((o) => o.scenario)).size} scenario(s)`
    : `${broke.length} of ${rule.seen.length} response(s), in ${scenarios} scenario(s)`;
}
