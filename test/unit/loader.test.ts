/**
 * The loaders' promise is precise messages at file:line:column, every error at once. These tests
 * pin the exact text, so a change of wording is a deliberate one.
 */
import assert from 'node:assert/strict';
import { REDIRECT_URI_VARIANTS } from '../../src/spec/redirect-uri-variants.js';
import { REQUIREMENT_DOCUMENTS } from '../../src/spec/links.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LoadFailed, formatLoadError } from '../../src/load/errors.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { loadTarget } from '../../src/target/load.js';

const root = mkdtempSync(join(tmpdir(), 'oc-loader-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** Writes files into a fresh directory; returns the directory and each file's path. */
function files(contents: Record<string, string>): { dir: string; path: Record<string, string> } {
  const dir = join(root, String(dirs++));
  const path: Record<string, string> = {};
  for (const [name, text] of Object.entries(contents)) {
    path[name] = join(dir, name);
    mkdirSync(dirname(path[name]), { recursive: true });
    writeFileSync(path[name], text);
  }
  return { dir, path };
}

const knownChecks = new Set(['code-replay-rejected', 'token-issued']);
const scenarioErrors = (paths: string[]) => loadScenarios(paths, { knownChecks }).errors.map(formatLoadError);

/** A valid scenario, writing the facts its check (token-issued) carries; `steps` replaces lines 7 on. */
function scenario(id: string, steps = '  - id: first\n    authorize: {}\n  - token: { code: first }\n    expect: [token-issued]\n'): string {
  return `id: ${id}\ntitle: Codes are single-use\nrequirements: [RFC6749-4.1.4, RFC6749-5.1]\nlevel: MUST\ncatalog: [TR-03]\nsteps:\n${steps}`;
}

describe('scenario loader', () => {
  test('a valid scenario loads with defaults filled in and step lines', () => {
    const { path } = files({ 'code-single-use.yaml': scenario('code-single-use') });
    const { scenarios, errors } = loadScenarios([path['code-single-use.yaml']], { knownChecks });
    assert.deepEqual(errors, []);
    assert.equal(scenarios.length, 1);
    const [loaded] = scenarios;
    assert.deepEqual(loaded.stepLines, [7, 9]);
    assert.deepEqual(loaded.scenario.features, []);
    assert.deepEqual(loaded.scenario.steps[0], { id: 'first', authorize: { client: 'confidential', response_type: 'code', consent: 'approve' } });
    assert.deepEqual(loaded.scenario.steps[1], { token: { code: 'first', auth: 'as-registered', method: 'POST' }, expect: ['token-issued'] });
    assert.equal(loaded.source, scenario('code-single-use'));
  });

  test('directories are walked recursively, *.yaml and *.yml, in sorted order', () => {
    const { dir } = files({ 'b/b.yml': scenario('b'), 'a.yaml': scenario('a'), 'c/notes.txt': 'not yaml', 'c/c.yaml': scenario('c') });
    const { scenarios, errors } = loadScenarios([dir], { knownChecks });
    assert.deepEqual(errors, []);
    assert.deepEqual(scenarios.map((s) => s.scenario.id), ['a', 'b', 'c']);
  });

  test('malformed YAML (bad indentation)', () => {
    const { path } = files({ 'x.yaml': 'id: x\ntitle: t\nsteps:\n  - authorize:\n      client: a\n     scope: b\n' });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:6:6: invalid YAML: all mapping items must start at the same column\n  hint: indent with spaces so that the keys of one mapping start in the same column`,
    ]);
  });

  test('duplicate key', () => {
    const { path } = files({ 'x.yaml': scenario('x').replace('level: MUST\n', 'level: MUST\nlevel: SHOULD\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:5:1: duplicate key "level" (first at line 4)\n  hint: a key may appear once per mapping: merge the two entries`,
    ]);
  });

  test('unknown key, with did-you-mean', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - authorize:\n      redirct_uri: registered\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:8:7: unknown key "redirct_uri" in authorize (step 1); expected one of: client, response_type, scope, state, pkce, redirect_uri, consent, extra, omit, duplicate, request_object, request_uri, offline, resource\n  hint: did you mean redirect_uri?`,
    ]);
  });

  test('wrong type', () => {
    const { path } = files({ 'x.yaml': scenario('x').replace('catalog: [TR-03]', 'catalog: TR-03') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [`${path['x.yaml']}:5:10: "catalog" must be a list (got "TR-03")`]);
  });

  test('wrong enum value', () => {
    const { path } = files({ 'x.yaml': scenario('x').replace('level: MUST', 'level: must') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [`${path['x.yaml']}:4:8: "level" must be one of MUST, SHOULD, MAY (got "must")\n  hint: did you mean MUST?`]);
  });

  test('a union (anyOf) gets one message listing the accepted forms', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - authorize: { state: randm, redirect_uri: { variant: other-hots } }\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:7:25: "state" in authorize (step 1) must be one of random, special, omit, { value: <text> } (got "randm")\n  hint: did you mean random?`,
      `${path['x.yaml']}:7:57: "variant" in authorize.redirect_uri (step 1) must be one of ${Object.keys(REDIRECT_URI_VARIANTS).join(', ')} (got "other-hots")\n  hint: did you mean other-host?`,
    ]);
  });

  test('missing required key', () => {
    const { path } = files({ 'x.yaml': scenario('x').replace('title: Codes are single-use\n', '') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [`${path['x.yaml']}:1:1: missing required key "title" in scenario`]);
  });

  test('a step with two kinds', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - authorize: {}\n  - authorize: {}\n    token: {}\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:8:5: step 2 must have exactly one of authorize, token, refresh, grant, resource, introspect, revoke, metadata, probe, frame, tls, par, device (it has authorize and token)\n  hint: split it into one step per kind`,
    ]);
  });

  test('a step with no kind', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - authorise: {}\n    title: Log in\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:7:5: step 1 must have exactly one of authorize, token, refresh, grant, resource, introspect, revoke, metadata, probe, frame, tls, par, device (it has none)\n  hint: did you mean authorize?`,
    ]);
  });

  test('unknown check id', () => {
    const { path } = files({ 'x.yaml': scenario('x').replace('[token-issued]', '[token-issued, code-replay-rejectd]') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [`${path['x.yaml']}:10:28: unknown check "code-replay-rejectd" in step 2\n  hint: did you mean code-replay-rejected?`]);
  });

  test('duplicate scenario ids across two files name both files', () => {
    const { dir, path } = files({ 'a/x.yaml': scenario('x'), 'b/x.yaml': scenario('x') });
    assert.deepEqual(scenarioErrors([dir]), [
      `${path['b/x.yaml']}:1:5: scenario id "x" is already used by ${path['a/x.yaml']}:1\n  hint: scenario ids must be unique across the suites`,
    ]);
  });

  test('the same file named twice is loaded once', () => {
    const { dir, path } = files({ 'x.yaml': scenario('x') });
    assert.equal(loadScenarios([dir, path['x.yaml']], { knownChecks }).scenarios.length, 1);
  });

  test('id differs from the file name', () => {
    const { path } = files({ 'code-single-use.yaml': scenario('code-reuse') });
    assert.deepEqual(scenarioErrors([path['code-single-use.yaml']]), [
      `${path['code-single-use.yaml']}:1:5: id "code-reuse" does not match the file name "code-single-use.yaml"\n  hint: rename the file to code-reuse.yaml, or write id: code-single-use`,
    ]);
  });

  test('bad step references', () => {
    const steps = [
      '  - id: first',
      '    authorize: {}',
      '  - token: { code: frist }', // 9: no such step
      '  - resource: { token: first }', // 10: not a token step
      '  - id: redeem',
      '    token: { code: later }', // 12: a step that comes after
      '  - id: later',
      '    authorize: {}',
      '',
    ].join('\n');
    const { path } = files({ 'x.yaml': scenario('x', steps) });
    const file = path['x.yaml'];
    assert.deepEqual(scenarioErrors([file]), [
      `${file}:9:20: "code" in token (step 2) refers to no step "frist"; expected the id of an earlier authorize step\n  hint: did you mean first?`,
      `${file}:10:24: "token" in resource (step 3) refers to step 1 ("first"), an authorize step; expected an earlier token or refresh or grant or device step`,
      `${file}:12:20: "code" in token (step 4) refers to step 5 ("later"), which does not come before it; expected an earlier authorize step`,
    ]);
  });

  test('a resource step needs an earlier token step', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - authorize: {}\n  - resource: {}\n') });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [`${path['x.yaml']}:8:5: step 2 (resource) needs an earlier token or refresh or grant or device step`]);
  });

  test('revoke and introspect need an earlier token step, unless their token is made up', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - revoke: {}\n  - introspect: { which: bogus }\n  - introspect: { token: nope }\n') });
    const file = path['x.yaml'];
    assert.deepEqual(scenarioErrors([file]), [
      `${file}:7:5: step 1 (revoke) needs an earlier token or refresh or grant or device step`,
      `${file}:9:26: "token" in introspect (step 3) refers to no step "nope"; expected the id of an earlier token or refresh or grant or device step`,
    ]);
  });

  test('a token step needs an earlier authorize step; step ids are unique', () => {
    const { path } = files({ 'x.yaml': scenario('x', '  - id: a\n    token: {}\n  - id: a\n    authorize: {}\n') });
    const file = path['x.yaml'];
    assert.deepEqual(scenarioErrors([file]), [
      `${file}:7:5: step 1 (token) needs an earlier authorize step`,
      `${file}:9:9: step id "a" is already used by step 1`,
    ]);
  });

  test('several errors in one file are all reported, in order', () => {
    const text = [
      'id: x',
      'title: ""',
      'requirements: [RFC6749-4.1.2, rfc6749]',
      'level: must',
      'stepz: []',
      'steps:',
      '  - authorize: { pkce: s256 }',
      '  - {}',
      '  - resource:',
      '',
    ].join('\n');
    const { path } = files({ 'x.yaml': text });
    const file = path['x.yaml'];
    const errors = scenarioErrors([file]);
    assert.equal(errors.length, 7);
    assert.deepEqual(errors, [
      `${file}:2:8: "title" must not be empty`,
      `${file}:3:31: "requirements[1]" must be a requirement id like RFC6749-4.1.2 (${REQUIREMENT_DOCUMENTS.slice(0, -1).join(', ')} or ${REQUIREMENT_DOCUMENTS.at(-1)}) (got "rfc6749")`,
      `${file}:4:8: "level" must be one of MUST, SHOULD, MAY (got "must")\n  hint: did you mean MUST?`,
      `${file}:5:1: unknown key "stepz" in scenario; expected one of: id, title, description, catalog, requirements, level, features, tags, steps\n  hint: did you mean steps?`,
      `${file}:7:24: "pkce" in authorize (step 1) must be one of S256, plain, none (got "s256")\n  hint: did you mean S256?`,
      `${file}:8:5: step 2 must have exactly one of authorize, token, refresh, grant, resource, introspect, revoke, metadata, probe, frame, tls, par, device (it has none)`,
      `${file}:9:5: "resource" in step 3 must be a mapping (got nothing)\n  hint: write {} for an empty mapping`,
    ]);
  });

  test("catalog, requirements and level are derived from the checks: per profile, with expect's level overrides, a redirect URI check narrowed to the variant sent", () => {
    const lines = (steps: string) => `id: x\ntitle: t\nsteps:\n${steps}`;
    const load = (text: string) => loadScenarios([files({ 'x.yaml': text }).path['x.yaml']], { knownChecks: new Set(['token-issued', 'token-response-pragma-no-cache', 'redirect-uri-rejected', 'refused-without-redirect']) });
    const pragma = load(lines('  - authorize: {}\n  - token: {}\n    expect: [token-response-pragma-no-cache]\n'));
    assert.deepEqual(pragma.errors, []);
    assert.deepEqual(pragma.scenarios[0].facts, { catalog: ['TR-02'], requirements: ['RFC6749-5.1'], level: { rfc6749: 'MUST', rfc9700: 'MAY', 'oauth2.1': 'MAY', fapi2: 'MAY' } });
    const both = load(lines('  - authorize: {}\n  - token: {}\n    expect: [token-response-pragma-no-cache, token-issued]\n'));
    assert.deepEqual(both.scenarios[0].facts.level, { rfc6749: 'MUST', rfc9700: 'MUST', 'oauth2.1': 'MUST', fapi2: 'MUST' });
    assert.deepEqual(both.scenarios[0].facts.catalog, ['TR-02', 'TR-03']);
    const overridden = load(lines('  - authorize: {}\n  - token: {}\n    expect: [{ check: token-response-pragma-no-cache, level: SHOULD }]\n'));
    assert.deepEqual(overridden.scenarios[0].facts.level, { rfc6749: 'SHOULD', rfc9700: 'SHOULD', 'oauth2.1': 'SHOULD', fapi2: 'SHOULD' });
    const variant = load(lines('  - authorize: { redirect_uri: { variant: path-suffix } }\n    expect: [redirect-uri-rejected]\n'));
    assert.deepEqual(variant.scenarios[0].facts.catalog, ['RU-04', 'RU-18']);
    const other = load(lines('  - authorize: { redirect_uri: { of: second } }\n    expect: [redirect-uri-rejected]\n'));
    assert.deepEqual(other.scenarios[0].facts.catalog, ['RU-02', 'RU-18']);
  });

  test('written catalog, requirements and level must say what the checks say, at their line, with what to do', () => {
    const { path } = files({ 'x.yaml': `id: x\ntitle: t\ncatalog: [TK-01, TR-03]\nrequirements: [RFC6749-5.1]\nlevel: MUST\nsteps:\n  - authorize: {}\n  - token: {}\n    expect: [token-response-pragma-no-cache]\n` });
    const errors = loadScenarios([path['x.yaml']], { knownChecks: new Set(['token-response-pragma-no-cache']) }).errors.map(formatLoadError);
    assert.deepEqual(errors, [
      `${path['x.yaml']}:3:10: "catalog" [TK-01, TR-03] differs from its checks' [TR-02]: TK-01, TR-03 are carried by no check it expects; its checks also carry TR-02\n  hint: delete the "catalog" line: it is derived from the checks the steps expect, or expect a check that carries TK-01, TR-03`,
      `${path['x.yaml']}:5:8: "level" MUST differs from its checks': MAY under the default profile rfc9700 (by profile: rfc6749 MUST, rfc9700 MAY, oauth2.1 MAY, fapi2 MAY)\n  hint: delete the "level" line: it is derived from the checks the steps expect (under each profile, the strictest level of its checks there), or override a check's level in its step: expect: [{ check: <id>, level: MUST }]`,
    ]);
  });

  test('a scenario expecting no check is an error: nothing would judge it', () => {
    const { path } = files({ 'x.yaml': 'id: x\ntitle: t\nsteps:\n  - authorize: {}\n' });
    assert.deepEqual(scenarioErrors([path['x.yaml']]), [
      `${path['x.yaml']}:4:3: the scenario expects no check: nothing would judge it\n  hint: add \`expect: [<check id>]\` to the step whose evidence a check judges (\`oauth-conformance list\` names every check); the scenario's level, requirements and catalog rows come from its checks`,
    ]);
  });

  test('errors from several files come together; a file with errors yields no scenario', () => {
    const { dir } = files({ 'a.yaml': scenario('a').replace('level: MUST', 'level: must'), 'b.yaml': scenario('b'), 'c.yaml': scenario('x') });
    const { scenarios, errors } = loadScenarios([dir], { knownChecks });
    assert.equal(errors.length, 2);
    assert.deepEqual(scenarios.map((s) => s.scenario.id), ['b']);
  });

  test('a missing path is an error without position', () => {
    const missing = join(root, 'no-such-dir');
    assert.deepEqual(scenarioErrors([missing]), [`${missing}: no such file or directory`]);
  });
});

/** A target profile with one client; `extra` lines are appended. */
function target(extra = '', secret = '${env:OC_CLIENT_SECRET}'): string {
  return [
    'name: example',
    'issuer: https://auth.example.com',
    'clients:',
    '  confidential:',
    '    id: oc-confidential',
    `    secret: ${secret}`,
    '    auth: client_secret_basic',
    '    redirect_uris: [https://client.example/cb]',
    'user: { username: alice, password: "${env:OC_PASSWORD:-pw}" }',
    'features: [authorization-code]',
    'interaction:',
    '  - name: login',
    '    match: "**/login"',
    '    steps:',
    '      - click: { role: button, name: "/sign in|log in/i" }',
    extra,
  ].join('\n');
}

describe('target loader', () => {
  const env = { OC_CLIENT_SECRET: 's3cret' };

  test('the embedded target loads with no errors', () => {
    const file = fileURLToPath(new URL('../../fixtures/targets/embedded.yaml', import.meta.url));
    const { target: profile, errors } = loadTarget(file, {});
    assert.deepEqual(errors.map(formatLoadError), []);
    assert.equal(profile?.clients.confidential.secret, 'embedded-confidential-secret-5f1d0c');
    assert.equal(profile?.scope, 'openid');
  });

  test('an environment variable that is set is substituted', () => {
    const { path } = files({ 't.yaml': target() });
    const { target: profile, errors } = loadTarget(path['t.yaml'], env);
    assert.deepEqual(errors, []);
    assert.equal(profile?.clients.confidential.secret, 's3cret');
  });

  test('the default is used when the variable is not set', () => {
    const { path } = files({ 't.yaml': target() });
    assert.equal(loadTarget(path['t.yaml'], env).target?.user?.password, 'pw');
    assert.equal(loadTarget(path['t.yaml'], { ...env, OC_PASSWORD: 'from-env' }).target?.user?.password, 'from-env');
  });

  test('a missing environment variable without default', () => {
    const { path } = files({ 't.yaml': target() });
    const { target: profile, errors } = loadTarget(path['t.yaml'], {});
    assert.equal(profile, undefined);
    assert.deepEqual(errors.map(formatLoadError), [
      `${path['t.yaml']}:6:13: environment variable OC_CLIENT_SECRET is not set (used by clients.confidential.secret)\n  hint: export it, or write \${env:OC_CLIENT_SECRET:-value} for a default`,
    ]);
  });

  test('schema errors name the key and what was expected', () => {
    const { path } = files({ 't.yaml': target('timeouts: { action: 10 }\n').replace('auth: client_secret_basic', 'auth: basic').replace('click:', 'clik:') });
    const file = path['t.yaml'];
    assert.deepEqual(loadTarget(file, env).errors.map(formatLoadError), [
      `${file}:7:11: "auth" in clients.confidential must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, none, <a list> (got "basic")`,
      `${file}:15:9: "steps[0]" in interaction[0] must have exactly one of fill, click, check, wait (it has none)\n  hint: did you mean click?`,
      `${file}:16:21: "action" in timeouts must be >= 100 (got 10)`,
    ]);
  });

  test('missing keys of one object are one message; union branches are judged by their kind key', () => {
    const { path } = files({ 't.yaml': target('      - fill: { label: Username }\n').replace('clients:\n', 'clients:\n  empty: {}\n') });
    const file = path['t.yaml'];
    assert.deepEqual(loadTarget(file, env).errors.map(formatLoadError), [
      `${file}:4:3: missing required keys "id", "auth", "redirect_uris" in clients.empty`,
      `${file}:17:9: missing required key "value" in interaction[0].steps[1].fill`,
    ]);
  });

  test('{{...}} placeholders must name a value: user, user2 when the profile has one, env, random', () => {
    const extra = [
      'authorization_params: { nonce: "{{random}}", tenant: "{{env.OC_TENANT}}" }',
      '      - fill: { label: Username, value: "{{user2.username}}" }',
      '      - fill: { label: Password, value: "{{user.passwd}}" }',
    ];
    const text = target(extra.slice(1).join('\n')) + `\n${extra[0]}\n`;
    const { path } = files({ 't.yaml': text });
    const file = path['t.yaml'];
    assert.deepEqual(loadTarget(file, env).errors.map(formatLoadError), [
      `${file}:16:41: {{user2.username}} has no value\n  hint: add user2: { username, password } to the profile`,
      `${file}:17:41: {{user.passwd}} has no value\n  hint: known: {{user.username}}, {{user.password}}, {{user2.*}}, {{env.NAME}}, {{random}}`,
      `${file}:18:54: {{env.OC_TENANT}} has no value\n  hint: set the environment variable OC_TENANT`,
    ]);
    const fixed = text.replace('interaction:', 'user2: { username: carol, password: pw2 }\ninteraction:').replace('user.passwd', 'user.password');
    const again = files({ 't.yaml': fixed });
    assert.deepEqual(loadTarget(again.path['t.yaml'], { ...env, OC_TENANT: 'acme' }).errors.map(formatLoadError), []);
  });

  test('semantic checks: issuer, URLs, secrets, regular expressions, flaws', () => {
    const text = target('embedded: { flaws: [code-reus] }\nresource: /api\n', '')
      .replace('issuer: https://auth.example.com\n', '')
      .replace('    secret: \n', '')
      .replace('https://client.example/cb', 'client.example/cb')
      .replace('/sign in|log in/i', '/sign in|(log in/i');
    const { path } = files({ 't.yaml': text });
    const file = path['t.yaml'];
    const { errors } = loadTarget(file, env, { knownFlaws: new Set(['code-reuse', 'no-pkce']) });
    assert.deepEqual(errors.map(formatLoadError), [
      `${file}:3:3: client "confidential" uses client_secret_basic but has no "secret"\n  hint: add secret: \${env:NAME} (or auth: none for a public client)`,
      `${file}:6:21: "redirect_uris[0]" in clients.confidential must be an absolute http(s) URL (got "client.example/cb")`,
      `${file}:13:38: "name" in interaction[0].steps[0].click is not a valid regular expression (/sign in|(log in/i: Unterminated group)\n  hint: a value written /.../flags is a regular expression; escape a literal "/" as "\\/"`,
      `${file}:14:21: unknown flaw "code-reus"\n  hint: did you mean code-reuse?`,
      `${file}:15:11: "resource" must be an absolute http(s) URL (got "/api")`,
    ]);
  });

  test('private_key_jwt: the key is resolved against the profile and must be a private key', () => {
    const pk = (key: string) => target().replace('    secret: ${env:OC_CLIENT_SECRET}\n', '').replace('auth: client_secret_basic', `auth: private_key_jwt\n    key: ${key}`);
    const { dir, path } = files({
      'ok.yaml': pk('k.jwk.json'),
      'missing.yaml': pk('nope.pem'),
      'public.yaml': pk('pub.jwk.json'),
      'k.jwk.json': JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' }),
      'pub.jwk.json': JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }),
    });
    const ok = loadTarget(path['ok.yaml'], env);
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.target?.clients.confidential.key, join(dir, 'k.jwk.json'));
    assert.deepEqual(loadTarget(path['missing.yaml'], env).errors.map(formatLoadError), [
      `${path['missing.yaml']}:7:10: the key of client "confidential" cannot be used: no such file (${join(dir, 'nope.pem')})\n  hint: give a private JWK (JSON, with "d") or a PEM private key`,
    ]);
    assert.match(loadTarget(path['public.yaml'], env).errors.map(formatLoadError)[0] ?? '', /the JWK has no private part/);
  });

  test('a server that is not embedded needs an issuer or both endpoints', () => {
    const { path } = files({
      'none.yaml': target().replace('issuer: https://auth.example.com\n', ''),
      'half.yaml': target('endpoints: { token: https://auth.example.com/token }\n').replace('issuer: https://auth.example.com\n', ''),
      'both.yaml': target('endpoints: { authorization: https://a.example/auth, token: https://a.example/token }\n').replace('issuer: https://auth.example.com\n', ''),
    });
    assert.deepEqual(loadTarget(path['none.yaml'], env).errors.map(formatLoadError), [
      `${path['none.yaml']}:1:1: target profile needs "issuer" (or "endpoints.authorization" and "endpoints.token"), unless it is "embedded"\n  hint: add issuer: https://your-server.example, or embedded: {} for the built-in server`,
    ]);
    assert.deepEqual(loadTarget(path['half.yaml'], env).errors.map(formatLoadError), [
      `${path['half.yaml']}:15:1: "endpoints" needs both authorization and token when there is no "issuer"`,
    ]);
    assert.deepEqual(loadTarget(path['both.yaml'], env).errors, []);
  });

  test('LoadFailed carries every error and formats them all', () => {
    const { path } = files({ 't.yaml': target() });
    const { errors } = loadTarget(path['t.yaml'], {});
    const failure = new LoadFailed([...errors, ...errors]);
    assert.equal(failure.errors.length, 2);
    assert.equal(failure.message, [...errors, ...errors].map(formatLoadError).join('\n'));
  });
});
