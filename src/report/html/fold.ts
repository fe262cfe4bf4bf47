/**
 * Folding, so a run with a hundred findings stays quick to read: what a reader can skip collapses to
 * one line (a count, or the first lines) in a <details>, which needs no script and prints expanded.
 */
import type { Verdict } from '../../checks/types.js';
import { verdictRank } from '../../checks/verdict-order.js';
import { esc } from './escape.js';

/** The verdicts a reader looks at first; pass and skip are folded. */
export const BROKEN: ReadonlySet<Verdict> = new Set(['error', 'fail', 'warn']);

/** Broken first, worst first (a stable sort: the run's order within a verdict); then the rest, in the run's order. */
export function brokenFirst<T extends { verdict: Verdict }>(items: T[]): { broken: T[]; rest: T[] } {
  const broken = items.filter((s) => BROKEN.has(s.verdict)).sort((a, b) => verdictRank(a.verdict) - verdictRank(b.verdict));
  return { broken, rest: items.filter((s) => !BROKEN.has(s.verdict)) };
}

/** `<details class="…"><summary>…</summary>…</details>`; `summary` and `body` are HTML already. */
export const fold = (cls: string, summary: string, body: string, open = false): string =>
  `<details class="${cls}"${open ? ' open' : ''}><summary>${summary}</summary>${body}</details>`;

/** The first `shown` items, the others folded under "+N more"; `wrap` makes a group of items (HTML) a block (`<ul>…</ul>`). */
export function foldItems(items: string[], shown: number, wrap: (html: string) => string, more = (n: number) => `+${n} more`): string {
  if (items.length <= shown + 1) return wrap(items.join(''));
  return `${wrap(items.slice(0, shown).join(''))}${fold('more', esc(more(items.length - shown)), wrap(items.slice(shown).join('')))}`;
}

const MAX_LINES = 6;
const MAX_CHARS = 480;

/**
 * Preformatted text (a response body, a page's text) with its first lines shown and the rest folded:
 * at most MAX_LINES lines or MAX_CHARS characters before the fold. `text` is raw; it is escaped here.
 */
export function foldedPre(text: string, cls = ''): string {
  const lines = text.split('\n');
  let head = lines.slice(0, MAX_LINES).join('\n');
  if (head.length > MAX_CHARS) head = head.slice(0, MAX_CHARS);
  const attr = cls ? ` class="${cls}"` : '';
  if (head.length >= text.length - 80) return `<pre${attr}>${esc(text)}</pre>`; // folding under a line's worth saves nothing
  const rest = text.slice(head.length);
  const more = rest.split('\n').length - (rest.startsWith('\n') ? 1 : 0);
  return `<details class="long"><summary><code class="pre${cls ? ` ${cls}` : ''}">${esc(head)}</code><span class="t fold-more">… ${more > 1 ? `${more} more lines` : `${rest.length} more characters`}</span></summary><pre${attr}>${esc(rest.replace(/^\n/, ''))}</pre></details>`;
}
