/**
 * Server strings are data: hostile text (escape sequences, OSC 8 links, title changes, bidi
 * overrides, CR/LF followed by workflow commands, Markdown images, links, mentions and raw HTML) is
 * shown, never obeyed — by the terminal helpers, the CLI's table and doctor lines, the GitHub
 * workflow commands, and summary.md as a real Markdown parser (markdown-it, GFM tables and linkify)
 * renders it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { table } from '../../src/cli/table.js';
import { formatFinding, problem } from '../../src/doctor/finding.js';
import { annotations } from '../../src/report/github.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { countVerdicts, RESULTS_SCHEMA, type RunResults, type ScenarioRecord } from '../../src/results/results.js';
import { safeMarkdown } from '../../src/text/markdown.js';
import { safeTerminal, safeTerminalLines } from '../../src/text/terminal.js';

/** What a hostile server put in error and error_description. */
export const HOSTILE = [
  '\u001b]0;pwned title\u0007', // window title
  '\u001b[2J\u001b[H', // clear screen
  '\u001b]8;;https://evil.example/\u001b\\click me\u001b]8;;\u001b\\', // OSC 8 hyperlink
  '\u009b31m', // C1 CSI
  '\r\n::stop-commands::x\n::error::forged\r', // workflow commands on a new line
  '\u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \u2028sep', // bidi and invisible
  '![img](https://evil.example/p.png) [link](https://evil.example) <img src=x onerror=alert(1)> <b>bold</b>',
  '@octocat #12 https://evil.example/auto www.evil.example mail@evil.example `code` *em* _em_ ~~del~~ | cell $x$',
].join(' ');

/** A character a terminal or a CI log would act on: C0, DEL, C1, and the invisible formatting ones. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

describe('safeTerminal', () => {
  test('no control or invisible formatting character survives; each is shown as an escape', () => {
    const out = safeTerminal(HOSTILE);
    assert.doesNotMatch(out, CONTROL);
    assert.ok(out.includes('\\e]0;pwned title\\x07') && out.includes('\\x9b31m') && out.includes('\\r\\n::stop-commands::x\\n::error::forged\\r') && out.includes('\\u202eevil'), out);
  });

  test('ordinary text, including non-Latin scripts and emoji, is left alone', () => {
    const s = 'invalid_request: redirect_uri mismatch — «données» 認可 ✓ 🔐 tab-free';
    assert.equal(safeTerminal(s), s);
    assert.equal(safeTerminal(undefined), '');
  });

  test('safeTerminalLines keeps the harness\'s own line breaks, and no line starts a workflow command', () => {
    const out = safeTerminalLines('error: x\n::error::forged\n  ::add-mask::y\r\nfine \u001b[31m');
    assert.equal(out, 'error: x\n\\x3a:error::forged\n  \\x3a:add-mask::y\nfine \\e[31m');
  });
});

describe('where server text is printed', () => {
  test('a table cell: one safe line, cut before escaping', () => {
    const out = table(['A', 'WHY'], [['x', HOSTILE]], 400);
    assert.equal(out.split('\n').length, 3);
    for (const line of out.split('\n')) assert.doesNotMatch(line, CONTROL);
  });

  test('a doctor finding: what, fix and details each one safe line', () => {
    const out = formatFinding(problem(`token endpoint said ${HOSTILE}`, HOSTILE, [`page text: ${HOSTILE}`]));
    assert.equal(out.split('\n').length, 2);
    for (const line of out.split('\n')) assert.doesNotMatch(line, CONTROL);
  });

  test('GitHub workflow commands: %, CR and LF encoded, no control character, one line each', () => {
    const r = run(HOSTILE);
    const lines = annotations(r);
    assert.ok(lines.length >= 2);
    for (const l of lines) {
      assert.doesNotMatch(l, CONTROL);
      assert.match(l, /^::(error|warning|notice) /);
      assert.ok(!l.slice(2).includes('\n') && !/%(?![0-9A-F]{2})/.test(l), l);
    }
    assert.ok(lines[0].includes('%0D%0A::stop-commands::x%0A::error::forged%0D') || lines[0].includes('\\r\\n::stop-commands'), lines[0]);
  });
});

describe('safeMarkdown, rendered by a real Markdown parser', () => {
  // markdown-it with GitHub's features: tables, autolinks (linkify), raw HTML allowed.
  const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (o: object) => { render(s: string): string };
  const md = new MarkdownIt({ html: true, linkify: true });

  test('a control: the same text unescaped does render an image, links and HTML', () => {
    const html = md.render(`| a | b |\n|---|---|\n| x | ${HOSTILE.replace(/[\r\n]/g, ' ')} |`);
    assert.match(html, /<img src="https:\/\/evil/);
    assert.match(html, /<a href="https:\/\/evil/);
    assert.match(html, /<b>bold<\/b>/);
  });

  test('escaped: no image, link, autolink, HTML tag, emphasis or code; the table keeps its cells', () => {
    const html = md.render(`| a | b |\n|---|---|\n| x | ${safeMarkdown(HOSTILE)} |`);
    assert.doesNotMatch(html, /<img|<a |<b>|<em>|<code>|<s>|<del>/, html);
    assert.equal(html.match(/<td>/g)?.length, 2, html);
    // Mentions and references are broken by a zero-width space, which GitHub's filters do not cross.
    assert.match(html, /@\u200boctocat #\u200b12/);
    // What the reader sees is the text as the server wrote it (less the control characters).
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\u200b/g, '');
    assert.ok(text.includes('![img](https://evil.example/p.png) [link](https://evil.example) <img src=x onerror=alert(1)>'), text);
  });

  test('summary.md: server text in the failures and harness-error tables is escaped', () => {
    const out = renderMarkdown(run(HOSTILE));
    const html = md.render(out);
    assert.doesNotMatch(html, /<img|<a |<b>|<em>/);
    for (const line of out.split('\n')) assert.doesNotMatch(line.replaceAll('\u200b', ''), CONTROL);
    assert.ok(!out.split('\n').some((l) => l.startsWith('::')), 'no line of it starts a workflow command');
  });
});

function run(message: string): RunResults {
  const base = { title: 't', file: 'suites/x.yaml', catalog: ['TK-01'], requirements: ['RFC6749-4.1.2'], level: 'MUST' as const, tags: [], evidence: [], stepLines: [3], durationMs: 1 };
  const check = { check: 'code-replay-rejected', title: 't', catalog: ['TK-01'], requirements: [{ id: 'RFC6749-4.1.2' }], level: 'MUST' as const, verdict: 'fail' as const, message, expected: 'no tokens', actual: message, step: 0, ambient: false };
  const scenarios: ScenarioRecord[] = [
    { ...base, id: 'failing', verdict: 'fail', reason: message, checks: [check] },
    { ...base, id: 'broken', verdict: 'error', reason: message, checks: [], error: { step: 0, message, hint: message } },
  ];
  return { schema: RESULTS_SCHEMA, harness: { name: 'oauth-conformance', version: '0' }, target: { name: 'hostile' }, profile: 'rfc9700', startedAt: '2026-01-01T00:00:00Z', durationMs: 1, counts: countVerdicts(scenarios), scenarios, gate: { failOn: 'must' } };
}
