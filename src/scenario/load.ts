/**
 * Loads scenario files: YAML -> schema (defaults filled in) -> cross-step and cross-file checks.
 * Every error of every file is collected; a file with any error yields no scenario.
 */
import { CATALOG_IDS } from '../spec/catalog.js';
import { basename } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { didYouMean } from '../load/did-you-mean.js';
import { byPosition } from '../load/errors.js';
import type { LoadError } from '../load/errors.js';
import { dotted, subjectName } from '../load/naming.js';
import type { Naming } from '../load/naming.js';
import { createAjv, exactlyOneOf, schemaErrors } from '../load/schema-errors.js';
import { listYamlFiles } from '../load/yaml-files.js';
import { errorAt, positionOf, readYamlSource } from '../load/yaml-source.js';
import type { Path, YamlSource } from '../load/yaml-source.js';
import { deriveFacts, describeLevels, type ScenarioFacts } from './facts.js';
import { CHECK_IDS } from '../checks/index.js';
import { DEFAULT_PROFILE } from '../spec/levels.js';
import { STEP_KINDS, scenarioSchema } from './schema.js';
import type { Scenario, ScenarioStep, StepKind } from './schema.js';

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  /** The YAML text as read. */
  source: string;
  /** 1-based line of each step. */
  stepLines: number[];
  /** Catalog rows, requirements and level per profile, derived from the checks it expects (facts.ts). */
  facts: ScenarioFacts;
}

export interface LoadScenariosOptions {
  /** Check ids that `expect` may name; default: the check registry's. */
  knownChecks?: ReadonlySet<string>;
}

const stepNumber = (path: Path) => (path[0] === 'steps' && typeof path[1] === 'number' ? path[1] + 1 : undefined);

/** `step 3`, `authorize (step 3)`, `"pkce" in authorize (step 3)`. */
const naming: Naming = {
  root: 'scenario',
  container(path) {
    const n = stepNumber(path);
    if (n === undefined) return undefined;
    return path.length === 2 ? `step ${n}` : `${dotted(path.slice(2))} (step ${n})`;
  },
  subject: (path) => (path.length === 2 && stepNumber(path) !== undefined ? `step ${stepNumber(path)}` : undefined),
};

/**
 * ajv ignores (and in strict mode refuses) defaults inside oneOf branches, and reports every failing
 * branch. So the document is validated with steps left open, and each step against the one branch
 * its kind key selects: defaults apply and errors speak of the step's own kind only.
 */
let validators: { document: ValidateFunction; steps: Record<StepKind, ValidateFunction> } | undefined;
function getValidators() {
  if (validators) return validators;
  const ajv = createAjv();
  const { $id: _id, ...rest } = scenarioSchema;
  const document = ajv.compile({ ...rest, properties: { ...rest.properties, steps: { ...rest.properties.steps, items: true } } });
  const branches = scenarioSchema.properties.steps.items.oneOf;
  const branchOf = (kind: StepKind) => branches.find((b) => b.required[0] === kind)!;
  const steps = Object.fromEntries(STEP_KINDS.map((kind) => [kind, ajv.compile(branchOf(kind))])) as Record<StepKind, ValidateFunction>;
  return (validators = { document, steps });
}

export function loadScenarios(paths: string[], opts: LoadScenariosOptions = {}): { scenarios: LoadedScenario[]; errors: LoadError[] } {
  const listed = listYamlFiles(paths);
  const errors = [...listed.errors];
  const scenarios: LoadedScenario[] = [];
  const ids = new Map<string, { file: string; line: number }>();
  for (const file of listed.files) {
    const { source, errors: fileErrors } = readYamlSource(file);
    if (source) fileErrors.push(...validate(source), ...checkExpectIds(source, opts.knownChecks ?? CHECK_IDS), ...checkCatalogIds(source));
    if (source && fileErrors.length === 0) {
      const scenario = source.data as Scenario;
      fileErrors.push(...checkScenario(scenario, source), ...checkUniqueId(scenario, source, ids));
      // Facts only for a scenario that is otherwise sound: no follow-on errors.
      const facts = fileErrors.length ? undefined : deriveFacts(scenario);
      if (!fileErrors.length && !facts) fileErrors.push(errorAt(source, ['steps'], 'the scenario expects no check: nothing would judge it', 'add `expect: [<check id>]` to the step whose evidence a check judges (`oauth-conformance list` names every check); the scenario\'s level, requirements and catalog rows come from its checks'));
      else if (facts) fileErrors.push(...checkWrittenFacts(scenario, facts, source));
      if (fileErrors.length === 0) {
        const stepLines = scenario.steps.map((_, i) => positionOf(source, ['steps', i]).line);
        scenarios.push({ scenario, file, source: source.text, stepLines, facts: facts! });
      }
    }
    errors.push(...fileErrors.sort(byPosition));
  }
  return { scenarios, errors };
}

/** Schema errors of the document and of each step. Fills in defaults. */
function validate(source: YamlSource): LoadError[] {
  const { document, steps } = getValidators();
  const errors: LoadError[] = [];
  if (!document(source.data)) errors.push(...schemaErrors(document.errors, source, naming));
  const data = source.data as { steps?: unknown };
  if (!data || typeof data !== 'object' || !Array.isArray(data.steps)) return errors;
  data.steps.forEach((step, i) => {
    const wrongKinds = exactlyOneOf(`step ${i + 1}`, STEP_KINDS, step, 'step');
    if (wrongKinds) {
      errors.push(errorAt(source, ['steps', i], wrongKinds.message, wrongKinds.hint));
      return;
    }
    const validateStep = steps[STEP_KINDS.find((k) => k in (step as object))!];
    if (!validateStep(step)) errors.push(...schemaErrors(validateStep.errors, source, naming, `/steps/${i}`));
  });
  return errors;
}

/**
 * Every `expect` names a known check. Judged on the raw data, whatever else is wrong with the file:
 * a misspelt check is never a follow-on error, and it must be reported in the same pass.
 */
function checkExpectIds(source: YamlSource, knownChecks: ReadonlySet<string>): LoadError[] {
  const errors: LoadError[] = [];
  const steps = (source.data as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return errors;
  steps.forEach((step: { expect?: unknown } | null, i) => {
    if (!step || typeof step !== 'object' || !Array.isArray(step.expect)) return;
    step.expect.forEach((entry: unknown, j) => {
      const check = typeof entry === 'string' ? entry : (entry as { check?: unknown } | null)?.check;
      if (typeof check !== 'string' || knownChecks.has(check)) return;
      const path = typeof entry === 'string' ? ['steps', i, 'expect', j] : ['steps', i, 'expect', j, 'check'];
      errors.push(errorAt(source, path, `unknown check "${check}" in step ${i + 1}`, didYouMean(check, knownChecks)));
    });
  });
  return errors;
}

/** Every written catalog id is a row of the catalog; judged on the raw data, like check ids. */
function checkCatalogIds(source: YamlSource): LoadError[] {
  const catalog = (source.data as { catalog?: unknown } | null)?.catalog;
  if (!Array.isArray(catalog)) return [];
  return catalog.flatMap((id: unknown, j) => (typeof id !== 'string' || CATALOG_IDS.has(id) ? []
    : [errorAt(source, ['catalog', j], `unknown catalog id "${id}"`, didYouMean(id, CATALOG_IDS) ?? 'catalog ids are listed by `oauth-conformance list --coverage`')]));
}

/**
 * `catalog`, `requirements` and `level`, when a file still writes them, say what its checks say: the
 * same rows and sections (in any order), and the level its checks have under the default profile.
 */
function checkWrittenFacts(scenario: Scenario, facts: ScenarioFacts, source: YamlSource): LoadError[] {
  const errors: LoadError[] = [];
  const remedy = (key: string) => `delete the "${key}" line: it is derived from the checks the steps expect`;
  for (const key of ['catalog', 'requirements'] as const) {
    const written = scenario[key];
    if (!written) continue;
    const derived = facts[key];
    const extra = written.filter((id) => !derived.includes(id));
    const missing = derived.filter((id) => !written.includes(id));
    if (!extra.length && !missing.length) continue;
    const what = [extra.length ? `${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} carried by no check it expects` : '', missing.length ? `its checks also carry ${missing.join(', ')}` : ''].filter(Boolean).join('; ');
    errors.push(errorAt(source, [key], `"${key}" [${written.join(', ')}] differs from its checks' [${derived.join(', ')}]: ${what}`, extra.length ? `${remedy(key)}, or expect a check that carries ${extra.join(', ')}` : `${remedy(key)}, or write [${derived.join(', ')}]`));
  }
  if (scenario.level !== undefined && scenario.level !== facts.level[DEFAULT_PROFILE]) {
    const perProfile = new Set(Object.values(facts.level)).size > 1 ? ` (by profile: ${describeLevels(facts.level)})` : '';
    errors.push(errorAt(source, ['level'], `"level" ${scenario.level} differs from its checks': ${facts.level[DEFAULT_PROFILE]} under the default profile ${DEFAULT_PROFILE}${perProfile}`, `${remedy('level')} (under each profile, the strictest level of its checks there), or override a check's level in its step: expect: [{ check: <id>, level: ${scenario.level} }]`));
  }
  return errors;
}

function kindOf(step: ScenarioStep): StepKind {
  return STEP_KINDS.find((k) => k in step)!;
}

/** Steps that yield tokens (an access token, maybe a refresh token). */
const TOKEN_STEPS: StepKind[] = ['token', 'refresh', 'grant', 'device'];

/** What the schema cannot say: file name, check ids, step ids and references between steps. */
function checkScenario(scenario: Scenario, source: YamlSource): LoadError[] {
  const errors: LoadError[] = [];
  const name = basename(source.file).replace(/\.ya?ml$/, '');
  if (scenario.id !== name) {
    errors.push(errorAt(source, ['id'], `id "${scenario.id}" does not match the file name "${basename(source.file)}"`, `rename the file to ${scenario.id}.yaml, or write id: ${name}`));
  }
  const earlier: { id?: string; kind: StepKind; index: number }[] = [];
  scenario.steps.forEach((step, i) => {
    const kind = kindOf(step);
    if (step.id !== undefined) {
      const twin = earlier.find((s) => s.id === step.id);
      if (twin) errors.push(errorAt(source, ['steps', i, 'id'], `step id "${step.id}" is already used by step ${twin.index + 1}`));
    }
    if ('token' in step) {
      errors.push(...checkReference(source, scenario.steps, earlier, i, 'token', 'code', ['authorize'], step.token.code));
      const from = step.token.code_verifier;
      if (typeof from === 'object') errors.push(...checkReference(source, scenario.steps, earlier, i, 'token', 'code_verifier', ['authorize'], from.from, ['from']));
    }
    if ('authorize' in step && step.authorize.request_uri !== undefined) {
      const ref = step.authorize.request_uri;
      errors.push(...checkReference(source, scenario.steps, earlier, i, 'authorize', 'request_uri', ['par'], ref === 'latest' ? undefined : ref));
    }
    if ('refresh' in step) errors.push(...checkReference(source, scenario.steps, earlier, i, 'refresh', 'token', TOKEN_STEPS, step.refresh.token));
    const present = 'resource' in step ? step.resource.present : undefined;
    if ('resource' in step && (step.resource.token !== undefined || present === 'header' || present === 'query')) {
      errors.push(...checkReference(source, scenario.steps, earlier, i, 'resource', 'token', TOKEN_STEPS, step.resource.token));
    }
    // introspect and revoke name a token of an earlier token step, unless they send a made-up one.
    if ('revoke' in step && step.revoke.which !== 'bogus') errors.push(...checkReference(source, scenario.steps, earlier, i, 'revoke', 'token', TOKEN_STEPS, step.revoke.token));
    if ('introspect' in step && step.introspect.which !== 'bogus') errors.push(...checkReference(source, scenario.steps, earlier, i, 'introspect', 'token', TOKEN_STEPS, step.introspect.token));
    earlier.push({ id: step.id, kind, index: i });
  });
  return errors;
}

/** A token step redeems an earlier authorize step's code; a resource step uses an earlier token step's token. */
function checkReference(
  source: YamlSource,
  steps: ScenarioStep[],
  earlier: { id?: string; kind: StepKind; index: number }[],
  i: number,
  kind: StepKind,
  field: string,
  neededKinds: StepKind[],
  ref: string | undefined,
  subPath: (string | number)[] = [],
): LoadError[] {
  const needed = neededKinds.join(' or ');
  if (ref === undefined) {
    if (earlier.some((s) => neededKinds.includes(s.kind))) return [];
    return [errorAt(source, ['steps', i], `step ${i + 1} (${kind}) needs an earlier ${needed} step`)];
  }
  const path: Path = ['steps', i, kind, field, ...subPath];
  const subject = subjectName(path, naming);
  const target = earlier.find((s) => s.id === ref);
  const candidates = earlier.filter((s) => neededKinds.includes(s.kind) && s.id !== undefined).map((s) => s.id!);
  if (!target) {
    const later = steps.findIndex((s, j) => j >= i && s.id === ref);
    const message = later >= 0
      ? `${subject} refers to step ${later + 1} ("${ref}"), which does not come before it; expected an earlier ${needed} step`
      : `${subject} refers to no step "${ref}"; expected the id of an earlier ${needed} step`;
    return [errorAt(source, path, message, didYouMean(ref, candidates))];
  }
  if (!neededKinds.includes(target.kind)) {
    return [errorAt(source, path, `${subject} refers to step ${target.index + 1} ("${ref}"), ${target.kind === 'authorize' ? 'an' : 'a'} ${target.kind} step; expected an earlier ${needed} step`)];
  }
  return [];
}

/** Scenario ids are unique across all files loaded together. */
function checkUniqueId(scenario: Scenario, source: YamlSource, ids: Map<string, { file: string; line: number }>): LoadError[] {
  const line = positionOf(source, ['id']).line;
  const first = ids.get(scenario.id);
  if (!first) {
    ids.set(scenario.id, { file: source.file, line });
    return [];
  }
  return [errorAt(source, ['id'], `scenario id "${scenario.id}" is already used by ${first.file}:${first.line}`, 'scenario ids must be unique across the suites')];
}
