/**
 * A parsed YAML file that remembers where every value came from, so that schema and semantic
 * errors (which speak JSON pointers, like ajv's instancePath) can be reported at file:line:column.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, YAMLError } from 'yaml';
import type { LoadError } from './errors.js';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JavaScript value (null for an empty file). */
  data: unknown;
}

export interface Position {
  line: number;
  column: number;
}

/** A path into the data: map keys as strings, sequence indexes as numbers. */
export type Path = (string | number)[];

const SYNTAX_HINTS: Record<string, string> = {
  BAD_INDENT: 'indent with spaces so that the keys of one mapping start in the same column',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BLOCK_AS_IMPLICIT_KEY: 'is a line indented too far, or is a ": " missing on the line above?',
  MULTIPLE_DOCS: 'one file holds one document: remove the "---" line',
};

/** Reads and parses a file; an unreadable file is one LoadError at line 0. */
export function readYamlSource(file: string): { source?: YamlSource; errors: LoadError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { errors: [{ file, line: 0, column: 0, message: `cannot read file: ${reason}` }] };
  }
  return parseYamlSource(file, text);
}

/** Parses YAML text; syntax errors and duplicate keys come back as LoadErrors and no source. */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; errors: LoadError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const errors: LoadError[] = [];
    const seen = new Set<string>();
    for (const err of doc.errors) {
      const error = syntaxError(file, doc, lines, err, text);
      // yaml often reports one mistake twice at the same spot (e.g. bad indent + multiline key).
      const at = `${error.line}:${error.column}`;
      if (!seen.has(at)) errors.push(error), seen.add(at);
    }
    return { errors };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? null;
  } catch (err) {
    // yaml refuses documents whose aliases expand without bound (a "billion laughs" file).
    return { errors: [{ file, line: 1, column: 1, message: `invalid YAML: ${(err as Error).message.toLowerCase()}`, hint: 'use fewer anchors and aliases (*name): write the values out' }] };
  }
  return { source: { file, text, doc, lines, data }, errors: [] };
}

function syntaxError(file: string, doc: Document.Parsed, lines: LineCounter, err: YAMLError, text: string): LoadError {
  // yaml puts a bad indent at the start of the line; the misplaced key is what to look at.
  let offset = err.pos[0];
  if (err.code === 'BAD_INDENT') while (text[offset] === ' ') offset++;
  const { line, col } = lines.linePos(offset);
  if (err.code === 'DUPLICATE_KEY') {
    const duplicate = duplicateKeyAt(doc, err.pos[0]);
    if (duplicate) {
      const first = lines.linePos(offsetOf(duplicate.first.key) ?? 0);
      return { file, line, column: col, message: `duplicate key "${duplicate.key}" (first at line ${first.line})`, hint: 'a key may appear once per mapping: merge the two entries' };
    }
  }
  // The yaml library's advice to its own callers ("please use YAML.parseAllDocuments()") is not for our users.
  const message = (err.message.charAt(0).toLowerCase() + err.message.slice(1)).replace(/; please use [\w.]+\(\)/, '');
  const hint = SYNTAX_HINTS[err.code];
  return { file, line, column: col, message: `invalid YAML: ${message}`, ...(hint ? { hint } : {}) };
}

/** The duplicated key whose node starts at `offset`, and the first pair with that key. */
function duplicateKeyAt(doc: Document.Parsed, offset: number): { key: string; first: Pair } | undefined {
  let found: { key: string; first: Pair } | undefined;
  visit(doc, {
    Map(_, map) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
          const key = String(pair.key.value);
          const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
          if (first) found = { key, first };
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

/** "/steps/2/token/code" -> ["steps", "2", "token", "code"] (RFC 6901 unescaping). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["steps", 2, "token"] -> "/steps/2/token". */
export function toPointer(path: Path): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** A pointer as a typed path: segments under arrays (in `data`) become numbers. */
export function pathOf(pointer: string, data: unknown): Path {
  const path: Path = [];
  let current: unknown = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/**
 * Where the value at `pointer` is written. `at: 'key'` gives the key that holds it instead (for an
 * unknown key, or an object missing a key: `authorize:` is where one looks, not the next line).
 * A pointer that goes beyond the document gives its deepest existing ancestor.
 */
export function positionOf(source: YamlSource, pointer: string | Path, at: 'value' | 'key' = 'value'): Position {
  const segments = typeof pointer === 'string' ? pointerSegments(pointer) : pointer.map(String);
  let node: unknown = source.doc.contents;
  let key: Node | undefined;
  let offset = offsetOf(node) ?? 0;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      key = undefined;
      node = item;
    } else {
      break;
    }
    // An empty value (`authorize:`) has no text of its own: fall back to its key.
    offset = (at === 'key' ? offsetOf(key) : undefined) ?? nonEmptyOffset(node) ?? offsetOf(key) ?? offset;
  }
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

function offsetOf(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

function nonEmptyOffset(node: unknown): number | undefined {
  const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
  return range && range[1] > range[0] ? range[0] : undefined;
}

/** A LoadError at the value (or key) at `path`. */
export function errorAt(source: YamlSource, path: string | Path, message: string, hint?: string, at: 'value' | 'key' = 'value'): LoadError {
  const { line, column } = positionOf(source, path, at);
  return { file: source.file, line, column, message, ...(hint ? { hint } : {}) };
}
