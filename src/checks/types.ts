/**
 * A check is one rule of one specification: a pure function from evidence to an outcome, with the
 * citation (requirement ids, level per profile, a short quote) kept beside it.
 */
import type { Evidence, EvidenceKind, EvidenceOf } from '../evidence/types.js';
import type { CatalogId } from '../spec/catalog.js';
import type { Level, LevelByProfile } from '../spec/levels.js';

export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

/** What a check says about one piece of evidence, before the level turns a breach into fail or warn. */
export type Judgement =
  /** `refusal`: it holds because the server refused; that counts only beside a positive control (src/runner/positive-control.ts). */
  | { holds: true; expected: string; actual: string; note?: string; refusal?: boolean }
  | { holds: false; expected: string; actual: string; message: string }
  /** The evidence cannot judge this rule (e.g. no authorization response reached the client). */
  | { holds: 'n/a'; reason: string }
  /** A breach that is lenient rather than dangerous: reported at SHOULD whatever the rule's level. */
  | { holds: 'lenient'; expected: string; actual: string; message: string };

export interface CheckContext {
  /** All evidence of the scenario so far, in order. */
  all: readonly Evidence[];
}

export interface CheckDefinition<K extends EvidenceKind = EvidenceKind> {
  /** kebab-case, equal to the file name. */
  id: string;
  title: string;
  /** Catalog ids (src/spec/catalog.ts, docs/catalog.md); a scenario expecting the check covers them. */
  catalog: CatalogId[];
  /** Requirement ids (`RFC6749-4.1.2`, src/spec/links.ts): the sections its `@see` links point at, the same set. */
  requirements: string[];
  level: LevelByProfile;
  /** A short verbatim excerpt of the cited text. */
  quote: string;
  /** The evidence kind this check judges. */
  on: K;
  /** The rule is judged on a request the server should refuse: a page no interaction rule knows is then its error page. */
  expectsRefusal?: boolean;
  /**
   * The rule is judged on the server's pages as a first-time visitor meets them (login, consent, framing,
   * subresources): a scenario judged by it never reuses the worker's logged-in browser session.
   */
  freshBrowser?: boolean;
  /** Ambient checks judge every piece of evidence of their kind, in every scenario. */
  ambient?: (e: EvidenceOf<K>) => boolean;
  evaluate(e: EvidenceOf<K>, ctx: CheckContext): Judgement;
}

export interface CheckOutcome {
  check: string;
  title: string;
  catalog: string[];
  requirements: { id: string; url?: string }[];
  level: Level;
  verdict: Verdict;
  expected?: string;
  actual?: string;
  message: string;
  /** Index of the step whose evidence was judged (0-based here; results.json numbers steps from 1). */
  step: number;
  ambient: boolean;
  /** A pass that rests on the server refusing the request (see Judgement). */
  refusal?: boolean;
}
