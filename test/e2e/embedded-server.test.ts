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
import { CATALOG_IDS } from '../../src/spec/catalog.js';

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
async function authorize(server: EmbeddedServer, params: Record<string, string> | URLSearchParams, opts: FlowOptions = {}, browser = new Browser()): Promise<FlowResult> {
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

/** As authorize, with the query given raw (for repeated parameters). */
function authorizeQuery(server: EmbeddedServer, query: string, opts: FlowOptions = {}): Promise<FlowResult> {
  return authorize(server, new URLSearchParams(query), opts);
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

interface TokenReply { status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, string> }

/**
 * A token endpoint request. `auth` is the Authorization header (default: the confidential client's
 * Basic credentials; '' for none); `method: 'GET'` puts the form in the query instead.
 */
async function tokenCall(server: EmbeddedServer, form: Record<string, string>, opts: { auth?: string; method?: 'GET' | 'POST'; query?: string } = {}): Promise<TokenReply> {
  const params = new URLSearchParams(form).toString();
  const get = opts.method === 'GET';
  const res = await request(`${server.issuer}/token${get ? `?${params}` : opts.query ? `?${opts.query}` : ''}`, {
    method: get ? 'GET' : 'POST',
    headers: {
      ...(get ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...(opts.auth !== '' ? { authorization: opts.auth ?? basic(CONFIDENTIAL.id, CONFIDENTIAL.secret) } : {}),
    },
    body: get ? undefined : params,
  });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Record<string, string> };
}

/** Redeems a code; `redirectUri: null` leaves redirect_uri out. */
async function redeem(server: EmbeddedServer, code: string, opts: { redirectUri?: string | null; auth?: string; extra?: Record<string, string> } = {}) {
  const redirectUri: Record<string, string> = opts.redirectUri === null ? {} : { redirect_uri: opts.redirectUri ?? CB };
  return tokenCall(server, { grant_type: 'authorization_code', code, ...redirectUri, ...opts.extra }, { auth: opts.auth });
}

async function refresh(server: EmbeddedServer, refreshToken: string, opts: { auth?: string; extra?: Record<string, string> } = {}) {
  return tokenCall(server, { grant_type: 'refresh_token', refresh_token: refreshToken, ...opts.extra }, { auth: opts.auth });
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

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function publicRequest(extra: Record<string, string> = {}): Record<string, string> {
  return { client_id: PUBLIC.id, response_type: 'code', redirect_uri: PUBLIC_CB, scope: 'openid', state: STATE, ...extra };
}

/** A public client's code, with an S256 challenge unless `challenge` is null. */
async function getPublicCode(server: EmbeddedServer, challenge: string | null = pkcePair().challenge): Promise<string> {
  const { location } = await authorize(server, publicRequest(challenge === null ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }));
  const code = responseParams(redirectedTo(location, `${PUBLIC_CB}?`)).get('code');
  assert.ok(code, `a code in ${location}`);
  return code;
}

const publicAuth = { auth: '', redirectUri: PUBLIC_CB } as const;

/** A full code flow for the confidential client, redeemed. */
async function confidentialTokens(server: EmbeddedServer): Promise<Record<string, string>> {
  const tokens = await redeem(server, await getCode(server));
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  return tokens.body;
}

/** A full PKCE code flow for the public client, redeemed. */
async function publicTokens(server: EmbeddedServer): Promise<Record<string, string>> {
  const { verifier, challenge } = pkcePair();
  const tokens = await redeem(server, await getPublicCode(server, challenge), { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: verifier } });
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  return tokens.body;
}

async function metadata(server: EmbeddedServer): Promise<Record<string, unknown>> {
  const res = await request(`${server.issuer}/.well-known/openid-configuration`);
  assert.equal(res.statusCode, 200);
  return await res.body.json() as Record<string, unknown>;
}

/** The login page of a fresh authorization request (two hops: /auth, then /interaction/:uid). */
async function loginPage(server: EmbeddedServer): Promise<Reply> {
  const browser = new Browser();
  const first = await browser.get(`${server.issuer}/auth?${new URLSearchParams(codeRequest())}`);
  const page = await browser.get(new URL(String(first.headers.location), server.issuer).href);
  assert.match(page.body, /name=password/);
  return page;
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
      assert.ok(flaw.breaks.length > 0 && flaw.breaks.every((id) => CATALOG_IDS.has(id)), `${name}: ${flaw.breaks.join(', ')}`);
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

// ---------------------------------------------------------------- more flaws: one active, one neighbour intact

/** A describe block with a server carrying just `flaw`; `s()` is that server. */
function flawSuite(flaw: FlawName, body: (s: () => EmbeddedServer) => void): void {
  describe(flaw, () => {
    let server: EmbeddedServer;
    before(async () => { server = await start([flaw]); });
    after(() => server.close());
    body(() => server);
  });
}

describe('metadata flaws', () => {
  flawSuite('metadata-issuer-mismatch', (s) => {
    test('discovery names another issuer', async () => {
      assert.equal((await metadata(s())).issuer, `${s().issuer}/x`);
    });
    test('endpoints and the iss parameter keep the real issuer', async () => {
      assert.equal((await metadata(s())).authorization_endpoint, `${s().issuer}/auth`);
      assert.equal(responseParams((await authorize(s(), codeRequest())).location!).get('iss'), s().issuer);
    });
  });

  flawSuite('metadata-no-pkce', (s) => {
    test('code_challenge_methods_supported is gone', async () => {
      assert.equal('code_challenge_methods_supported' in await metadata(s()), false);
    });
    test('PKCE is still required for public clients', async () => {
      assert.equal(responseParams((await authorize(s(), publicRequest())).location!).get('error'), 'invalid_request');
    });
  });

  flawSuite('metadata-advertises-deprecated', (s) => {
    test('token and password are advertised', async () => {
      const meta = await metadata(s());
      assert.deepEqual(meta.response_types_supported, ['code', 'token']);
      // The device grant is one of the embedded server's own (features/fapi.ts).
      assert.deepEqual((meta.grant_types_supported as string[]).filter((g) => !g.endsWith(':device_code')), ['authorization_code', 'refresh_token', 'password']);
    });
    test('both are still refused', async () => {
      const { location } = await authorize(s(), codeRequest(CB, { response_type: 'token' }));
      assert.equal(new URLSearchParams(new URL(location!).hash.slice(1)).get('error'), 'unsupported_response_type');
      const password = await tokenCall(s(), { grant_type: 'password', username: USER.username, password: USER.password });
      assert.equal(password.body.error, 'unsupported_grant_type');
    });
  });
});

describe('authorization request flaws', () => {
  flawSuite('duplicate-params-accepted', (s) => {
    test('repeated parameters are accepted, the first one wins', async () => {
      const query = `${new URLSearchParams(codeRequest())}&state=second&scope=openid`;
      const flow = await authorizeQuery(s(), query);
      const params = responseParams(redirectedTo(flow.location, `${CB}?`));
      assert.equal(params.get('state'), STATE);
      assert.equal((await redeem(s(), params.get('code')!)).status, 200);
    });
    test('an unregistered redirect_uri given first is still rejected; a bad response_type still errs', async () => {
      const query = `${new URLSearchParams(codeRequest('https://attacker.example/cb'))}&redirect_uri=${encodeURIComponent(CB)}`;
      assertRejectedOnPage(await authorizeQuery(s(), query));
      const { location } = await authorize(s(), codeRequest(CB, { response_type: 'foo' }));
      assert.equal(responseParams(location!).get('error'), 'unsupported_response_type');
    });
  });

  flawSuite('cors-on-authorization', (s) => {
    test('the authorization endpoint answers with Access-Control-Allow-Origin', async () => {
      const res = await request(`${s().issuer}/auth?${new URLSearchParams(codeRequest())}`, { headers: { origin: 'https://attacker.example' } });
      await res.body.dump();
      assert.equal(res.headers['access-control-allow-origin'], 'https://attacker.example');
      const bare = await request(`${s().issuer}/auth?${new URLSearchParams(codeRequest())}`);
      await bare.body.dump();
      assert.equal(bare.headers['access-control-allow-origin'], '*');
    });
    test('the flow itself is unchanged', async () => {
      const flow = await authorize(s(), codeRequest());
      assert.deepEqual(flow.postStatuses, [303, 303]);
      assert.equal((await redeem(s(), responseParams(flow.location!).get('code')!)).status, 200);
    });
  });

  flawSuite('redirect-307-after-login', (s) => {
    test('the login and consent POSTs answer 307, and a browser re-POSTing completes the flow', async () => {
      assert.deepEqual((await authorize(s(), codeRequest())).postStatuses, [307, 307]);
      // What a browser does with a 307: the same POST, form included, to the Location.
      const browser = new Browser();
      let reply = await browser.get(`${s().issuer}/auth?${new URLSearchParams(codeRequest())}`);
      reply = await browser.get(new URL(String(reply.headers.location), s().issuer).href);
      reply = await browser.post(reply.url, USER);
      assert.equal(reply.status, 307);
      reply = await browser.post(new URL(String(reply.headers.location), s().issuer).href, USER);
      reply = await browser.get(new URL(String(reply.headers.location), s().issuer).href);
      reply = await browser.post(reply.url, { decision: 'approve' });
      assert.equal(reply.status, 307);
      reply = await browser.post(new URL(String(reply.headers.location), s().issuer).href, { decision: 'approve' });
      assert.ok(responseParams(redirectedTo(String(reply.headers.location), `${CB}?`)).get('code'));
    });
    test('the redirect to the client is still 303 and a wrong password still re-renders the page', async () => {
      const flow = await authorize(s(), codeRequest());
      assert.equal(flow.last.status, 303);
      const wrong = await authorize(s(), codeRequest(), { password: 'nope' });
      assert.equal(wrong.last.status, 200);
      assert.match(wrong.last.body, /Invalid username or password/);
    });
  });
});

describe('authorization response flaws', () => {
  flawSuite('iss-missing', (s) => {
    test('no iss in success, error and form_post responses', async () => {
      assert.equal(responseParams((await authorize(s(), codeRequest())).location!).get('iss'), null);
      assert.equal(responseParams((await authorize(s(), codeRequest(), { decision: 'deny' })).location!).get('iss'), null);
      const formPost = await authorize(s(), codeRequest(CB, { response_mode: 'form_post' }));
      assert.equal(formPost.last.status, 200);
      assert.match(formPost.last.body, /name="code"/);
      assert.doesNotMatch(formPost.last.body, /name="iss"/);
    });
    test('discovery still advertises the parameter, and state is intact', async () => {
      assert.equal((await metadata(s())).authorization_response_iss_parameter_supported, true);
      assert.equal(responseParams((await authorize(s(), codeRequest())).location!).get('state'), STATE);
    });
  });

  flawSuite('code-challenge-echoed', (s) => {
    test('the challenge comes back next to the code', async () => {
      const { challenge } = pkcePair();
      const { location } = await authorize(s(), publicRequest({ code_challenge: challenge, code_challenge_method: 'S256' }));
      const params = responseParams(location!);
      assert.ok(params.get('code'));
      assert.equal(params.get('code_challenge'), challenge);
    });
    test('no challenge, nothing echoed; PKCE still verified', async () => {
      assert.equal(responseParams((await authorize(s(), codeRequest())).location!).get('code_challenge'), null);
      const code = await getPublicCode(s());
      assert.equal((await redeem(s(), code, { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: pkcePair().verifier } })).body.error, 'invalid_grant');
    });
  });
});

describe('PKCE flaws', () => {
  flawSuite('pkce-not-enforced', (s) => {
    test('wrong, missing and foreign verifiers redeem; public clients need no challenge', async () => {
      const other = pkcePair();
      for (const extra of [{ code_verifier: 'x'.repeat(43) }, {}, { code_verifier: other.verifier }] as Record<string, string>[]) {
        const tokens = await redeem(s(), await getPublicCode(s()), { ...publicAuth, extra: { client_id: PUBLIC.id, ...extra } });
        assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      }
      const noChallenge = await redeem(s(), await getPublicCode(s(), null), { ...publicAuth, extra: { client_id: PUBLIC.id } });
      assert.equal(noChallenge.status, 200);
    });
    test('plain, unknown methods and malformed verifiers are still refused; so is a verifier without challenge', async () => {
      for (const method of ['plain', 'S512']) {
        const { location } = await authorize(s(), publicRequest({ code_challenge: 'a'.repeat(43), code_challenge_method: method }));
        assert.equal(responseParams(location!).get('error'), 'invalid_request', method);
      }
      const short = await redeem(s(), await getPublicCode(s()), { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: 'abc' } });
      assert.equal(short.body.error, 'invalid_request');
      const downgrade = await redeem(s(), await getCode(s()), { extra: { code_verifier: pkcePair().verifier } });
      assert.equal(downgrade.body.error, 'invalid_grant');
    });
    test('a replayed code is still refused and its tokens revoked', async () => {
      const code = await getPublicCode(s());
      const first = await redeem(s(), code, { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: pkcePair().verifier } });
      assert.equal(first.status, 200);
      const replay = await redeem(s(), code, { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: pkcePair().verifier } });
      assert.equal(replay.body.error, 'invalid_grant');
      assert.equal((await useToken(s(), first.body.access_token)).status, 401);
    });
  });

  flawSuite('pkce-plain-allowed', (s) => {
    test('plain is advertised, accepted, and redeems with the challenge as verifier', async () => {
      assert.deepEqual((await metadata(s())).code_challenge_methods_supported, ['S256', 'plain']);
      const verifier = randomBytes(32).toString('base64url');
      const { location } = await authorize(s(), publicRequest({ code_challenge: verifier, code_challenge_method: 'plain' }));
      const tokens = await redeem(s(), responseParams(location!).get('code')!, { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: verifier } });
      assert.equal(tokens.status, 200);
    });
    test('unknown methods and a missing challenge are still refused', async () => {
      const { location } = await authorize(s(), publicRequest({ code_challenge: 'a'.repeat(43), code_challenge_method: 'S512' }));
      assert.equal(responseParams(location!).get('error'), 'invalid_request');
      assert.equal(responseParams((await authorize(s(), publicRequest())).location!).get('error'), 'invalid_request');
    });
  });

  flawSuite('pkce-downgrade-accepted', (s) => {
    test('a verifier for a code issued without a challenge is accepted', async () => {
      const tokens = await redeem(s(), await getCode(s()), { extra: { code_verifier: pkcePair().verifier } });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    });
    test('a code issued with a challenge still needs the right verifier', async () => {
      const wrong = await redeem(s(), await getPublicCode(s()), { ...publicAuth, extra: { client_id: PUBLIC.id, code_verifier: pkcePair().verifier } });
      assert.equal(wrong.body.error, 'invalid_grant');
    });
  });
});

describe('token endpoint flaws', () => {
  const postAuth = (secret = POST_CLIENT.secret) => ({ auth: '', extra: { client_id: POST_CLIENT.id, client_secret: secret } });

  flawSuite('code-not-bound-to-client', (s) => {
    test('another client, correctly authenticated, redeems the code and gets its tokens', async () => {
      const tokens = await redeem(s(), await getCode(s()), postAuth());
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      assert.equal((await useToken(s(), tokens.body.access_token)).body?.client_id, CONFIDENTIAL.id);
    });
    test('the other client\'s authentication is still checked', async () => {
      const wrong = await redeem(s(), await getCode(s()), postAuth('wrong'));
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error, 'invalid_client');
    });
  });

  flawSuite('token-redirect-uri-not-checked', (s) => {
    test('a code redeems with another or no redirect_uri', async () => {
      assert.equal((await redeem(s(), await getCode(s()), { redirectUri: null })).status, 200);
      assert.equal((await redeem(s(), await getCode(s()), { redirectUri: 'https://attacker.example/cb' })).status, 200);
    });
    test('a code is still single use', async () => {
      const code = await getCode(s());
      assert.equal((await redeem(s(), code)).status, 200);
      assert.equal((await redeem(s(), code)).body.error, 'invalid_grant');
    });
  });

  flawSuite('client-auth-not-enforced', (s) => {
    test('a code redeems with a wrong, an empty or no secret', async () => {
      assert.equal((await redeem(s(), await getCode(s()), { auth: basic(CONFIDENTIAL.id, 'wrong') })).status, 200);
      assert.equal((await redeem(s(), await getCode(s()), { auth: basic(CONFIDENTIAL.id, '') })).status, 200);
      assert.equal((await redeem(s(), await getCode(s()), { auth: '', extra: { client_id: CONFIDENTIAL.id } })).status, 200);
    });
    test('refresh requests still need client authentication', async () => {
      const tokens = await confidentialTokens(s());
      const wrong = await refresh(s(), tokens.refresh_token!, { auth: basic(CONFIDENTIAL.id, 'wrong') });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error, 'invalid_client');
    });
  });

  flawSuite('invalid-client-without-www-authenticate', (s) => {
    test('a 401 with Basic comes without WWW-Authenticate', async () => {
      const wrong = await redeem(s(), await getCode(s()), { auth: basic(CONFIDENTIAL.id, 'wrong') });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers['www-authenticate'], undefined);
    });
    test('the error body is intact and the right secret works', async () => {
      const code = await getCode(s());
      assert.equal((await redeem(s(), code, { auth: basic(CONFIDENTIAL.id, 'wrong') })).body.error, 'invalid_client');
      assert.equal((await redeem(s(), code)).status, 200);
    });
  });

  flawSuite('token-endpoint-accepts-get', (s) => {
    test('a GET with the parameters in the query redeems a code', async () => {
      const tokens = await tokenCall(s(), { grant_type: 'authorization_code', code: await getCode(s()), redirect_uri: CB }, { method: 'GET' });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      assert.equal((await useToken(s(), tokens.body.access_token)).status, 200);
    });
    test('a POST with the secret in the query is still refused', async () => {
      const res = await tokenCall(s(), { grant_type: 'authorization_code', code: await getCode(s()), redirect_uri: CB, client_id: CONFIDENTIAL.id },
        { auth: '', query: `client_secret=${CONFIDENTIAL.secret}` });
      assert.equal(res.status, 401);
    });
  });
});

describe('token response flaws', () => {
  flawSuite('token-no-store-missing', (s) => {
    test('token responses have no Cache-Control', async () => {
      const tokens = await redeem(s(), await getCode(s()));
      assert.equal(tokens.status, 200);
      assert.equal(tokens.headers['cache-control'], undefined);
    });
    test('the tokens are otherwise as before', async () => {
      const tokens = await confidentialTokens(s());
      assert.equal(tokens.token_type, 'Bearer');
      assert.equal(tokens.expires_in, 3600);
    });
  });

  flawSuite('long-lived-access-tokens', (s) => {
    test('access tokens live a day', async () => {
      assert.equal((await confidentialTokens(s())).expires_in, 86400);
    });
    test('responses still carry no-store', async () => {
      assert.equal((await redeem(s(), await getCode(s()))).headers['cache-control'], 'no-store');
    });
  });
});

describe('refresh flaws', () => {
  flawSuite('refresh-token-not-rotated', (s) => {
    test('a public client\'s refresh returns the same refresh token, which keeps working', async () => {
      const rt = (await publicTokens(s())).refresh_token!;
      const first = await refresh(s(), rt, { auth: '', extra: { client_id: PUBLIC.id } });
      assert.equal(first.status, 200);
      assert.equal(first.body.refresh_token, rt);
      assert.equal((await refresh(s(), rt, { auth: '', extra: { client_id: PUBLIC.id } })).status, 200);
    });
    test('scope still cannot grow on refresh', async () => {
      const rt = (await publicTokens(s())).refresh_token!;
      const grown = await refresh(s(), rt, { auth: '', extra: { client_id: PUBLIC.id, scope: 'openid offline_access' } });
      assert.equal(grown.body.error, 'invalid_scope');
    });
  });

  flawSuite('refresh-reuse-undetected', (s) => {
    test('after rotation the old refresh token still works, and so does the new one', async () => {
      const rt1 = (await publicTokens(s())).refresh_token!;
      const asPublic = { auth: '', extra: { client_id: PUBLIC.id } };
      const second = await refresh(s(), rt1, asPublic);
      const rt2 = second.body.refresh_token!;
      assert.equal((await refresh(s(), rt1, asPublic)).status, 200);
      assert.equal((await refresh(s(), rt2, asPublic)).status, 200);
      assert.equal((await useToken(s(), second.body.access_token)).status, 200);
    });
    test('refresh tokens are still rotated', async () => {
      const rt1 = (await publicTokens(s())).refresh_token!;
      const rt2 = (await refresh(s(), rt1, { auth: '', extra: { client_id: PUBLIC.id } })).body.refresh_token;
      assert.ok(rt2);
      assert.notEqual(rt2, rt1);
    });
  });

  flawSuite('refresh-not-bound-to-client', (s) => {
    test('another client, correctly authenticated, refreshes the token', async () => {
      const rt = (await confidentialTokens(s())).refresh_token!;
      const res = await refresh(s(), rt, { auth: '', extra: { client_id: POST_CLIENT.id, client_secret: POST_CLIENT.secret } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });
    test('codes are still bound to their client', async () => {
      const res = await redeem(s(), await getCode(s()), { auth: '', extra: { client_id: POST_CLIENT.id, client_secret: POST_CLIENT.secret } });
      assert.equal(res.body.error, 'invalid_grant');
    });
  });

  flawSuite('refresh-scope-escalation', (s) => {
    test('a refresh asking for more scope gets it, and the token works with it', async () => {
      const rt = (await confidentialTokens(s())).refresh_token!;
      const grown = await refresh(s(), rt, { extra: { scope: 'openid offline_access' } });
      assert.equal(grown.status, 200, JSON.stringify(grown.body));
      assert.equal(grown.body.scope, 'openid offline_access');
      assert.equal((await useToken(s(), grown.body.access_token)).body?.scope, 'openid offline_access');
    });
    test('a refresh without scope keeps the original, and the refresh token stays bound to its client', async () => {
      const rt = (await confidentialTokens(s())).refresh_token!;
      assert.equal((await refresh(s(), rt)).body.scope, 'openid');
      const other = await refresh(s(), rt, { auth: '', extra: { client_id: POST_CLIENT.id, client_secret: POST_CLIENT.secret } });
      assert.equal(other.body.error, 'invalid_grant');
    });
  });

  flawSuite('refresh-scope-dropped-silently', (s) => {
    test('a refresh asking for more scope gets tokens without it, and a response without scope', async () => {
      const rt = (await confidentialTokens(s())).refresh_token!;
      const dropped = await refresh(s(), rt, { extra: { scope: 'openid offline_access' } });
      assert.equal(dropped.status, 200, JSON.stringify(dropped.body));
      assert.equal(dropped.body.scope, undefined);
      assert.equal((await useToken(s(), dropped.body.access_token)).body?.scope, 'openid');
    });
    test('a refresh without scope keeps the original and says so', async () => {
      const rt = (await confidentialTokens(s())).refresh_token!;
      assert.equal((await refresh(s(), rt)).body.scope, 'openid');
    });
  });
});

describe('deprecated grant flaws', () => {
  flawSuite('implicit-grant-enabled', (s) => {
    test('response_type=token returns a working access token in the fragment', async () => {
      for (const clientId of [CONFIDENTIAL.id, PUBLIC.id]) {
        const redirectUri = clientId === PUBLIC.id ? PUBLIC_CB : CB;
        const { location } = await authorize(s(), codeRequest(redirectUri, { client_id: clientId, response_type: 'token' }));
        const url = new URL(redirectedTo(location, `${redirectUri}#`));
        const fragment = new URLSearchParams(url.hash.slice(1));
        assert.equal(url.search, '');
        assert.equal(fragment.get('token_type'), 'Bearer');
        assert.equal(fragment.get('state'), STATE);
        assert.equal(fragment.get('iss'), s().issuer);
        assert.equal(fragment.get('code'), null);
        assert.equal(fragment.get('refresh_token'), null);
        assert.equal((await useToken(s(), fragment.get('access_token')!)).body?.client_id, clientId);
      }
    });
    test('a token in the query is still refused, and the code flow is unchanged', async () => {
      const { location } = await authorize(s(), codeRequest(CB, { response_type: 'token', response_mode: 'query' }));
      assert.equal(responseParams(location!).get('error'), 'invalid_request');
      const code = await authorize(s(), codeRequest());
      assert.equal(new URL(code.location!).hash, '');
      assert.equal((await redeem(s(), responseParams(code.location!).get('code')!)).status, 200);
    });
  });

  flawSuite('password-grant-enabled', (s) => {
    test('grant_type=password with the user\'s credentials returns a working access token', async () => {
      const res = await tokenCall(s(), { grant_type: 'password', username: USER.username, password: USER.password });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual((await useToken(s(), res.body.access_token)).body, { sub: USER.username, scope: 'openid', client_id: CONFIDENTIAL.id });
    });
    test('client authentication and the user\'s password are still checked', async () => {
      const badClient = await tokenCall(s(), { grant_type: 'password', username: USER.username, password: USER.password }, { auth: basic(CONFIDENTIAL.id, 'wrong') });
      assert.equal(badClient.status, 401);
      const badUser = await tokenCall(s(), { grant_type: 'password', username: USER.username, password: 'nope' });
      assert.equal(badUser.body.error, 'invalid_grant');
    });
  });
});

describe('browser and resource flaws', () => {
  flawSuite('frame-headers-missing', (s) => {
    test('pages have neither X-Frame-Options nor frame-ancestors', async () => {
      const page = await loginPage(s());
      assert.equal(page.headers['x-frame-options'], undefined);
      assert.equal(page.headers['content-security-policy'], undefined);
      const error = await authorize(s(), codeRequest('https://attacker.example/cb'));
      assert.equal(error.last.headers['x-frame-options'], undefined);
    });
    test('Referrer-Policy is still sent', async () => {
      assert.equal((await loginPage(s())).headers['referrer-policy'], 'no-referrer');
    });
  });

  flawSuite('referrer-policy-missing', (s) => {
    test('pages have no Referrer-Policy', async () => {
      assert.equal((await loginPage(s())).headers['referrer-policy'], undefined);
    });
    test('anti-framing headers are still sent', async () => {
      assert.equal((await loginPage(s())).headers['x-frame-options'], 'DENY');
    });
  });

  flawSuite('resource-accepts-query-token', (s) => {
    test('a token in the query is accepted', async () => {
      const tokens = await confidentialTokens(s());
      const res = await request(`${s().resourceUrl}?access_token=${tokens.access_token}`);
      assert.equal(res.statusCode, 200);
      assert.equal((await res.body.json() as Record<string, string>).sub, USER.username);
    });
    test('401s still carry WWW-Authenticate', async () => {
      assert.equal((await useToken(s())).challenge, 'Bearer realm="embedded"');
      assert.equal((await useToken(s(), 'not-a-token')).challenge, 'Bearer realm="embedded", error="invalid_token"');
    });
  });

  flawSuite('resource-no-www-authenticate', (s) => {
    test('401s come without WWW-Authenticate', async () => {
      const none = await useToken(s());
      assert.equal(none.status, 401);
      assert.equal(none.challenge, undefined);
      assert.equal((await useToken(s(), 'not-a-token')).challenge, undefined);
    });
    test('a token in the query is still refused', async () => {
      const tokens = await confidentialTokens(s());
      const res = await request(`${s().resourceUrl}?access_token=${tokens.access_token}`);
      await res.body.dump();
      assert.equal(res.statusCode, 401);
    });
  });
});

// ---------------------------------------------------------------- lifecycle

test('starts silently with every flaw at once, still runs a code flow, and close() frees the port', async () => {
  const printed: unknown[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const name of Object.keys(saved) as (keyof typeof saved)[]) console[name] = (...args: unknown[]) => { printed.push(args); };
  const onWarning = (w: Error) => { printed.push(w.message); };
  process.on('warning', onWarning);
  let server: EmbeddedServer;
  try {
    server = await start(Object.keys(FLAWS) as FlawName[]);
    const tokens = await redeem(server, await getCode(server));
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assert.equal((await useToken(server, tokens.body.access_token)).status, 200);
  } finally {
    Object.assign(console, saved);
    process.off('warning', onWarning);
  }
  assert.deepEqual(printed, []);
  await server.close();
  await assert.rejects(request(`${server.issuer}/.well-known/openid-configuration`));
});
