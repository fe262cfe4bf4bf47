/**
 * Server strings are data, through the real command: a server whose OAuth errors (a JSON error from
 * the token endpoint, an error redirect from the authorization endpoint) carry escape sequences, CR/LF
 * with workflow commands, bidi overrides and Markdown (fixtures/servers/misbehaving, behaviour
 * `hostile`). `run` (as in GitHub Actions, annotations and step summary on) and `doctor` print it
 * without a control character, no line of theirs starts a workflow command but the harness's own
 * annotations, summary.md renders none of its Markdown, and summary.html and junit.xml hold none of its
 * escape sequences or bidi overrides.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMisbehavingServer, type MisbehavingServer } from '../../fixtures/servers/misbehaving/index.js';
import { ROOT } from '../../src/runner/env.js';
import { artifactsOf } from './record/artifacts.js';
import { runCli } from './run-cli.js';

const TARGET = path.join(ROOT, 'test/corpus/misbehaving-target.yaml');
/** The client secret, with characters every encoding changes. */
const SECRET = 'hostile canary+Qx7/"é!';
/** What a terminal or a CI log would act on: C0 but LF, DEL, C1, bidi and invisible formatting. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** The terminal output carries the server's text (escaped), and nothing a terminal or a runner would obey. */
function assertClean(out: string): void {
  assert.match(out, /pwned-marker/, `the server's text reached the output:\n${out}`);
  const bad = out.split('\n').flatMap((line, i) => (CONTROL.test(line) ? [`line ${i + 1}: ${JSON.stringify(line)}`] : []));
  assert.deepEqual(bad, [], 'control characters printed');
  const commands = out.split('\n').filter((l) => l.trimStart().startsWith('::') && !/^::(error|warning|notice) file=[^:]*::/.test(l));
  assert.deepEqual(commands, [], 'a line starting a workflow command that is not the harness\'s annotation');
  assert.doesNotMatch(out, /^\s*::(stop-commands|error::forged)/m);
}

describe('a hostile server\'s error strings reach the terminal, CI log and summary as data', { concurrency: 1 }, () => {
  let server: MisbehavingServer;
  before(async () => { server = await startMisbehavingServer(); });
  after(() => server.close());

  for (const endpoint of ['token', 'authorize']) {
    test(`run: the ${endpoint} endpoint's error, with GitHub annotations and step summary`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'oc-hostile-'));
      const summary = path.join(dir, 'step-summary.md');
      const r = await runCli(['run', '--target', TARGET, '--grep', '^code-single-use$', '--workers', '1', '--report-dir', path.join(dir, 'report')], {
        OC_MISBEHAVING_ISSUER: `${server.url}/${endpoint}-hostile`, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, OC_MISBEHAVING_SECRET: SECRET,
      });
      assert.notEqual(r.code, 0, r.out);
      assertClean(r.out);
      assert.match(r.out, /^::(error|warning) file=/m, `annotations were printed:\n${r.out}`);

      // summary.md (and the step summary): the server's Markdown is not rendered.
      const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (o: object) => { render(s: string): string };
      for (const file of [summary, path.join(dir, 'report/summary.md')]) {
        const md = readFileSync(file, 'utf8');
        assert.match(md, /pwned-marker/, `the server's text is in ${file}`);
        const html = new MarkdownIt({ html: true, linkify: true }).render(md);
        assert.doesNotMatch(html, /<img|<a |evil\.example\/p\.png"/, html);
        assert.ok(!md.split('\n').some((l) => CONTROL.test(l.replaceAll('\u200b', ''))), 'no control character in summary.md');
      }
      // The token endpoint echoed the client secret in every encoding: it is in no file and not in the terminal.
      const texts = [{ name: 'terminal', text: r.out }, { name: 'step summary', text: readFileSync(summary, 'utf8') }, ...artifactsOf(path.join(dir, 'report'))];
      const forms = [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64').slice(0, -2), Buffer.from(SECRET).toString('base64url'), Buffer.from(SECRET).toString('hex'), Buffer.from(SECRET).toString('hex').toUpperCase(), JSON.stringify(SECRET).slice(1, -1)];
      assert.deepEqual(texts.flatMap((t) => forms.filter((f) => t.text.includes(f)).map((f) => `${f} in ${t.name}`)), []);
      if (endpoint === 'token') assert.ok(texts.some((t) => t.name === 'results.json' && t.text.includes(' echo: ‹client_secret:')), 'the echo was recorded, masked');

      // The other reports for people and CI views carry the text too, without its escape sequences or bidi overrides.
      for (const f of ['summary.html', 'junit.xml']) {
        const text = readFileSync(path.join(dir, 'report', f), 'utf8');
        assert.match(text, /pwned-marker/, f);
        assert.doesNotMatch(text, /[\u001b\u0007\u009b\u202e]/, `${f}: no escape sequence or bidi override`);
      }
    });
  }

  test('doctor: the token endpoint\'s answer to a made-up code', async () => {
    const r = await runCli(['doctor', '--target', TARGET, '--report-dir', mkdtempSync(path.join(tmpdir(), 'oc-hostile-doctor-'))], { OC_MISBEHAVING_ISSUER: `${server.url}/token-hostile` });
    assertClean(r.out);
  });
});
