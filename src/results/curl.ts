/**
 * A back-channel request as a curl command a reviewer can paste (values already redacted), and the
 * shell quoting every reproduction line uses: whatever a server or a scenario put in a URL, header or
 * body stays one argument, on one line.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/**
 * One shell word. Single-quoted (a quote written `'\''`); a value with control or invisible formatting
 * characters is written `$'…'` with those characters as `\xHH` bytes (POSIX.1-2024, bash, zsh, ksh),
 * so a line never breaks and a pasted command is what it looks like.
 */
export function shellQuote(s: string): string {
  if (!CONTROL.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  const bytes = (c: string) => [...Buffer.from(c)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
  return `$'${[...s].map((c) => (c === '\\' || c === "'" ? `\\${c}` : CONTROL.test(c) ? bytes(c) : c)).join('')}'`;
}

/** `-g`: no URL globbing ([ ] { } are data); `--data-raw`: a body starting with @ is not a file to read. */
export function curlOf(r: { method: string; url: string; headers: Record<string, string>; body?: string }): string {
  const parts = ['curl', '-i', '-g', ...(r.method !== 'GET' ? ['-X', /^[A-Z]+$/.test(r.method) ? r.method : shellQuote(r.method)] : []), shellQuote(r.url)];
  for (const [k, v] of Object.entries(r.headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (r.body) parts.push('--data-raw', shellQuote(r.body));
  return parts.join(' ');
}
