/**
 * What a target profile says about its clients and its refresh tokens: `auth` as a list of methods,
 * the `refresh` block, and the `implicit` client role that `init` asks for when the metadata
 * advertises response_type=token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { NotApplicable } from '../../src/harness-error.js';
import { formatLoadError } from '../../src/load/errors.js';
import { clientAuth } from '../../src/steps/client-auth.js';
import { authMethod, authMethods } from '../../src/target/auth-methods.js';
import { draftProfile, draftScope } from '../../src/target/draft.js';
import { loadTarget } from '../../src/target/load.js';
import type { ClientProfile } from '../../src/target/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'oc-roles-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function load(yaml: string) {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return loadTarget(file, {});
}

const profile = (client: string, extra = '') => `name: t
issuer: https://as.example
clients:
  confidential:
${client}
user: { username: u, password: p }
features: [authorization-code]
interaction:
  - name: login
    match: "**"
    steps: [{ click: { role: button, name: Sign in } }]
${extra}`;

describe('auth: one method or a list', () => {
  test('a list loads; the first is the method used, the list is what is registered', () => {
    const { target, errors } = load(profile('    id: c\n    secret: s\n    auth: [client_secret_basic, client_secret_post]\n    redirect_uris: [https://c.example/cb]'));
    assert.deepEqual(errors.map(formatLoadError), []);
    const c = target!.clients.confidential!;
    assert.deepEqual(authMethods(c), ['client_secret_basic', 'client_secret_post']);
    assert.equal(authMethod(c), 'client_secret_basic');
  });

  test('an unknown method in the list, or a secret method without secret, is a load error', () => {
    assert.ok(load(profile('    id: c\n    secret: s\n    auth: [client_secret_basic, tls_client_auth]\n    redirect_uris: [https://c.example/cb]')).errors.length > 0);
    const missing = load(profile('    id: c\n    auth: [none, client_secret_post]\n    redirect_uris: [https://c.example/cb]')).errors.map(formatLoadError).join('\n');
    assert.match(missing, /uses none, client_secret_post but has no "secret"/);
  });

  test('switch-method: the other method when one is registered; not applicable when both are', async () => {
    const one: ClientProfile = { id: 'c', secret: 's', auth: 'client_secret_basic', redirect_uris: ['https://c.example/cb'] };
    const switched = await clientAuth(one, 'switch-method');
    assert.deepEqual(switched.form, [['client_id', 'c'], ['client_secret', 's']]);
    assert.equal(switched.headers.authorization, undefined);
    const both: ClientProfile = { ...one, auth: ['client_secret_basic', 'client_secret_post'] };
    await assert.rejects(clientAuth(both, 'switch-method'), (err: unknown) => err instanceof NotApplicable && /both client_secret_basic and client_secret_post/.test(err.message));
    // As registered, a list authenticates by its first method.
    assert.match((await clientAuth(both)).headers.authorization ?? '', /^Basic /);
  });
});

describe('the refresh block', () => {
  test('scope, authorization_params and extra_scope load; an unknown key is an error', () => {
    const ok = load(profile('    id: c\n    secret: s\n    auth: client_secret_basic\n    redirect_uris: [https://c.example/cb]',
      'refresh:\n  scope: openid offline_access\n  authorization_params: { prompt: consent }\n  extra_scope: email\n'));
    assert.deepEqual(ok.errors.map(formatLoadError), []);
    assert.deepEqual(ok.target!.refresh, { scope: 'openid offline_access', authorization_params: { prompt: 'consent' }, extra_scope: 'email' });
    assert.ok(load(profile('    id: c\n    secret: s\n    auth: client_secret_basic\n    redirect_uris: [https://c.example/cb]', 'refresh:\n  scopes: openid\n')).errors.length > 0);
  });
});

describe('init asks for the implicit client when the metadata advertises response_type=token', () => {
  const draft = (features: Parameters<typeof draftProfile>[0]['features']) => draftProfile({ name: 'x', schemaRef: 's.json', issuer: 'https://as.example', features, auth: 'client_secret_basic' });

  test('with `implicit` among the advertised features: a commented implicit client with what to do', () => {
    const text = draft(['authorization-code', 'implicit']);
    assert.match(text, /TODO: the metadata advertises response_type=token/);
    assert.match(text, /# implicit:\n {2}# {3}id: \$\{env:OC_IMPLICIT_CLIENT_ID\}\n {2}# {3}auth: none/);
    // The draft still loads as written (the block is a comment until the operator fills it in).
    const loaded = load(text.replace('${env:OC_CLIENT_ID}', 'id').replace('${env:OC_CLIENT_SECRET}', 's').replace('${env:OC_USERNAME}', 'u').replace('${env:OC_PASSWORD}', 'p'));
    assert.deepEqual(loaded.errors.map(formatLoadError), []);
  });

  test('without it: no implicit client in the draft', () => {
    // The feature list names `implicit` among the features left out; no implicit client is asked for.
    assert.doesNotMatch(draft(['authorization-code', 'pkce']), /implicit:|response_type=token \(the implicit grant\)/);
  });
});

test('init requests a scope the metadata offers: openid where listed (or nothing is), else the first listed', () => {
  assert.deepEqual(draftScope(undefined), { scope: 'openid' });
  assert.deepEqual(draftScope(['openid', 'email']), { scope: 'openid' });
  assert.deepEqual(draftScope(['read', 'write']), { scope: 'read', from: 'read write' });
  const text = draftProfile({ name: 'x', schemaRef: 's.json', issuer: 'https://as.example', features: ['authorization-code'], auth: 'client_secret_basic', scopesSupported: ['read', 'write'] });
  assert.match(text, /^scope: "read" {3}# TODO: a scope the test clients may request; the metadata lists: read write$/m);
});
