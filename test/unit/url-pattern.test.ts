/** URL patterns of interaction rules: globs with `{a,b}` alternatives, and `/regular expressions/`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { urlPattern } from '../../src/target/url-pattern.js';

test('a glob matches the whole URL: ** any characters, * within a segment, everything else literal', () => {
  const p = urlPattern('**/interaction/*');
  assert.ok(p.test('https://id.example/interaction/abc'));
  assert.ok(!p.test('https://id.example/interaction/abc/login'));
  assert.ok(!urlPattern('**/a.b').test('https://x/aXb'), 'a dot is a dot');
  assert.ok(urlPattern('**/cb?x=1').test('https://x/cb?x=1'), 'a question mark is literal');
});

test('{a,b} alternatives, each a glob', () => {
  const p = urlPattern('**/{consent,cb}*');
  assert.ok(p.test('https://id.example/consent?txn=1'));
  assert.ok(p.test('https://client.example/cb?code=x'));
  assert.ok(!p.test('https://id.example/login'));
  assert.ok(urlPattern('https://{id,sso}.example/**/{login,signin/*}').test('https://sso.example/realm/signin/password'));
});

test('/regex/flags is a regular expression, searched in the URL', () => {
  const p = urlPattern('/^https:\\/\\/id\\.example\\/(login|consent)/');
  assert.ok(p.test('https://id.example/login?x=1'));
  assert.ok(!p.test('https://other.example/login'));
  assert.ok(urlPattern('/LOGIN/i').test('https://id.example/login'));
  assert.throws(() => urlPattern('/(unclosed/'), /Invalid regular expression/);
});

test('a `match` that is not a valid regular expression is a load error with its line; `interaction: []` without a user loads', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { loadTarget } = await import('../../src/target/load.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-url-pattern-'));
  const base = 'name: t\nissuer: https://id.example\nclients:\n  confidential: { id: c, secret: s, auth: client_secret_basic, redirect_uris: [https://c.example/cb] }\nfeatures: [authorization-code]\n';
  const bad = path.join(dir, 'bad.yaml');
  writeFileSync(bad, `${base}user: { username: u, password: p }\ninteraction:\n  - name: login\n    match: "/(login/"\n    steps: [{ click: { text: Go } }]\n`);
  const { errors } = loadTarget(bad, {});
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].line, 9);
  assert.match(errors[0].message, /is not a valid regular expression/);
  const none = path.join(dir, 'none.yaml');
  writeFileSync(none, `${base}interaction: []\n`);
  assert.deepEqual(loadTarget(none, {}).errors, []);
});
