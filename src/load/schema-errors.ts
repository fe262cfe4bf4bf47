/**
 * ajv errors -> LoadErrors for people. ajv speaks in schema terms and, with allErrors, reports every
 * failing branch of a oneOf/anyOf; this module names the key and what was expected, and collapses
 * unions to the branch the author evidently meant (or one message listing the accepted forms).
 */
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { CATALOG_ID_PATTERN } from '../spec/catalog.js';
import { REQUIREMENT_DOCUMENTS, REQUIREMENT_PATTERN } from '../spec/links.js';
import { closest, didYouMean } from './did-you-mean.js';
import type { LoadError } from './errors.js';
import { containerName, subjectName } from './naming.js';
import type { Naming } from './naming.js';
import { errorAt, pathOf, toPointer } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

/** The one ajv configuration of the loaders: defaults filled in (the FromSchema types rely on it). */
export function createAjv(): Ajv {
  return new Ajv({ strict: true, allErrors: true, useDefaults: true, verbose: true });
}

type Schema = Record<string, any>;

const ID_PATTERN = '^[a-z][a-z0-9-]*$';
const PATTERN_WORDS: Record<string, string> = {
  [ID_PATTERN]: 'an id of lowercase letters, digits and hyphens, starting with a letter',
  [CATALOG_ID_PATTERN]: 'a catalog id like TK-01',
  '^[a-zA-Z0-9][a-zA-Z0-9._-]*$': 'a name of letters, digits, ".", "_" and "-"',
  [REQUIREMENT_PATTERN]: `a requirement id like RFC6749-4.1.2 (${REQUIREMENT_DOCUMENTS.slice(0, -1).join(', ')} or ${REQUIREMENT_DOCUMENTS.at(-1)})`,
};

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/** A value as quoted in a message: `"must"`, `42`, `a mapping`. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The check for objects that must hold exactly one of several kind keys (a step, a page action).
 * Returns the message when `data` does not, or undefined when it does.
 */
export function exactlyOneOf(subject: string, kinds: readonly string[], data: unknown, unit = 'entry'): { message: string; hint?: string } | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { message: `${subject} must be a mapping with exactly one of ${kinds.join(', ')} (got ${show(data)})` };
  }
  const keys = Object.keys(data);
  const present = kinds.filter((k) => keys.includes(k));
  if (present.length === 1) return undefined;
  const message = `${subject} must have exactly one of ${kinds.join(', ')} (it has ${present.length ? listWords(present) : 'none'})`;
  // With none, a misspelt kind is the likely cause: suggest it.
  const hint = present.length === 0 ? keys.map((k) => didYouMean(k, kinds)).find(Boolean) : `split it into one ${unit} per kind`;
  return { message, hint };
}

/** LoadErrors for ajv's errors; `base` is the pointer of the validated value within the document. */
export function schemaErrors(errors: ErrorObject[] | null | undefined, source: YamlSource, naming: Naming, base = ''): LoadError[] {
  const out: LoadError[] = [];
  const add = (pointer: string, at: 'value' | 'key', message: string, hint?: string) => out.push(errorAt(source, pointer, message, hint, at));
  const { kept, unions } = collapseUnions(dropTypoRequired(errors ?? []));

  for (const e of unions) {
    const pointer = base + e.instancePath;
    const path = pathOf(pointer, source.data);
    const m = unionMessage(e, subjectName(path, naming));
    add(pointer, 'value', m.message, m.hint);
  }
  for (const e of kept) {
    const pointer = base + e.instancePath;
    const path = pathOf(pointer, source.data);
    const subject = subjectName(path, naming);
    const p = e.params as Record<string, any>;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(p.additionalProperty);
        const allowed = Object.keys((e.parentSchema as Schema)?.properties ?? {}).filter((k) => !k.startsWith('$'));
        const expected = allowed.length ? `; expected one of: ${allowed.join(', ')}` : '';
        add(toPointer([...path, key]), 'key', `unknown key "${key}" in ${containerName(path, naming)}${expected}`, didYouMean(key, allowed));
        break;
      }
      case 'required': {
        // One message per object: `missing required keys "id", "auth" in clients.x`.
        const missing = kept.filter((o) => o.keyword === 'required' && o.instancePath === e.instancePath).map((o) => `"${(o.params as Record<string, unknown>).missingProperty}"`);
        if (missing[0] !== `"${p.missingProperty}"`) break;
        add(pointer, 'key', `missing required key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in ${containerName(path, naming)}`);
        break;
      }
      case 'dependencies':
        // e.g. `rounds` without `concurrent`: the key that needs the other is where the fix goes.
        add(toPointer([...path, String(p.property)]), 'key', `"${p.property}" in ${containerName(path, naming)} needs "${p.missingProperty}" too`);
        break;
      case 'type': {
        const types = (Array.isArray(p.type) ? p.type : String(p.type).split(',')).map((t: string) => TYPE_WORDS[t] ?? t);
        const hint = e.data === null && p.type === 'object' && path.length > 0 ? 'write {} for an empty mapping' : undefined;
        add(pointer, 'value', `${subject} must be ${types.join(' or ')} (got ${show(e.data)})`, hint);
        break;
      }
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).map(String);
        add(pointer, 'value', `${subject} must be one of ${allowed.join(', ')} (got ${show(e.data)})`, typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined);
        break;
      }
      case 'pattern':
        add(pointer, 'value', `${subject} must be ${PATTERN_WORDS[p.pattern] ?? `text matching /${p.pattern}/`} (got ${show(e.data)})`);
        break;
      case 'minItems':
        add(pointer, 'value', `${subject} must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`);
        break;
      case 'minProperties':
        add(pointer, 'value', `${subject} must have at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}`);
        break;
      case 'minLength':
        add(pointer, 'value', p.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${p.limit} characters long`);
        break;
      case 'minimum':
      case 'maximum':
        add(pointer, 'value', `${subject} must be ${p.comparison} ${p.limit} (got ${show(e.data)})`);
        break;
      case 'uniqueItems': {
        const later = Math.max(p.i, p.j);
        add(`${pointer}/${later}`, 'value', `${subject} lists ${show((e.data as unknown[])[later])} more than once`);
        break;
      }
      default:
        add(pointer, 'value', `${subject} ${e.message ?? 'is invalid'}`);
    }
  }
  return out;
}

/** A misspelt required key is reported once, as the unknown key with its did-you-mean. */
function dropTypoRequired(errors: ErrorObject[]): ErrorObject[] {
  const typos = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const allowed = Object.keys((e.parentSchema as Schema)?.properties ?? {});
    const meant = closest(String((e.params as Record<string, unknown>).additionalProperty), allowed);
    if (meant) typos.add(`${e.instancePath}\0${meant}`);
  }
  return errors.filter((e) => !(e.keyword === 'required' && typos.has(`${e.instancePath}\0${(e.params as Record<string, unknown>).missingProperty}`)));
}

/**
 * Splits errors into those to report one by one and the unions to report as one message each.
 * For every oneOf/anyOf that failed, either one branch is evidently meant (its kind key is present,
 * or it is the only branch of the value's type) and only its errors are kept, or none is and the
 * union error itself stands for all its branches.
 */
function collapseUnions(errors: ErrorObject[]): { kept: ErrorObject[]; unions: ErrorObject[] } {
  const dropped: { instancePath: string; schemaPrefix: string }[] = [];
  const isDropped = (e: ErrorObject) =>
    dropped.some((d) => e.schemaPath.startsWith(d.schemaPrefix) && (e.instancePath === d.instancePath || e.instancePath.startsWith(`${d.instancePath}/`)));
  const unions: ErrorObject[] = [];
  const composites = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of composites) {
    if (isDropped(union)) continue;
    const branches = union.schema as Schema[];
    const meant = meantBranch(branches, union.data);
    branches.forEach((_, i) => {
      if (i !== meant) dropped.push({ instancePath: union.instancePath, schemaPrefix: `${union.schemaPath}/${i}/` });
    });
    if (meant === undefined) unions.push(union);
  }
  const kept = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && !isDropped(e));
  return { kept, unions };
}

/** The single required key of each branch, when every branch is a `{ kind: ... }` object. */
function kindKeys(branches: Schema[]): string[] | undefined {
  const keys = branches.map((b) => (b.type === 'object' && b.required?.length === 1 ? String(b.required[0]) : undefined));
  return keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
}

function meantBranch(branches: Schema[], data: unknown): number | undefined {
  const kinds = kindKeys(branches);
  if (kinds) {
    if (!isObject(data)) return undefined;
    const present = kinds.filter((k) => k in data);
    return present.length === 1 ? kinds.indexOf(present[0]) : undefined;
  }
  let candidates = branches.map((b, i) => [b, i] as const).filter(([b]) => accepts(b, data));
  // Several object forms ({ variant } or { of }): the one whose required keys the mapping has is meant.
  if (candidates.length > 1 && isObject(data)) {
    const keyed = candidates.filter(([b]) => b.type === 'object' && (b.required ?? []).length > 0 && (b.required as string[]).every((k) => k in data));
    if (keyed.length === 1) candidates = keyed;
  }
  // Only one branch takes this type of value: its own errors are the precise ones. An enum branch
  // is the exception: listing every accepted form tells more than "must be one of" its values.
  if (candidates.length === 1 && !candidates[0][0].enum) return candidates[0][1];
  return undefined;
}

function unionMessage(union: ErrorObject, subject: string): { message: string; hint?: string } {
  const branches = union.schema as Schema[];
  const kinds = kindKeys(branches);
  if (kinds) return exactlyOneOf(subject, kinds, union.data) ?? { message: `${subject} is invalid` };
  const forms = branches.flatMap(formsOf);
  const words = branches.flatMap((b) => (b.enum ?? []).map(String));
  const hint = typeof union.data === 'string' ? didYouMean(union.data, words) : undefined;
  return { message: `${subject} must be one of ${forms.join(', ')} (got ${show(union.data)})`, hint };
}

/** The ways a schema can be written, for "must be one of: random, omit, { value: <text> }". */
function formsOf(schema: Schema): string[] {
  if (schema.enum) return schema.enum.map(String);
  if (schema.type === 'object') {
    const required: string[] = schema.required ?? [];
    const fields = Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(
      ([key, s]) => `${key}${required.includes(key) ? '' : '?'}: ${formsOf(s).join(' | ')}`,
    );
    return [`{ ${fields.join(', ')} }`];
  }
  if (schema.type === 'string') return [schema.pattern === ID_PATTERN ? '<id>' : '<text>'];
  return [`<${TYPE_WORDS[schema.type] ?? 'value'}>`];
}

function accepts(schema: Schema, data: unknown): boolean {
  const types: string[] = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length === 0) return true;
  const actual = data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data;
  return types.some((t) => t === actual || (t === 'integer' && Number.isInteger(data)));
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

