/**
 * Terminal-safe text: a server's strings are data, printed as visible escapes. No control character
 * (C0 with CR, LF and TAB, DEL, C1), no escape sequence (ESC, CSI, OSC 8 links, title changes) and no
 * invisible formatting character (bidi overrides and isolates, zero-width characters, line and
 * paragraph separators) reaches a terminal or a CI log as itself; so no server text starts a line
 * either, and a CI runner never reads a workflow command (`::error::`, `::stop-commands::`) in it.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

const escape = (c: string): string => {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/** One line of text, every unsafe character shown as an escape (`\e`, `\n`, `\x9b`, `\u202e`). */
export function safeTerminal(s: unknown): string {
  return String(s ?? '').replace(UNSAFE, escape);
}

/**
 * A block whose line breaks are the harness's own (a message over several lines): each line made
 * safe, and a line that would start a workflow command has its first `:` escaped.
 */
export function safeTerminalLines(s: unknown): string {
  return String(s ?? '').split(/\r?\n/).map((line) => safeTerminal(line).replace(/^(\s*):(?=:)/, '$1\\x3a')).join('\n');
}
