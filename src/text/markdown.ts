/**
 * Markdown-safe text, for a server's strings in summary.md (a pull-request comment, a step summary):
 * shown as written, never rendered. One line (see terminal.ts for the control characters); every
 * character Markdown or GitHub gives meaning to inline is escaped — no image, link, autolink, raw HTML,
 * table cell break, emphasis, code span or math; and `@` and `#` get a zero-width space, since GitHub
 * turns `@name` and `#12` into mentions and references after rendering, backslash or not.
 */
import { safeTerminal } from './terminal.js';

export function safeMarkdown(s: unknown): string {
  return safeTerminal(s)
    .replace(/[\\`*_[\]<>!|~&$]/g, '\\$&')
    // Autolinks: a scheme's `://` and a leading `www.` (the email kind is broken by the `@` below).
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/[@#]/g, '$&\u200b');
}
