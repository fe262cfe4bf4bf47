/**
 * A scenario's rule facts — its catalog rows, the specification sections it enforces and its level
 * under each profile — are its checks' facts, never written twice: derived here from the checks its
 * steps `expect`. A scenario file may still write `catalog`, `requirements` and `level` (a third-party
 * suite, or for readers); the loader then holds them against this derivation (load.ts).
 */
import { CHECKS_BY_ID } from '../checks/index.js';
import type { CheckDefinition } from '../checks/types.js';
import { PROFILES, levelFor, stricter, type Level, type Profile } from '../spec/levels.js';
import { MANIPULATION_ROWS, manipulationRows } from '../spec/redirect-uri-variants.js';
import type { ExpectEntry, Scenario, ScenarioStep } from './schema.js';

export interface ScenarioFacts {
  /** Catalog rows, in order of first appearance over the steps' `expect`. */
  catalog: string[];
  /** Requirement ids (`RFC6749-4.1.2`), in order of first appearance. */
  requirements: string[];
  /** The level under each profile: the strictest level of its checks there (an `expect` level applies under every profile). */
  level: Record<Profile, Level>;
}

/** The check facts a derivation needs (the registry's checks have them all). */
export type CheckFacts = Pick<CheckDefinition, 'id' | 'catalog' | 'requirements' | 'level'>;

export type CheckLookup = (id: string) => CheckFacts | undefined;

const registry: CheckLookup = (id) => CHECKS_BY_ID.get(id);

export function expectEntries(step: ScenarioStep): { check: string; level?: Level }[] {
  return (step.expect ?? []).map((e: ExpectEntry) => (typeof e === 'string' ? { check: e } : { check: e.check, level: e.level as Level | undefined }));
}

/**
 * The catalog rows a check judges on one step. A check judging every manipulation of a redirect URI
 * carries the rows of all of them; on a step it judges only the manipulation that step sends (its
 * variant's row), so those rows count only where the step names them. Its other rows always count.
 */
export function rowsOnStep(check: CheckFacts, step: ScenarioStep): string[] {
  const sent = manipulationRows(step);
  return check.catalog.filter((row) => !MANIPULATION_ROWS.has(row) || sent.includes(row));
}

/** The facts of a scenario, from the checks its steps expect; undefined when it expects none the lookup knows. */
export function deriveFacts(scenario: Pick<Scenario, 'steps'>, lookup: CheckLookup = registry): ScenarioFacts | undefined {
  const catalog = new Set<string>();
  const requirements = new Set<string>();
  const levels: { check: CheckFacts; override?: Level }[] = [];
  for (const step of scenario.steps) {
    for (const e of expectEntries(step)) {
      const check = lookup(e.check);
      if (!check) continue;
      for (const row of rowsOnStep(check, step)) catalog.add(row);
      for (const id of check.requirements) requirements.add(id);
      levels.push({ check, override: e.level });
    }
  }
  if (!levels.length) return undefined;
  const level = Object.fromEntries(PROFILES.map((p) => [p, levels.map((l) => l.override ?? levelFor(l.check.level, p)).reduce(stricter)])) as Record<Profile, Level>;
  return { catalog: [...catalog], requirements: [...requirements], level };
}

/** "rfc6749 MUST, rfc9700 MAY, oauth2.1 MAY", or one word when every profile agrees. */
export function describeLevels(level: Record<Profile, Level>): string {
  const values = new Set(Object.values(level));
  return values.size === 1 ? [...values][0] : PROFILES.map((p) => `${p} ${level[p]}`).join(', ');
}
