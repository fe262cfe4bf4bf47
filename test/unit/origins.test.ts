/** The origins a run may reach: the profile's, never the server's (src/target/origins.ts, drive/page-guard.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { browserRefusal } from '../../src/drive/page-guard.js';
import { HarnessError } from '../../src/harness-error.js';
import { loadTarget } from '../../src/target/load.js';
import { addressKind, browserOrigins, checkEndpointOrigins, refusal, targetHostsOf, targetOrigins } from '../../src/target/origins.js';
import type { TargetProfile } from '../../src/target/schema.js';

const profile = {
  name: 't', issuer: 'https://sso.example.com/realms/a', resource: 'https://api.example.com:8443/me', allowed_origins: ['https://login.example.com'],
  clients: { confidential: { id: 'c', auth: 'none', redirect_uris: ['https://client.oauth-conformance.test/cb', 'http://127.0.0.1:8765/cb'] } },
  user: { username: 'u', password: 'p' }, features: [], interaction: [],
} as unknown as TargetProfile;
const t = { profile, endpoints: { issuer: profile.issuer! }, resource: profile.resource };

test('the profile names the origins: issuer, resource, allowed_origins (not its paths); redirect URIs for the browser', () => {
  assert.deepEqual(targetOrigins(t), ['https://sso.example.com', 'https://api.example.com:8443', 'https://login.example.com']);
  assert.deepEqual(browserOrigins(t).slice(3), ['https://client.oauth-conformance.test', 'http://127.0.0.1:8765']);
  assert.deepEqual(targetHostsOf(targetOrigins(t)), ['sso.example.com', 'api.example.com', 'login.example.com']);
});

test('metadata endpoints on another origin, scheme or an unnamed internal address are refused with the URL', () => {
  const origins = targetOrigins(t);
  const at = (authorization: string, token = 'https://sso.example.com/token') => () => checkEndpointOrigins({ issuer: profile.issuer!, authorization, token, metadataUrl: 'https://sso.example.com/.well-known/x' }, origins);
  assert.doesNotThrow(at('https://sso.example.com/auth'));
  assert.doesNotThrow(at('https://login.example.com/auth'));
  assert.throws(at('file:///home/me/.ssh/id_ed25519'), (e: HarnessError) => /the metadata at https:\/\/sso\.example\.com\/\.well-known\/x names authorization_endpoint "file:\/\/\/home\/me\/\.ssh\/id_ed25519": refused, its scheme file: is not http\(s\)/.test(e.message) && /allowed_origins/.test(e.hint!));
  assert.throws(at('javascript:alert(1)'), /scheme javascript: is not http/);
  assert.throws(at('https://sso.example.com/auth', 'https://evil.example.net/token'), /names token_endpoint "https:\/\/evil\.example\.net\/token": refused, its origin https:\/\/evil\.example\.net is not one/);
  assert.throws(at('http://169.254.169.254/latest'), /\(a link-local address\)/);
  assert.throws(at('https://sso.example.com:444/auth'), /origin https:\/\/sso\.example\.com:444 is not one/, 'another port is another origin');
  assert.throws(at('http://sso.example.com/auth'), /origin http:\/\/sso\.example\.com is not one/, 'another scheme is another origin');
});

test('address kinds, for the message', () => {
  for (const [h, k] of [['127.0.0.2', 'loopback'], ['[::1]', 'loopback'], ['localhost', 'loopback'], ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'], ['[fe80::1]', 'link-local'], ['[fd00::1]', 'unique-local'], ['[::ffff:10.0.0.1]', 'private'], ['8.8.8.8', undefined], ['example.com', undefined]] as const) {
    assert.equal(addressKind(h), k, h);
  }
  assert.equal(refusal('not a url', []), 'not a URL');
});

test('the browser: allowed origins and harness hosts on any port; data: and blob: hold no network access', () => {
  // isHarnessHost is given a URL's host, with its port (the loopback harness hosts depend on it).
  const name = (h: string) => h.replace(/:\d+$/, '');
  const policy = { origins: browserOrigins(t), isHarnessHost: (h: string) => name(h) === 'client.oauth-conformance.test' || name(h).endsWith('.attacker.example') };
  assert.equal(browserRefusal('https://sso.example.com/login?x=1', policy), undefined);
  assert.equal(browserRefusal('https://client.oauth-conformance.test:9999/cb', policy), undefined);
  assert.equal(browserRefusal('data:image/png;base64,AAAA', policy), undefined);
  assert.match(browserRefusal('http://127.0.0.1:5432/', policy)!, /loopback/);
  assert.match(browserRefusal('file:///etc/passwd', policy)!, /scheme file:/);
  assert.match(browserRefusal('https://tracker.example.net/p.gif', policy)!, /is not one the target profile names/);
});

test('allowed_origins must be origins: a path or another scheme is a load error at its line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oc-origins-'));
  const file = path.join(dir, 't.yaml');
  writeFileSync(file, `name: t
issuer: https://sso.example.com
allowed_origins:
  - https://login.example.com/
  - https://login.example.com/path
  - ftp://files.example.com
clients: { c: { id: c, auth: none, redirect_uris: [https://client.oauth-conformance.test/cb] } }
user: { username: u, password: p }
features: []
interaction: [{ name: login, match: "**", steps: [{ click: { text: x } }] }]
`);
  const { errors } = loadTarget(file, {});
  assert.deepEqual(errors.map((e) => `${e.line}: ${e.message}`), [
    '5: "allowed_origins[1]" must be an origin, scheme://host[:port] with no path (got "https://login.example.com/path")',
    '6: "allowed_origins[2]" must be an origin, scheme://host[:port] with no path (got "ftp://files.example.com")',
  ]);
});
