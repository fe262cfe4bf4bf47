/**
 * Plain-text tables for the terminal: columns padded to their widest cell, long cells cut. A cell may
 * hold a server's text: it is cut, then made terminal-safe (one line, no control characters).
 */
import { safeTerminal } from '../text/terminal.js';

export function table(header: string[], rows: string[][], maxWidth = 60): string {
  const cut = (s: string) => safeTerminal(s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const all = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
