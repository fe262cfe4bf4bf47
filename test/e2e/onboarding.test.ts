/**
 * From nothing to a checked profile: `init` against the real embedded server writes a draft that
 * loads once its env placeholders are set, and `doctor` passes on it; each kind of mistake (wrong
 * password, wrong client secret, a locator that does not match, an unreachable issuer, an untrusted
 * certificate) is reported as exactly that one problem, with its fix, in bounded time.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generate } from 'selfsigned';
import { startEmbeddedServer, type EmbeddedServer } from '../../fixtures/servers/embedded/index.js';
import { doctorCommand } from '../../src/cli/doctor.js';
import { init } from '../../src/cli/init.js';
import { ROOT } from '../../src/runner/env.js';
import { DRAFT_ENV } from '../../src/target/draft.js';
import { loadTarget } from '../../src/target/load.js';

/** Distinctive values, so that any leak into the output is findable. */
const ACCOUNT = {
  [DRAFT_ENV.clientId]: 'onboarding-client',
  [DRAFT_ENV.clientSecret]: 'onb-canary-secret-Zq81mXw4Tr',
  [DRAFT_ENV.username]: 'dora',
  [DRAFT_ENV.password]: 'onb-canary-password-Hy62kLp0',
};
const CB = 'https://client.oauth-conformance.test/cb';

let server: EmbeddedServer;
let dir: string;
let profile: string;
/** `init` against the embedded server: every doctor test starts from the profile it wrote. */
let initRun: { code: number; out: string };

async function capture<T>(fn: (out: (s: string) => void) => Promise<T>): Promise<{ code: T; out: string; seconds: number }> {
  const lines: string[] = [];
  const started = Date.now();
  const code = await fn((s) => lines.push(s));
  return { code, out: lines.join('\n'), seconds: (Date.now() - started) / 1000 };
}

function doctorOn(file: string, env: Record<string, string> = {}, flags: { ca?: string; insecure?: boolean } = {}) {
  return capture((out) => doctorCommand({ target: file, reportDir: dir, ...flags }, out, { ...process.env, ...ACCOUNT, ...env }));
}

/** The ✗ lines of doctor's output. */
const problems = (out: string) => out.split('\n').filter((l) => l.startsWith('✗'));

function assertNoSecret(out: string): void {
  for (const key of [DRAFT_ENV.clientSecret, DRAFT_ENV.password]) assert.ok(!out.includes(ACCOUNT[key]), `${key} leaked:\n${out}`);
}

/** A variant of the generated profile, edited as text the way a user would. */
function variant(name: string, edit: (text: string) => string): string {
  const file = path.join(dir, `${name}.yaml`);
  const text = edit(readFileSync(profile, 'utf8'));
  assert.notEqual(text, readFileSync(profile, 'utf8'), `${name}: the edit changed nothing`);
  writeFileSync(file, text);
  return file;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'oc-onboarding-'));
  server = await startEmbeddedServer({
    clients: [{ id: ACCOUNT[DRAFT_ENV.clientId], secret: ACCOUNT[DRAFT_ENV.clientSecret], auth: 'client_secret_basic', redirect_uris: [CB] }],
    users: [{ username: ACCOUNT[DRAFT_ENV.username], password: ACCOUNT[DRAFT_ENV.password] }],
  });
  profile = path.join(dir, 'target.yaml');
  initRun = await capture((out) => init({ issuer: server.issuer, out: profile, name: 'onboarding' }, out));
});

after(() => server?.close());

describe('oauth-conformance init', () => {
  test('writes a commented draft from the metadata that loads once its env placeholders are set', async () => {
    const r = initRun;
    assert.equal(r.code, 0, r.out);
    const text = readFileSync(profile, 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=.*schemas\/target\.schema\.json/);
    assert.match(text, new RegExp(`issuer: "${server.issuer}"\\s+# metadata read from ${server.issuer}/\\.well-known/openid-configuration`));
    assert.match(text, /# TODO: register these clients/);
    assert.match(text, /secret: \$\{env:OC_CLIENT_SECRET\}/);
    // Derived from oidc-provider's metadata: S256, iss parameter, basic and post client authentication.
    for (const f of ['authorization-code', 'pkce', 'iss-parameter', 'client-secret-basic', 'client-secret-post']) assert.match(text, new RegExp(`^  - ${f}$`, 'm'));
    assert.match(text, /^ {2}# - public-client/m, 'operator-only features are offered commented out');
    assert.match(r.out, /next:[\s\S]*doctor --target/);

    const unset = loadTarget(profile, {});
    assert.equal(unset.target, undefined);
    assert.ok(unset.errors.some((e) => /OC_CLIENT_SECRET/.test(e.message) && e.line > 0), JSON.stringify(unset.errors));
    const set = loadTarget(profile, ACCOUNT);
    assert.deepEqual(set.errors, []);
    assert.equal(set.target?.clients.confidential.secret, ACCOUNT[DRAFT_ENV.clientSecret]);
  });

  test('never overwrites a file without --force', async () => {
    const file = path.join(dir, 'mine.yaml');
    writeFileSync(file, 'my own work\n');
    const refused = await capture((out) => init({ issuer: server.issuer, out: file }, out));
    assert.equal(refused.code, 2);
    assert.match(refused.out, /already exists[\s\S]*--force/);
    assert.equal(readFileSync(file, 'utf8'), 'my own work\n');
    const forced = await capture((out) => init({ issuer: server.issuer, out: file, force: true }, out));
    assert.equal(forced.code, 0, forced.out);
    assert.match(readFileSync(file, 'utf8'), /^name: "127\.0\.0\.1"$/m);
  });

  test('without metadata: a clear error naming the flags to give; with them, a draft on those endpoints', async () => {
    const issuer = `${server.issuer}/no-metadata-here`;
    const file = path.join(dir, 'bare.yaml');
    const r = await capture((out) => init({ issuer, out: file }, out));
    assert.equal(r.code, 2);
    assert.match(r.out, /no metadata found for issuer .*no-metadata-here/);
    assert.match(r.out, /hint: .*--authorization-endpoint <url> --token-endpoint <url>/);
    assert.ok(!existsSync(file));

    const given = await capture((out) => init({ authorizationEndpoint: `${server.issuer}/auth`, tokenEndpoint: `${server.issuer}/token`, out: file }, out));
    assert.equal(given.code, 0, given.out);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /# no metadata was found/);
    assert.match(text, new RegExp(`authorization: "${server.issuer}/auth"`));
    // Nothing told what the server offers: every feature is offered commented out, with what it means.
    assert.match(text, /No metadata was read: uncomment what the server offers/);
    for (const f of ['pkce', 'refresh-token', 'iss-parameter', 'client-secret-basic', 'public-client']) assert.match(text, new RegExp(`^  # - ${f}\\s+# \\S`, 'm'), f);
    assert.deepEqual(loadTarget(file, ACCOUNT).target?.features, ['authorization-code']);
  });

  test('--resource declares the feature `resource`, not commented out', async () => {
    const file = path.join(dir, 'with-resource.yaml');
    const r = await capture((out) => init({ issuer: server.issuer, out: file, resource: `${server.issuer}/me` }, out));
    assert.equal(r.code, 0, r.out);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^resource: "${server.issuer}/me"$`, 'm'));
    assert.match(text, /^  - resource$/m);
    assert.doesNotMatch(text, /# - resource/);
    assert.ok(loadTarget(file, ACCOUNT).target?.features.includes('resource'));
  });

  test('an issuer that does not answer: the cause and its own hint, not the no-metadata one', async () => {
    const r = await capture((out) => init({ issuer: 'http://127.0.0.1:9', out: path.join(dir, 'down.yaml') }, out));
    assert.equal(r.code, 2);
    assert.match(r.out, /error: GET http:\/\/127\.0\.0\.1:9\/\.well-known\/oauth-authorization-server failed: ECONNREFUSED/);
    assert.match(r.out, /hint: nothing listens there: is the target running on that address and port\?/);
  });

  test('the command without issuer or endpoints: usage error, exit 2', async () => {
    // Asynchronously: a blocked event loop would stall the embedded server this process also runs.
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'bin/oauth-conformance.mjs'), 'init'], { encoding: 'utf8', timeout: 120_000 }, (err, _stdout, stderr) => resolve({ status: err ? (err.code as number) : 0, stderr }));
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /error: init needs --issuer <url> .*or --authorization-endpoint <url> and --token-endpoint <url>/);
    assert.match(r.stderr, /usage: oauth-conformance init \[options\]\nsee: oauth-conformance init --help/, 'the usage line and where the help is');
  });
});

describe('oauth-conformance doctor', () => {
  test('passes on the profile init wrote, once its placeholders are set: every check one ✓ line', async () => {
    const r = await doctorOn(profile);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(problems(r.out), []);
    for (const line of [/✓ profile .* loads/, /✓ metadata read from/, /✓ token endpoint .* answers/, /✓ client "confidential" .* authenticated: a made-up code got invalid_grant/,
      /✓ browser: .*reached the redirect URI https:\/\/client\.oauth-conformance\.test\/cb with a code after login → consent/, /✓ complete flow: tokens issued \(access_token/]) {
      assert.match(r.out, line);
    }
    assertNoSecret(r.out);
  });

  test('an embedded profile: the built-in server is started for the checks, and passes them', async () => {
    const r = await doctorOn(path.join(ROOT, 'fixtures/targets/embedded.yaml'));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /! embedded target: the built-in server was started at http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(r.out.match(/^✓ client "[\w-]+" .* authenticated/gm)?.length, 7, 'each of the seven clients (three of them by JWT assertion)');
    assert.match(r.out, /✓ complete flow: tokens issued/);
  });

  test('a profile whose env placeholders are not set: bad input (exit 2), the variable and line named', async () => {
    const r = await capture((out) => doctorCommand({ target: profile, reportDir: dir }, out, {}));
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /✗ profile: .*target\.yaml:\d+:\d+: .*OC_CLIENT_ID/);
    await assert.rejects(capture((out) => doctorCommand({ reportDir: dir }, out)), /doctor needs --target <profile\.yaml>/);
    assert.doesNotMatch(r.out, /✓|browser/);
  });

  test('wrong password: the login rule repeats; the page text, screenshot and fix are given', async () => {
    const r = await doctorOn(profile, { [DRAFT_ENV.password]: 'not-the-password-41' });
    assert.equal(r.code, 1, r.out);
    const [only, ...more] = problems(r.out);
    assert.deepEqual(more, [], r.out);
    assert.match(only, /✗ browser: .*interaction "login" ran twice .*without leaving the page — fix: check the credentials/);
    assert.match(r.out, /page text: .*Invalid username or password/);
    const shot = /screenshot: (\S+\.png)/.exec(r.out)?.[1];
    assert.ok(shot && existsSync(shot), r.out);
    assert.match(r.out, /✓ client "confidential"/, 'the client itself is fine');
    assert.ok(!r.out.includes('not-the-password-41'), 'the wrong password is masked too');
    assert.ok(r.seconds < 90, `${r.seconds} s`);
  });

  test('wrong client secret: invalid_client, the browser leg still checked, no tokens expected', async () => {
    const r = await doctorOn(profile, { [DRAFT_ENV.clientSecret]: 'wrong-secret-Pd93nV' });
    assert.equal(r.code, 1, r.out);
    assert.deepEqual(problems(r.out), [
      '✗ client "confidential" (onboarding-client, client_secret_basic) was not authenticated: a made-up code got invalid_client (client authentication failed), HTTP 401 — fix: check clients.confidential.id and clients.confidential.secret, and that the server registered this client for client_secret_basic',
    ]);
    assert.match(r.out, /✓ browser: .*reached the redirect URI/);
    assert.match(r.out, /– complete flow: no tokens, as expected while the client's credentials are refused/);
    assert.ok(!r.out.includes('wrong-secret-Pd93nV'));
  });

  test('a locator that matches nothing: the rule, the locator, the page text and a screenshot', async () => {
    const file = variant('wrong-locator', (t) => `${t.replace('label: "/user|e-?mail|login/i"', 'label: "/customer number/i"')}timeouts: { action: 2000 }\n`);
    const r = await doctorOn(file);
    assert.equal(r.code, 1, r.out);
    const [only, ...more] = problems(r.out);
    assert.deepEqual(more, [], r.out);
    assert.match(only, /✗ browser: .*interaction "login": fill label="\/customer number\/i" failed on .*\/interaction\/.*: timed out after 2000 ms .* — fix: check this locator/);
    assert.match(r.out, /page text: Sign in .*Username/);
    assert.match(r.out, /screenshot: \S+\.png/);
    assert.ok(r.seconds < 90, `${r.seconds} s`);
  });

  test('an unreachable issuer: said so with its fix, nothing after it attempted', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const file = variant('unreachable', (t) => t.replace(/^issuer: .*$/m, `issuer: "http://127.0.0.1:${port}"`));
    const r = await doctorOn(file);
    assert.equal(r.code, 1, r.out);
    const [only, ...more] = problems(r.out);
    assert.deepEqual(more, [], r.out);
    assert.match(only, new RegExp(`✗ issuer/metadata: GET http://127\\.0\\.0\\.1:${port}/\\.well-known/oauth-authorization-server failed: ECONNREFUSED.* — fix: nothing listens there: is the target running on that address and port\\?; check \`issuer:\``));
    assert.match(r.out, /– client credentials and the browser flow: not checked/);
    assert.ok(r.seconds < 30, `${r.seconds} s`);
  });
});

describe('doctor and TLS', () => {
  // A deliberately flawed fixture: an https server whose self-signed certificate no system CA vouches for.
  let tlsServer: https.Server;
  let issuer: string;
  let caFile: string;
  before(async () => {
    const pems = await generate([{ name: 'commonName', value: 'oc-onboarding-private-ca' }], {
      keySize: 2048,
      extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    } as Parameters<typeof generate>[1]);
    tlsServer = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => { res.writeHead(404); res.end(); });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    issuer = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
    caFile = path.join(dir, 'private-ca.pem');
    writeFileSync(caFile, pems.cert);
  });
  after(() => new Promise<void>((resolve) => { tlsServer.closeAllConnections(); tlsServer.close(() => resolve()); }));

  test('an untrusted certificate is the problem reported, with --ca as the fix; with --ca it is valid', async () => {
    const file = variant('private-ca', (t) => t.replace(/^issuer: .*$/m, `issuer: "${issuer}"`));
    const r = await doctorOn(file);
    assert.equal(r.code, 1, r.out);
    const [only, ...more] = problems(r.out);
    assert.deepEqual(more, [], r.out);
    assert.match(only, new RegExp(`✗ TLS certificate of ${issuer} is not valid: \\w+ — fix: name the CA that issued it .*--ca <file.pem>`));

    const trusted = await doctorOn(file, {}, { ca: caFile });
    assert.match(trusted.out, new RegExp(`✓ TLS certificate of ${issuer} is valid \\(with --ca\\)`));
    // The fixture publishes no metadata: the next check, not TLS, is what is left to fix.
    assert.match(problems(trusted.out)[0] ?? '', /✗ issuer\/metadata: no metadata found/);

    await assert.rejects(doctorOn(file, {}, { ca: path.join(dir, 'no-such-ca.pem') }), /--ca .*not a readable PEM certificate file/, 'a missing CA file is bad input');

    const insecure = await doctorOn(file, {}, { insecure: true });
    assert.match(insecure.out, new RegExp(`! TLS certificate of ${issuer} is not valid \\(\\w+\\); accepted because of --insecure`));
    assert.doesNotMatch(insecure.out, /✗ TLS/);
  });
});
