/**
 * The bad-input corpus: malformed files, misbehaving targets and broken browsers, each through the
 * command as a user runs it. Every case must end in exit 2 (or verdict `error`, never `fail`), with a
 * one-line cause (file:line:col for a file), no stack trace, within a time ceiling.
 * Ceilings are loose on purpose: the machine this runs on may be shared; a hang is what they catch.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMisbehavingServer, type MisbehavingServer } from '../../fixtures/servers/misbehaving/index.js';
import { chromiumExecutable } from '../../src/drive/chromium.js';
import type { RunResults } from '../../src/results/results.js';
import { ROOT } from '../../src/runner/env.js';
import { validate } from '../../src/cli/validate.js';
import { profileCopy } from './run-cli.js';

const BIN = path.join(ROOT, 'bin/oauth-conformance.mjs');
const CORPUS = path.join(ROOT, 'test/corpus');
const TARGET = path.join(CORPUS, 'misbehaving-target.yaml');

/** Runs the command without blocking this process (the misbehaving server lives here). */
function cli(args: string[], env: Record<string, string> = {}, cwd = CORPUS): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), 400_000);
    child.on('close', (code) => { clearTimeout(kill); resolve({ code, out, ms: Date.now() - started }); });
  });
}

/** What every case must show, whatever went wrong. */
function assertHarnessError(r: { code: number | null; out: string; ms: number }, cause: RegExp, hint: RegExp | undefined, ceilingMs: number): void {
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, cause);
  const line = r.out.split('\n').find((l) => cause.test(l));
  assert.ok(line, `the cause is on one line:\n${r.out}`);
  if (hint) assert.match(r.out, new RegExp(`^\\s*hint: .*${hint.source}`, 'm'));
  assert.doesNotMatch(r.out, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(r.out, /internal error|harness bug/);
  assert.ok(r.ms < ceilingMs, `took ${r.ms} ms, ceiling ${ceilingMs} ms`);
}

// ── Files: `validate <corpus case>`; [case, file:line:col, cause, hint] ──────────────────────────
const FILES: [string, string, RegExp, RegExp?][] = [
  ['yaml-tab-indent', '9:1', /invalid YAML: tabs are not allowed as indentation/, /indent with spaces/],
  ['yaml-unclosed-flow', '4:1', /invalid YAML: flow sequence .* end with a \]/, /indent with spaces/],
  ['yaml-bad-indent', '8:9', /invalid YAML: nested mappings are not allowed/, /indented too far/],
  ['yaml-duplicate-key', '7:1', /duplicate key "level" \(first at line 5\)/, /merge the two entries/],
  ['yaml-top-level-list', '1:1', /scenario must be a mapping \(got a list\)/],
  ['yaml-empty-file', '1:1', /scenario must be a mapping \(got nothing\)/],
  ['yaml-only-comments', '1:1', /scenario must be a mapping \(got nothing\)/],
  ['yaml-two-documents', '12:1', /invalid YAML: source contains multiple documents$/m, /remove the "---" line/],
  ['yaml-binary-garbage', '2:1', /invalid YAML: implicit map keys need to be followed by map values/],
  ['yaml-alias-bomb', '1:1', /invalid YAML: excessive alias count/, /fewer anchors and aliases/],
  ['yaml-unknown-tag', '7:35', /step 1 must be a mapping with exactly one of authorize/],
  ['yaml-unterminated-string', '11:1', /invalid YAML: missing closing "quote/],
  ['type-level-number', '5:8', /"level" must be one of MUST, SHOULD, MAY \(got 1\)/],
  ['type-steps-string', '7:8', /"steps" must be a list \(got "authorize"\)/],
  ['type-catalog-string', '3:10', /"catalog" must be a list \(got "TK-01"\)/],
  ['type-expect-string', '9:13', /"expect" in step 1 must be a list/],
  ['type-step-null', '8:5', /"authorize" in step 1 must be a mapping \(got nothing\)/, /write \{\} for an empty mapping/],
  ['type-title-mapping', '2:8', /"title" must be text \(got a mapping\)/],
  ['type-concurrent-string', '10:38', /"concurrent" in token \(step 2\) must be a whole number \(got "many"\)/],
  ['rounds-without-concurrent', '10:26', /"rounds" in token \(step 2\) needs "concurrent" too/],
  ['missing-id', '1:1', /missing required key "id" in scenario/],
  ['missing-steps', '1:1', /missing required key "steps" in scenario/],
  ['empty-steps', '7:8', /"steps" must have at least 1 item/],
  ['unknown-top-key', '7:1', /unknown key "titel" in scenario/, /did you mean title\?/],
  ['unknown-step-option', '8:18', /unknown key "clinet" in authorize \(step 1\)/, /did you mean client\?/],
  ['unknown-check', '9:14', /unknown check "metadata-publisher" in step 1/, /did you mean metadata-published\?/],
  ['unknown-step-kind', '8:5', /step 1 must have exactly one of authorize, token/, /did you mean authorize\?/],
  ['two-step-kinds', '8:5', /\(it has authorize and metadata\)/, /split it into one step per kind/],
  ['unknown-mutation-variant', '8:43', /"variant" in authorize\.redirect_uri \(step 1\) must be one of/, /did you mean path-suffix\?/],
  ['unknown-mutation-verb', '8:18', /unknown key "scramble" in authorize \(step 1\)/],
  ['unknown-feature', '6:12', /"features\[0\]" must be one of authorization-code/, /did you mean pkce\?/],
  ['unknown-requirement', '4:16', /"requirements\[0\]" must be a requirement id like RFC6749-4\.1\.2/],
  ['unknown-catalog-row', '3:11', /unknown catalog id "ZZ-99"/, /oauth-conformance list --coverage/],
  ['unknown-client-key', '8:26', /"client" in authorize \(step 1\) must be text \(got 42\)/],
  ['unknown-step-reference', '10:20', /refers to no step "auht"/, /did you mean auth\?/],
  ['id-not-file-name', '1:5', /id "some-other-id" does not match the file name/, /rename the file/],
  ['id-bad-pattern', '1:5', /"id" must be an id of lowercase letters/],
  ['target-missing-env', '14:13', /environment variable OC_CORPUS_NEVER_SET is not set/, /export it/],
  ['target-bad-env-syntax', '14:13', /malformed environment reference "\$\{env:\}"/, /write \$\{env:NAME\}/],
  ['target-unknown-key', '11:1', /unknown key "scopes" in target profile/, /did you mean scope\?/],
  ['target-unknown-feature', '34:12', /"features\[0\]" must be one of/, /did you mean authorization-code\?/],
  ['target-unknown-flaw', '9:21', /unknown flaw "code-reuse-twice"/, /known flaws: /],
  ['target-wrong-type-timeouts', '11:19', /"http" in timeouts must be a whole number \(got "fast"\)/],
  ['target-no-clients', '7:1', /missing required keys? .*"clients"/],
  ['target-interaction-unknown-action', '42:9', /must have exactly one of fill, click, check, wait/],
  ['target-yaml-syntax', '14:5', /invalid YAML: flow sequence/, /indent with spaces/],
  ['target-issuer-and-embedded-missing', '7:1', /target profile needs "issuer"/, /embedded: \{\} for the built-in server/],
];

/**
 * `validate`'s own function, in this process: the corpus is about what each file's error says, and a
 * process per file would only pay the start-up 40 times. The command's exit code and output as a child
 * process are asserted below (duplicate-ids, no-yaml-files, a missing path, the command lines).
 */
function validateHere(file: string): { code: number; out: string; ms: number } {
  const started = Date.now();
  const lines: string[] = [];
  const code = validate([file], (s) => lines.push(s));
  return { code, out: lines.join('\n'), ms: Date.now() - started };
}

describe('bad files: validate exits 2 with file:line:col and the cause', () => {
  for (const [name, at, cause, hint] of FILES) {
    test(name, () => {
      const file = path.join(CORPUS, name, existsSync(path.join(CORPUS, name, `${name}.yaml`)) ? `${name}.yaml` : 'target.yaml');
      const r = validateHere(file);
      assertHarnessError(r, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${at}: .*${cause.source}`, 'm'), hint, 120_000);
    });
  }
});

describe('bad files through the command: exit 2 with the cause', { concurrency: 3 }, () => {
  test('duplicate-ids', async () => {
    const r = await cli(['validate', 'duplicate-ids']);
    assertHarnessError(r, /^duplicate-ids\/b\/dup\.yaml:1:5: scenario id "dup" is already used by duplicate-ids\/a\/dup\.yaml:1/m, /must be unique/, 120_000);
  });
  test('no-yaml-files', async () => {
    assertHarnessError(await cli(['validate', 'no-yaml-files']), /^no-yaml-files: no scenario files/m, /pass a scenario file/, 120_000);
  });
  test('a path that does not exist', async () => {
    assertHarnessError(await cli(['validate', 'nowhere.yaml']), /^nowhere\.yaml: no such file or directory/m, undefined, 120_000);
  });
});

// ── Command lines: usage errors, before anything runs ───────────────────────────────────────────
const USAGE: [string, string[], RegExp, RegExp?][] = [
  ['unknown command', ['frobnicate'], /^error: unknown command "frobnicate"/m],
  ['unknown option', ['run', '--wrokers', '2'], /^error: Unknown option '--wrokers'/m],
  ['--workers 0', ['run', '--workers', '0'], /^error: --workers takes a positive whole number/m],
  ['--race-rounds 0', ['run', '--race-rounds', '0'], /^error: --race-rounds takes a whole number from 1 to 50/m],
  ['--profile unknown', ['run', '--profile', 'rfc1234'], /^error: --profile must be one of rfc6749, rfc9700, oauth2\.1/m],
  ['--target missing', ['run', '--target', 'nowhere.yaml'], /nowhere\.yaml: cannot read file: no such file/],
  ['--target malformed', ['run', '--target', 'target-unknown-key/target.yaml'], /target-unknown-key\/target\.yaml:11:1: unknown key "scopes"/, /did you mean scope\?/],
  ['--flaw on a real target', ['run', '--target', 'misbehaving-target.yaml', '--flaw', 'code-reuse'], /--flaw applies to the embedded target only/],
  ['OC_CHROMIUM missing', ['run', '--target', 'misbehaving-target.yaml'], /^error: OC_CHROMIUM=\/nonexistent\/chromium: no such file/m, /point OC_CHROMIUM at a Chromium binary/],
];

describe('bad command lines: exit 2 before anything runs', { concurrency: 3 }, () => {
  for (const [name, args, cause, hint] of USAGE) {
    test(name, async () => {
      const r = await cli(args, { OC_MISBEHAVING_ISSUER: 'http://127.0.0.1:9/x', ...(name.startsWith('OC_CHROMIUM') ? { OC_CHROMIUM: '/nonexistent/chromium' } : {}) });
      assertHarnessError(r, cause, hint, 120_000);
    });
  }
});

// ── Misbehaving targets and broken browsers: full runs, verdict `error`, never `fail` ──────────
describe('misbehaving targets and browsers: every scenario `error`, exit 2', { concurrency: 2 }, () => {
  let server: MisbehavingServer;
  let closedPort: number;
  before(async () => {
    server = await startMisbehavingServer();
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve)); // nothing listens there any more
  });
  after(() => server.close());

  /** [case, issuer (from the server's base URL), scenario grep, cause, hint, extra env] */
  const RUNS: [string, (base: string) => string, string, RegExp, RegExp, Record<string, string>?][] = [
    ['metadata: HTML page', (b) => `${b}/meta-html`, 'metadata-published', /no metadata found .*→ 200 with text\/html/, /check the issuer/],
    ['metadata: 500', (b) => `${b}/meta-500`, 'metadata-published', /no metadata found .*→ 500/, /check the issuer/],
    ['metadata: empty body', (b) => `${b}/meta-empty`, 'metadata-published', /no metadata found .*→ 200 with an empty body/, /check the issuer/],
    ['metadata: endless body', (b) => `${b}/meta-huge`, 'metadata-published', /no metadata found .*→ 200 with application\/json, \d+ characters/, /check the issuer/],
    ['metadata: never answers', (b) => `${b}/meta-slow`, 'metadata-published', /GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\/meta-slow failed: TIMEOUT no complete answer within 2000 ms/, /did not answer in time/],
    ['metadata: body trickles forever', (b) => `${b}/meta-drip`, 'metadata-published', /meta-drip failed: TIMEOUT no complete answer within 2000 ms/, /did not answer in time/],
    ['metadata: redirect loop', (b) => `${b}/meta-loop`, 'metadata-published', /no metadata found .*→ 302 to \/\.well-known/, /check the issuer/],
    ['token endpoint: HTML page', (b) => `${b}/token-html`, '^code-single-use$', /POST http:\/\/127\.0\.0\.1:\d+\/token-html\/token answered 200 with text\/html.*not a JSON token response/, /is `token_endpoint`/],
    ['token endpoint: 500', (b) => `${b}/token-500`, '^code-single-use$', /the token endpoint failed: POST .*\/token-500\/token answered 500/, /a server error judges nothing/],
    ['token endpoint: empty body', (b) => `${b}/token-empty`, '^code-single-use$', /token-empty\/token answered 200 with an empty body, not a JSON token response/, /is `token_endpoint`/],
    ['token endpoint: endless body', (b) => `${b}/token-huge`, '^code-single-use$', /token-huge\/token answered 200 with application\/json, \d+ characters.*not a JSON token response/, /is `token_endpoint`/],
    ['token endpoint: never answers', (b) => `${b}/token-slow`, '^code-single-use$', /token-slow\/token failed: TIMEOUT no complete answer within 2000 ms/, /did not answer in time/],
    ['token endpoint: body trickles forever', (b) => `${b}/token-drip`, '^code-single-use$', /token-drip\/token failed: TIMEOUT/, /did not answer in time/],
    ['token endpoint: redirect loop', (b) => `${b}/token-loop`, '^code-single-use$', /token-loop\/token answered 302 to \/token-loop\/token: a redirect/, /follows no redirects/],
    ['login page whose locators never match', (b) => `${b}/authorize-nologin`, '^code-single-use$', /no interaction rule matched the page/, /.+/],
    ['authorization endpoint never answers', (b) => `${b}/authorize-slow`, '^code-single-use$', /step 1: .*(timeout|Timeout|did not)/, /.+/],
    ['connection refused', () => `http://127.0.0.1:${closedPort}/meta-ok`, 'metadata-published', /failed: ECONNREFUSED/, /nothing listens there/],
    ['TLS error (https to a plain-http port)', (b) => `${b.replace('http:', 'https:')}/meta-ok`, 'metadata-published', /failed: \S*(EPROTO|SSL|TLS|ECONNRESET)\S*/, /TLS failed|closed the connection/],
    ['browser cannot start (OC_CHROMIUM=/bin/false)', (b) => `${b}/meta-ok`, 'metadata-published', /Chromium did not start \(\/bin\/false\)/, /check OC_CHROMIUM/, { OC_CHROMIUM: '/bin/false' }],
    ['browser killed mid-run', (b) => `${b}/authorize-slow`, '^code-single-use$', /the browser closed or crashed during the step|browser has been closed|Target.*closed/i, /.+/,
      { OC_CHROMIUM: path.join(CORPUS, 'browser-killed/chromium.sh'), OC_REAL_CHROMIUM: chromiumExecutable() ?? '', OC_KILL_AFTER: '3' }],
  ];

  // The cases that need no environment of their own share a run per scenario as its projects: each case a
  // target of its own (its issuer written into a copy of the profile), each run started once.
  const runs = new Map<string, Promise<{ code: number | null; out: string; ms: number; dir: string }>>();
  const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const sharedRun = (grep: string) => {
    if (!runs.has(grep)) {
      runs.set(grep, (async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'oc-bad-'));
        const profiles = RUNS.filter(([, , g, , , env]) => g === grep && !env)
          .map(([name, issuer]) => profileCopy(TARGET, dir, slug(name), [['${env:OC_MISBEHAVING_ISSUER}', issuer(server.url)]]));
        const report = path.join(dir, 'report');
        return { ...await cli(['run', ...profiles.flatMap((f) => ['--target', f]), '--grep', grep, '--workers', '2', '--report-dir', report]), dir: report };
      })());
    }
    return runs.get(grep)!;
  };

  for (const [name, issuer, grep, cause, hint, env] of RUNS) {
    test(name, async () => {
      let r: { code: number | null; out: string; ms: number; dir: string };
      if (env) {
        const dir = mkdtempSync(path.join(tmpdir(), 'oc-bad-'));
        r = { ...await cli(['run', '--target', TARGET, '--grep', grep, '--workers', '1', '--report-dir', dir], { OC_MISBEHAVING_ISSUER: issuer(server.url), ...env }), dir };
      } else {
        r = await sharedRun(grep);
      }
      assertHarnessError(r, cause, hint, 300_000);
      const res = JSON.parse(readFileSync(path.join(r.dir, 'results.json'), 'utf8')) as RunResults;
      const mine = env ? res.scenarios : res.scenarios.filter((s) => s.project === slug(name));
      assert.ok(mine.length >= 1, `no scenario ran for ${name}`);
      assert.equal(res.counts.fail, 0, 'never the target\'s fail');
      assert.ok(mine.every((s) => s.verdict === 'error'), mine.map((s) => `${s.id}: ${s.verdict}`).join(', '));
      if (!env) assert.ok(mine.some((s) => cause.test(`${s.reason} ${s.error?.message}`)), `results.json names the cause: ${mine.map((s) => s.reason).join('; ')}`);
    });
  }
});
