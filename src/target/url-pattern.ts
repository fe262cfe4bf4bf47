/**
 * URL patterns of interaction rules (`match`, `wait.url`): a glob — `**` any characters, `*` any
 * characters but `/`, `{a,b}` one of the alternatives (each a glob) — matched against the whole URL;
 * or a regular expression written `/like this/flags`, searched in the URL.
 */
import { parseTextPattern } from './load.js';

export function urlPattern(pattern: string): RegExp {
  const re = parseTextPattern(pattern);
  if (re instanceof RegExp) return re;
  return new RegExp(`^${globSource(pattern)}$`);
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
