/**
 * The embedded target server and its flaws, driven over plain HTTP: the login and consent forms are
 * posted by hand with a hand-kept cookie jar, redirects followed one at a time, and the final
 * redirect to the client is only read (its Location), never followed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { FLAWS, startEmbeddedServer, type EmbeddedServer, type FlawName } from '../../fixtures/servers/embedded/index.js';

const CB = 'https://client.oauth-conformance.test/cb';
const PUBLIC_CB = 'https://spa.oauth-conformance.test/cb';
const CONFIDENTIAL = { id: 'conf-client', secret: 'conf-secret-1234567890', auth: 'client_secret_basic' as const, redirect_uris: [CB] };
const POST_CLIENT = { id: 'post-client', secret: 'post-secret-1234567890', auth: 'client_secret_post' as const, redirect_uris: [CB] };
const PUBLIC = { id: 'public-client', auth: 'none' as const, redirect_uris: [PUBLIC_CB] };
const USER = { username: 'alice', password: 'wonderland-42' };
// URL-special and non-ASCII characters, as the harness sends (AR-01).
const STATE = 'st&=?#%+ é/x';

function start(flaws: FlawName[] = []): Promise<EmbeddedServer> {
  return startEmbeddedServer({ clients: [CONFIDENTIAL, POST_CLIENT, PUBLIC], users: [USER], flaws });
}

// ---------------------------------------------------------------- a minimal browser over HTTP

interface Reply { url: string; status: number; headers: Record<string, string | string[] | undefined>; body: string }

class Browser {
  private cookies = new Map<string, string>();

  async get(url: string): Promise<Reply> {
    return this.send(url, 'GET');
  }

  async post(url: string, form: Record<string, string>): Promise<Reply> {
    return this.send(url, 'POST', new URLSearchParams(form).toString());
  }

  private async send(url: string, method: 'GET' | 'POST', body?: string): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await request(url, { method, headers, body });
    const setCookie = res.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { url, status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }
}

interface FlowOptions { password?: string; decision?: 'approve' | 'deny' }
interface FlowResult {
  /** The raw Location of the redirect that left the server (undefined if the flow stopped on a page). */
  location?: string;
  /** The last reply: the redirect out, or the page the flow stopped on. */
  last: Reply;
  /** Statuses of the login and consent form POSTs. */
  postStatuses: number[];
}

/** Walks an authorization request through login and consent up to the redirect that leaves the server. */
async function authorize(server: EmbeddedServer, params: Record<string, string>, opts: FlowOptions = {}, browser = new Browser()): Promise<FlowResult> {
  const origin = new URL(server.issuer).origin;
  const postStatuses: number[] = [];
  let reply = await browser.get(`${server.issuer}/auth?${new URLSearchParams(params)}`);
  for (let hop = 0; hop < 12; hop++) {
    const location = reply.headers.location;
    if (reply.status >= 300 && reply.status < 400 && typeof location === 'string') {
      const next = new URL(location, reply.url);
      if (next.origin !== origin) return { location, last: reply, postStatuses };
      reply = await browser.get(next.href);
    } else if (reply.status === 200 && reply.body.includes('name=password') && !postStatuses.includes(200)) {
      reply = await browser.post(reply.url, { username: USER.username, password: opts.password ?? USER.password });
      postStatuses.push(reply.status);
    } else if (reply.status === 200 && reply.body.includes('name=decision')) {
      reply = await browser.post(reply.url, { decision: opts.decision ?? 'approve' });
      postStatuses.push(reply.status);
    } else {
      return { last: reply, postStatuses };
    }
  }
  throw new Error('too many hops');
}

function codeRequest(redirectUri = CB, extra: Record<string, string> = {}): Record<string, string> {
  return { client_id: CONFIDENTIAL.id, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: STATE, ...extra };
}

/** Asserts the flow left the server for `prefix` and returns the Location. */
function redirectedTo(location: string | undefined, prefix: string): string {
  if (!location?.startsWith(prefix)) assert.fail(`expected a redirect to ${prefix}..., got ${location}`);
  return location;
}

function responseParams(location: string): URLSearchParams {
  return new URL(location).searchParams;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function redeem(server: EmbeddedServer, code: string, opts: { redirectUri?: string; auth?: string; extra?: Record<string, string> } = {}) {
  const res = await request(`${server.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(opts.auth !== '' ? { authorization: opts.auth ?? basic(CONFIDENTIAL.id, CONFIDENTIAL.secret) } : {}),
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: opts.redirectUri ?? CB, ...opts.extra }).toString(),
  });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Record<string, string> };
}

async function useToken(server: EmbeddedServer, accessToken?: string) {
  const res = await request(server.resourceUrl, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  const text = await res.body.text();
  return { status: res.statusCode, challenge: res.headers['www-authenticate'], body: text ? JSON.parse(text) as Record<string, string> : undefined };
}

/** A full flow for the confidential client that ends with a code. */
async function getCode(server: EmbeddedServer, redirectUri = CB): Promise<string> {
  const { location } = await authorize(server, codeRequest(redirectUri));
  assert.ok(location, 'the flow ends in a redirect to the client');
  const code = responseParams(location).get('code');
  assert.ok(code, `a code in ${location}`);
  return code;
}

/** Without a redirect, the server rejected the request on its own page (RFC 6749 §4.1.2.1: no redirect). */
function assertRejectedOnPage(result: FlowResult): void {
  assert.equal(result.location, undefined, `no redirect to the client, got ${result.location}`);
  assert.equal(result.last.status, 400);
  assert.match(result.last.body, /redirect_uri/);
}

// ---------------------------------------------------------------- the clean server

describe('embedded server (no flaws)', () => {
  let server: EmbeddedServer;
  before(async () => { server = await start(); });
  after(() => server.close());

  test('publishes discovery with the RFC 9207 iss parameter and S256-only PKCE', async () => {
    const res = await request(`${server.issuer}/.well-known/openid-configuration`);
    assert.equal(res.statusCode, 200);
    const meta = await res.body.json() as Record<string, unknown>;
    assert.equal(meta.issuer, server.issuer);
    assert.match(server.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(meta.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(meta.response_types_supported, ['code']);
  });

  test('runs a full code flow for a confidential client (client_secret_basic)', async () => {
    const flow = await authorize(server, codeRequest());
    assert.deepEqual(flow.postStatuses, [303, 303], 'login and consent POSTs answer 303');
    const location = redirectedTo(flow.location, `${CB}?`);
    assert.equal(flow.last.status, 303);
    const params = responseParams(location);
    assert.equal(params.get('state'), STATE);
    assert.equal(params.get('iss'), server.issuer);
    assert.equal(new URL(location).hash, '');

    const tokens = await redeem(server, params.get('code')!);
    assert.equal(tokens.status, 200);
    assert.equal(tokens.headers['cache-control'], 'no-store');
    assert.equal(tokens.body.token_type, 'Bearer');
    assert.ok(tokens.body.access_token && tokens.body.refresh_token && tokens.body.id_token);

    const resource = await useToken(server, tokens.body.access_token);
    assert.equal(resource.status, 200);
    assert.deepEqual(resource.body, { sub: USER.username, scope: 'openid', client_id: CONFIDENTIAL.id });
  });

  test('refuses a replayed code (TK-01) and revokes the tokens issued from it (TK-02)', async () => {
    const code = await getCode(server);
    const first = await redeem(server, code);
    assert.equal(first.status, 200);
    assert.equal((await useToken(server, first.body.access_token)).status, 200);

    const second = await redeem(server, code);
    assert.equal(second.status, 400);
    assert.equal(second.body.error, 'invalid_grant');

    const after = await useToken(server, first.body.access_token);
    assert.equal(after.status, 401);
    assert.equal(after.challenge, 'Bearer realm="embedded", error="invalid_token"');
    const refresh = await request(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(CONFIDENTIAL.id, CONFIDENTIAL.secret) },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token! }).toString(),
    });
    assert.equal(refresh.statusCode, 400);
    assert.equal((await refresh.body.json() as Record<string, string>).error, 'invalid_grant');
  });

  test('the resource answers 401 without an error code when no credentials were sent', async () => {
    const res = await useToken(server);
    assert.equal(res.status, 401);
    assert.equal(res.challenge, 'Bearer realm="embedded"');
    assert.equal((await useToken(server, 'not-a-token')).challenge, 'Bearer realm="embedded", error="invalid_token"');
  });

  test('a second request in the same browser needs neither login nor consent again', async () => {
    const browser = new Browser();
    assert.deepEqual((await authorize(server, codeRequest(), {}, browser)).postStatuses, [303, 303]);
    const again = await authorize(server, codeRequest(), {}, browser);
    assert.deepEqual(again.postStatuses, []);
    assert.ok(responseParams(redirectedTo(again.location, `${CB}?`)).get('code'));
  });

  test('a wrong password re-renders the login page with an error, then the right one goes on', async () => {
    const browser = new Browser();
    const wrong = await authorize(server, codeRequest(), { password: 'nope' }, browser);
    assert.equal(wrong.location, undefined);
    assert.equal(wrong.last.status, 200);
    assert.match(wrong.last.body, /<title>Sign in<\/title>/);
    assert.match(wrong.last.body, /Invalid username or password/);
    assert.match(wrong.last.body, /<input id=password type=password name=password/);

    const retry = await browser.post(wrong.last.url, { username: USER.username, password: USER.password });
    assert.equal(retry.status, 303);
    assert.match(String(retry.headers.location), /\/auth\//);
  });

  test('deny on the consent page redirects with error=access_denied, state and iss', async () => {
    const location = redirectedTo((await authorize(server, codeRequest(), { decision: 'deny' })).location, `${CB}?`);
    const params = responseParams(location);
    assert.equal(params.get('error'), 'access_denied');
    assert.equal(params.get('error_description'), 'End-User denied the request');
    assert.equal(params.get('state'), STATE);
    assert.equal(params.get('iss'), server.issuer);
    assert.equal(params.get('code'), null);
  });

  test('the consent page names the client and lists the scopes', async () => {
    const browser = new Browser();
    let reply = await browser.get(`${server.issuer}/auth?${new URLSearchParams(codeRequest(CB, { scope: 'openid offline_access', prompt: 'consent' }))}`);
    reply = await browser.get(new URL(String(reply.headers.location), server.issuer).href);
    assert.equal(reply.headers['x-frame-options'], 'DENY');
    reply = await browser.post(reply.url, USER);
    reply = await browser.get(new URL(String(reply.headers.location), server.issuer).href);
    reply = await browser.get(new URL(String(reply.headers.location), server.issuer).href);
    assert.match(reply.body, /<h1>Authorize conf-client<\/h1>/);
    assert.match(reply.body, /<li>openid<\/li>\n<li>offline_access<\/li>/);
    assert.match(reply.body, /<button name=decision value=approve>Continue<\/button>/);
    assert.match(reply.body, /<button name=decision value=deny>Deny<\/button>/);
  });

  test('client_secret_post works', async () => {
    const { location } = await authorize(server, { ...codeRequest(), client_id: POST_CLIENT.id });
    assert.ok(location);
    const tokens = await redeem(server, responseParams(location).get('code')!, {
      auth: '',
      extra: { client_id: POST_CLIENT.id, client_secret: POST_CLIENT.secret },
    });
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assert.equal((await useToken(server, tokens.body.access_token)).status, 200);
  });

  test('a request with no scope oidc-provider knows ends in access_denied (so the harness asks for openid)', async () => {
    for (const scope of ['', 'read']) {
      const { location } = await authorize(server, codeRequest(CB, { scope }));
      const params = responseParams(location!);
      assert.equal(params.get('error'), 'access_denied', scope);
      assert.equal(params.get('state'), STATE);
    }
  });

  test('a public client needs PKCE with S256', async () => {
    const base = { client_id: PUBLIC.id, response_type: 'code', redirect_uri: PUBLIC_CB, scope: 'openid', state: STATE };
    const missing = await authorize(server, base);
    assert.equal(responseParams(missing.location!).get('error'), 'invalid_request');
    assert.equal(responseParams(missing.location!).get('state'), STATE);

    const plain = await authorize(server, { ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    assert.equal(responseParams(plain.location!).get('error'), 'invalid_request');

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const ok = await authorize(server, { ...base, code_challenge: challenge, code_challenge_method: 'S256' });
    const code = responseParams(ok.location!).get('code')!;
    assert.ok(code);
    const wrong = await redeem(server, code, { auth: '', redirectUri: PUBLIC_CB, extra: { client_id: PUBLIC.id, code_verifier: 'x'.repeat(43) } });
    assert.equal(wrong.body.error, 'invalid_grant');
    const tokens = await redeem(server, code, { auth: '', redirectUri: PUBLIC_CB, extra: { client_id: PUBLIC.id, code_verifier: verifier } });
    assert.equal(tokens.status, 200);
    assert.ok(tokens.body.access_token && tokens.body.refresh_token);
  });

  test('rejects redirect URI variants on its own page', async () => {
    for (const variant of [`${CB}/evil`, `${CB}x`, `${CB}?extra=1`, 'https://attacker.example/cb', 'https://client.oauth-conformance.test:8443/cb']) {
      assertRejectedOnPage(await authorize(server, codeRequest(variant)));
    }
  });

  test('rejects response_type=token', async () => {
    const { location } = await authorize(server, codeRequest(CB, { response_type: 'token' }));
    // The error goes in the fragment, the default response mode for response_type=token.
    const params = new URLSearchParams(new URL(location!).hash.slice(1));
    assert.equal(params.get('error'), 'unsupported_response_type');
    assert.equal(params.get('state'), STATE);
  });
});

// ---------------------------------------------------------------- the flaws

describe('flaws', () => {
  test('every flaw names the catalog rule it breaks', () => {
    for (const [name, flaw] of Object.entries(FLAWS)) {
      assert.match(flaw.breaks, /^[A-Z]{2}-\d{2}$/, name);
      assert.ok(flaw.description.length > 40, name);
    }
  });

  test('an unknown flaw is refused', async () => {
    await assert.rejects(start(['no-such-flaw' as FlawName]), /unknown flaw/);
  });

  describe('code-reuse', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['code-reuse']); });
    after(() => server.close());

    test('a second identical redemption succeeds and the first tokens keep working', async () => {
      const code = await getCode(server);
      const first = await redeem(server, code);
      const second = await redeem(server, code);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.body.access_token, first.body.access_token);
      assert.equal((await useToken(server, first.body.access_token)).status, 200);
    });

    test('client authentication is still checked on the repeat', async () => {
      const code = await getCode(server);
      assert.equal((await redeem(server, code)).status, 200);
      const wrongSecret = await redeem(server, code, { auth: basic(CONFIDENTIAL.id, 'wrong') });
      assert.equal(wrongSecret.status, 401);
      assert.equal(wrongSecret.body.error, 'invalid_client');
    });
  });

  describe('redirect-uri-prefix-match', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['redirect-uri-prefix-match']); });
    after(() => server.close());

    test('a path suffix is accepted, redirected to, and redeems', async () => {
      for (const variant of [`${CB}/evil`, `${CB}x`]) {
        const location = redirectedTo((await authorize(server, codeRequest(variant))).location, `${variant}?`);
        const tokens = await redeem(server, responseParams(location).get('code')!, { redirectUri: variant });
        assert.equal(tokens.status, 200);
      }
    });

    test('an extra query, another host or port, and dot segments stay rejected', async () => {
      for (const variant of [`${CB}?extra=1`, `${CB}/evil?extra=1`, 'https://attacker.example/cb', 'https://client.oauth-conformance.test:8443/cb', `${CB}/..;/evil`, `${CB}%2f..%2fevil`]) {
        assertRejectedOnPage(await authorize(server, codeRequest(variant)));
      }
    });
  });

  describe('redirect-uri-ignore-query', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['redirect-uri-ignore-query']); });
    after(() => server.close());

    test('an extra query is accepted and kept in the redirect', async () => {
      const location = redirectedTo((await authorize(server, codeRequest(`${CB}?extra=1`))).location, `${CB}?extra=1&code=`);
      assert.equal(responseParams(location).get('state'), STATE);
    });

    test('a path suffix stays rejected', async () => {
      assertRejectedOnPage(await authorize(server, codeRequest(`${CB}/evil`)));
      assertRejectedOnPage(await authorize(server, codeRequest(`${CB}/evil?extra=1`)));
    });
  });

  describe('token-in-fragment', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['token-in-fragment']); });
    after(() => server.close());

    test('a success redirect carries a working access token in its fragment', async () => {
      const { location } = await authorize(server, codeRequest());
      assert.ok(location);
      const fragment = new URLSearchParams(new URL(location).hash.slice(1));
      assert.equal(fragment.get('token_type'), 'Bearer');
      assert.equal((await useToken(server, fragment.get('access_token')!)).status, 200);
      const params = responseParams(location);
      assert.equal(params.get('state'), STATE);
      assert.equal(params.get('iss'), server.issuer);
      assert.equal((await redeem(server, params.get('code')!)).status, 200);
    });

    test('an error redirect is untouched', async () => {
      const { location } = await authorize(server, codeRequest(), { decision: 'deny' });
      assert.ok(location);
      assert.equal(new URL(location).hash, '');
      assert.equal(responseParams(location).get('state'), STATE);
    });
  });

  describe('state-dropped', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['state-dropped']); });
    after(() => server.close());

    test('success and error redirects carry no state', async () => {
      const ok = await authorize(server, codeRequest());
      assert.equal(responseParams(ok.location!).get('state'), null);
      const denied = await authorize(server, codeRequest(), { decision: 'deny' });
      assert.equal(responseParams(denied.location!).get('state'), null);
      assert.equal(responseParams(denied.location!).get('error'), 'access_denied');
      const fragmentMode = await authorize(server, codeRequest(CB, { response_mode: 'fragment' }));
      const fragment = new URLSearchParams(new URL(fragmentMode.location!).hash.slice(1));
      assert.ok(fragment.get('code'));
      assert.equal(fragment.get('state'), null);
    });

    test('iss and the code are intact', async () => {
      const { location } = await authorize(server, codeRequest());
      const params = responseParams(location!);
      assert.equal(params.get('iss'), server.issuer);
      assert.equal((await redeem(server, params.get('code')!)).status, 200);
    });
  });

  describe('state-altered', () => {
    let server: EmbeddedServer;
    before(async () => { server = await start(['state-altered']); });
    after(() => server.close());

    test('success and error redirects carry the state without its last character', async () => {
      const ok = await authorize(server, codeRequest());
      assert.equal(responseParams(ok.location!).get('state'), STATE.slice(0, -1));
      const denied = await authorize(server, codeRequest(), { decision: 'deny' });
      assert.equal(responseParams(denied.location!).get('state'), STATE.slice(0, -1));
    });

    test('iss and the code are intact', async () => {
      const { location } = await authorize(server, codeRequest());
      const params = responseParams(location!);
      assert.equal(params.get('iss'), server.issuer);
      assert.equal((await redeem(server, params.get('code')!)).status, 200);
    });
  });
});

// ---------------------------------------------------------------- lifecycle

test('starts silently and close() frees the port', async () => {
  const printed: unknown[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const name of Object.keys(saved) as (keyof typeof saved)[]) console[name] = (...args: unknown[]) => { printed.push(args); };
  let server: EmbeddedServer;
  try {
    server = await start(['state-dropped', 'redirect-uri-prefix-match']);
    await getCode(server);
  } finally {
    Object.assign(console, saved);
  }
  assert.deepEqual(printed, []);
  await server.close();
  await assert.rejects(request(`${server.issuer}/.well-known/openid-configuration`));
});
