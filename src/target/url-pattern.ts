/**
 * URL patterns of interaction rules (`match`, `wait.url`): a glob — `**` any characters, `*` any
 * characters but `/`, `{a,b}` one of the alternatives (each a glob) — matched against the whole URL;
 * or a regular expression written `/like this/flags`, searched in the URL.
 */
import { parseTextPattern } from './load.js';

/** Compiled once per pattern: the engine tests them on every poll. */
const compiled = new Map<string, RegExp>();

export function urlPattern(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const parsed = parseTextPattern(pattern);
    // Without g/y: a stateful RegExp would answer the same URL differently on the next test.
    re = parsed instanceof RegExp ? new RegExp(parsed.source, parsed.flags.replace(/[gy]/g, '')) : new RegExp(`^${globSource(pattern)}$`);
    compiled.set(pattern, re);
  }
  return re;
}

function globSource(glob: string): string {
  return glob.split(/(\{[^{}]*\}|\*\*|\*)/).map((p) => {
    if (p === '**') return '.*';
    if (p === '*') return '[^/]*';
    if (p.startsWith('{') && p.endsWith('}')) return `(?:${p.slice(1, -1).split(',').map(globSource).join('|')})`;
    return escapeRegExp(p);
  }).join('');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
