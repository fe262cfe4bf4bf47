/** One line of `doctor`: a check that held, a problem with its fix, a check not run, or a note. */
import { safeTerminal } from '../text/terminal.js';

export type Mark = 'ok' | 'problem' | 'skipped' | 'note';

export interface Finding {
  mark: Mark;
  /** What was checked, and what was seen. */
  what: string;
  /** What to change, for a problem. */
  fix?: string;
  /** Further lines: the page text, where a screenshot was saved. */
  details?: string[];
}

const SYMBOL: Record<Mark, string> = { ok: '✓', problem: '✗', skipped: '–', note: '!' };

/** The finding's lines; each part may hold a server's text, so each is one terminal-safe line. */
export function formatFinding(f: Finding): string {
  const head = `${SYMBOL[f.mark]} ${safeTerminal(f.what)}${f.fix ? ` — fix: ${safeTerminal(f.fix)}` : ''}`;
  return [head, ...(f.details ?? []).map((d) => `    ${safeTerminal(d)}`)].join('\n');
}

export const ok = (what: string, details?: string[]): Finding => ({ mark: 'ok', what, details });
export const problem = (what: string, fix: string, details?: string[]): Finding => ({ mark: 'problem', what, fix, details });
export const note = (what: string): Finding => ({ mark: 'note', what });
export const skipped = (what: string): Finding => ({ mark: 'skipped', what });
