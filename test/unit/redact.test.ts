/**
 * The redactor: everything the harness writes passes through it. Registered values are masked
 * wherever they appear; secret-bearing parameters, JSON fields and Authorization headers are masked
 * by name even when never registered; masks keep a fingerprint so a replayed code stays visible.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint, mask, Redactor } from '../../src/evidence/redact.js';
import {
  ACCESS_TOKEN, CLIENT_SECRET, CODE, ID_TOKEN, ISSUER, PNG, REFRESH_TOKEN, STATE, VERIFIER,
  authorization, callback, token, tokenRequest,
} from '../fixtures/evidence/builders.js';

const fresh = () => new Redactor();
/** A mask as it appears in output: ‹kind:6 hex›. */
const MASK = /‹[a-z_]+:[0-9a-f]{6}›/;

describe('mask() and fingerprint()', () => {
  test('the fingerprint is 6 hex characters of SHA-256, stable across calls', () => {
    assert.match(fingerprint(CODE), /^[0-9a-f]{6}$/);
    assert.equal(fingerprint(CODE), fingerprint(CODE));
    assert.notEqual(fingerprint(CODE), fingerprint(`${CODE}x`));
    assert.equal(fingerprint('abc'), 'ba7816'); // sha256("abc") = ba7816bf…
  });

  test('a mask names its kind; a password has no fingerprint', () => {
    assert.equal(mask(CODE, 'code'), `‹code:${fingerprint(CODE)}›`);
    assert.equal(mask(CODE), `‹secret:${fingerprint(CODE)}›`);
    assert.equal(mask('hunter2-but-longer', 'password'), '‹password›');
  });
});

describe('registered secrets', () => {
  test('are masked wherever they appear, in any text', () => {
    const r = fresh();
    r.add(CLIENT_SECRET, 'client_secret');
    assert.equal(r.redactString(`the secret is ${CLIENT_SECRET}, again:${CLIENT_SECRET}`), `the secret is ${mask(CLIENT_SECRET, 'client_secret')}, again:${mask(CLIENT_SECRET, 'client_secret')}`);
  });

  test('are masked in their URL-encoded form too', () => {
    const r = fresh();
    const secret = 'p@ss/word+with:specials';
    r.add(secret, 'client_secret');
    const out = r.redactString(`x=${encodeURIComponent(secret)} y=${secret}`);
    assert.ok(!out.includes(secret) && !out.includes(encodeURIComponent(secret)), out);
    assert.match(out, /^x=‹client_secret:[0-9a-f]{6}› y=‹client_secret:[0-9a-f]{6}›$/);
  });

  test('a secret keeps one fingerprint whether it appears plain or URL-encoded', {}, () => {
    const r = fresh();
    const code = 'SplxlOBeZQQYbYS6WxSbIA+/=='; // a server may issue standard base64 codes
    r.add(code, 'code');
    assert.equal(r.redactString(`query=${encodeURIComponent(code)}`), `query=${mask(code, 'code')}`);
  });

  test('the longest value is masked first, so a secret containing another is masked whole', () => {
    const r = fresh();
    r.add('abcdef', 'code');
    r.add('abcdef-and-more', 'access_token');
    assert.equal(r.redactString('abcdef-and-more'), mask('abcdef-and-more', 'access_token'));
  });

  test('found at every position: at the very start and end of a text, twice in a row, beside another sharing its first characters', () => {
    const r = fresh();
    r.add('sekret-one', 'secret');
    r.add('sekret-two', 'secret');
    const one = mask('sekret-one', 'secret');
    const two = mask('sekret-two', 'secret');
    assert.equal(r.redactString('sekret-one'), one);
    assert.equal(r.redactString('x sekret-two'), `x ${two}`);
    assert.equal(r.redactString('sekret-onesekret-one|sekret-two'), `${one}${one}|${two}`);
    assert.equal(r.redactString('sekret-on sekret-tw'), 'sekret-on sekret-tw', 'a prefix alone is not the secret');
  });

  test('values shorter than 6 characters, and undefined, are not registered', () => {
    const r = fresh();
    r.add('abcde', 'secret');
    r.add(undefined, 'secret');
    r.add('', 'secret');
    assert.equal(r.redactString('abcde is not a secret'), 'abcde is not a secret');
  });

  test('a short password (4 or 5 characters) is still registered', () => {
    const r = fresh();
    r.add('pw12', 'password');
    r.add('abc', 'password');
    assert.equal(r.redactString('typed pw12, not abc'), 'typed ‹password›, not abc');
  });

  test('a registered password is masked without a fingerprint', () => {
    const r = fresh();
    r.add('embedded-alice-password-3c8b', 'password');
    const out = r.redactString('typed embedded-alice-password-3c8b into the form');
    assert.equal(out, 'typed ‹password› into the form');
  });
});

describe('secret parameters masked by name, never registered', () => {
  for (const name of ['code', 'access_token', 'refresh_token', 'id_token', 'code_verifier', 'client_secret']) {
    test(`${name} in a query, a fragment and a form body`, () => {
      const r = fresh();
      const v = `value-of-${name}-123`;
      const m = mask(v, name);
      assert.equal(r.redactString(`https://client.example/cb?${name}=${v}&state=s1`), `https://client.example/cb?${name}=${m}&state=s1`);
      assert.equal(r.redactString(`https://client.example/cb#state=s1&${name}=${v}`), `https://client.example/cb#state=s1&${name}=${m}`);
      assert.equal(r.redactString(`${name}=${v}&grant_type=authorization_code`), `${name}=${m}&grant_type=authorization_code`);
    });
  }

  test('password in a form body: masked, no fingerprint', () => {
    assert.equal(fresh().redactString('username=alice&password=correct-horse'), 'username=alice&password=‹password›');
  });

  test('a percent-encoded value is fingerprinted decoded, as the same value registered would be', () => {
    const v = 'a/b+c=d';
    assert.equal(fresh().redactString(`?code=${encodeURIComponent(v)}`), `?code=${mask(v, 'code')}`);
  });

  test('the embedded server\'s callback: code masked, state and iss left alone', () => {
    const out = fresh().redactString(callback());
    assert.equal(out, `https://client.oauth-conformance.test/cb?code=${mask(CODE, 'code')}&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A4000`);
  });

  test('harmless parameters are left alone, including ones whose names contain a secret name', () => {
    const s = `?state=${STATE}&code_challenge=abcdefgh&code_challenge_method=S256&error_code=xyz123&token_type=Bearer&redirect_uri=https%3A%2F%2Fclient.example%2Fcb&scope=openid&iss=${encodeURIComponent(ISSUER)}`;
    assert.equal(fresh().redactString(s), s);
  });

  test('the token request body of a code redemption', () => {
    const out = fresh().redactString(tokenRequest().body!);
    assert.equal(out, `grant_type=authorization_code&code=${mask(CODE, 'code')}&redirect_uri=https%3A%2F%2Fclient.oauth-conformance.test%2Fcb&code_verifier=${mask(VERIFIER, 'code_verifier')}`);
  });
});

describe('JSON fields and Authorization headers', () => {
  test('secret JSON fields are masked; the others are not', () => {
    const body = JSON.stringify({ access_token: ACCESS_TOKEN, expires_in: 3600, id_token: ID_TOKEN, refresh_token: REFRESH_TOKEN, scope: 'openid', token_type: 'Bearer' });
    const out = JSON.parse(fresh().redactString(body)) as Record<string, unknown>;
    assert.deepEqual(out, {
      access_token: mask(ACCESS_TOKEN, 'secret'), expires_in: 3600, id_token: mask(ID_TOKEN, 'secret'),
      refresh_token: mask(REFRESH_TOKEN, 'secret'), scope: 'openid', token_type: 'Bearer',
    });
  });

  test('JSON with spaces around the colon', () => {
    assert.equal(fresh().redactString('{ "client_secret" : "s3cr3t-value" }'), `{ "client_secret" : "${mask('s3cr3t-value')}" }`);
  });

  test('Authorization: Basic and Bearer values are masked', () => {
    const r = fresh();
    const basic = Buffer.from(`oc-confidential:${CLIENT_SECRET}`).toString('base64');
    assert.equal(r.redactString(`Authorization: Basic ${basic}`), `Authorization: Basic ${mask(basic, 'basic')}`);
    assert.equal(r.redactString(`authorization: Bearer ${ACCESS_TOKEN}`), `authorization: Bearer ${mask(ACCESS_TOKEN, 'bearer')}`);
    assert.equal(r.redactString(`DPoP ${ACCESS_TOKEN}`), `DPoP ${mask(ACCESS_TOKEN, 'dpop')}`);
  });

  test('a registered token in a Bearer header keeps the mask of its kind', () => {
    const r = fresh();
    r.add(ACCESS_TOKEN, 'access_token');
    assert.equal(r.redactString(`Bearer ${ACCESS_TOKEN}`), `Bearer ${mask(ACCESS_TOKEN, 'access_token')}`);
  });

  test('a lower-case scheme is masked too (schemes are case-insensitive, RFC 9110 §11.1)', {}, () => {
    assert.equal(fresh().redactString(`authorization: bearer ${ACCESS_TOKEN}`), `authorization: bearer ${mask(ACCESS_TOKEN, 'bearer')}`);
  });

  test('WWW-Authenticate auth-params are not credentials and are left alone', {}, () => {
    const r = fresh();
    assert.equal(r.redactString('Bearer realm="embedded", error="invalid_token"'), 'Bearer realm="embedded", error="invalid_token"');
    assert.equal(r.redactString('Bearer error="invalid_token"'), 'Bearer error="invalid_token"');
  });
});

describe('redact() over records', () => {
  test('deep objects and arrays: every string redacted, other values kept, input untouched', () => {
    const input = { a: [{ url: callback() }, `Bearer ${ACCESS_TOKEN}`, 42, true, null], b: { c: { d: `code=${CODE}` } }, n: undefined };
    const snapshot = structuredClone(input);
    const out = fresh().redact(input);
    assert.deepEqual(out, {
      a: [{ url: callback().replace(CODE, mask(CODE, 'code')) }, `Bearer ${mask(ACCESS_TOKEN, 'bearer')}`, 42, true, null],
      b: { c: { d: `code=${mask(CODE, 'code')}` } },
      n: undefined,
    });
    assert.deepEqual(input, snapshot);
  });

  test('Buffers (screenshots) pass through untouched, by reference', () => {
    const e = { ...authorization(), screenshot: PNG };
    const out = fresh().redact(e);
    assert.equal(out.screenshot, PNG);
  });

  test('a whole run\'s evidence: no registered secret survives anywhere in it', () => {
    const r = fresh();
    for (const [v, k] of [[CLIENT_SECRET, 'client_secret'], [CODE, 'code'], [VERIFIER, 'code_verifier'], [ACCESS_TOKEN, 'access_token'], [REFRESH_TOKEN, 'refresh_token'], [ID_TOKEN, 'id_token']] as const) r.add(v, k);
    const text = JSON.stringify(r.redact([authorization(), token()]));
    for (const secret of [CLIENT_SECRET, CODE, VERIFIER, ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN]) assert.ok(!text.includes(secret), `${secret.slice(0, 8)}… leaked`);
    assert.ok(text.includes(STATE), 'the state is not a secret');
    assert.match(text, MASK);
  });

  test('a replayed code shows the same mask in both token requests; another code a different one', () => {
    const r = fresh();
    const first = r.redact(token({ step: 1 }));
    const replay = r.redact(token({ step: 2 }));
    const other = r.redact(token({ step: 3, request: tokenRequest(`${CODE}-other`) }));
    const codeIn = (body?: string) => /code=(‹[^›]+›)/.exec(body ?? '')?.[1];
    assert.equal(codeIn(first.request.body), mask(CODE, 'code'));
    assert.equal(codeIn(first.request.body), codeIn(replay.request.body));
    assert.notEqual(codeIn(first.request.body), codeIn(other.request.body));
  });

  test('the same code masks alike whether registered or caught by name', () => {
    const registered = fresh();
    registered.add(CODE, 'code');
    assert.equal(registered.redactString(`?code=${CODE}`), fresh().redactString(`?code=${CODE}`));
  });
});

test('prose after Basic or Bearer is not a credential', () => {
  const r = new Redactor();
  assert.equal(r.redactString('Basic authentication is required; Bearer tokens SHOULD NOT be passed in URLs'), 'Basic authentication is required; Bearer tokens SHOULD NOT be passed in URLs');
  assert.match(r.redactString('authorization: Bearer 2YotnFZFEjr1zCsicMWpAA'), /Bearer ‹bearer:[0-9a-f]{6}›/);
  assert.match(r.redactString('Basic b2MtY29uZmlkZW50aWFsOnNlY3JldA=='), /Basic ‹basic:[0-9a-f]{6}›/);
});


describe('every encoding a registered secret travels in', () => {
  const PW = 'Al1ce pass!word+ü/"x';
  const r = fresh();
  r.add(PW, 'password');
  const secret = 'cs-7Hq2xZ9w~Kp4m';
  r.add(secret, 'client_secret');
  const leaks = (out: string) => [PW, secret].some((v) => out.includes(v) || out.includes(encodeURIComponent(v)) || out.includes(Buffer.from(v).toString('base64').slice(4, 16)));
  const forms: [string, (v: string) => string][] = [
    ['plain', (v) => v],
    ['percent-encoded', encodeURIComponent],
    ['percent-encoded, lower-case hex', (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['form-encoded (+ for spaces)', (v) => new URLSearchParams({ v }).toString().slice(2)],
    ['every byte percent-encoded', (v) => [...Buffer.from(v)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')],
    ['percent-encoded twice', (v) => encodeURIComponent(encodeURIComponent(v))],
    ['JSON-escaped', (v) => JSON.stringify(v).slice(1, -1)],
    ['JSON \\u escapes for every character', (v) => [...v].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['HTML character references', (v) => [...v].map((c) => `&#${c.codePointAt(0)};`).join('')],
    ['HTML hex references and &amp;', (v) => v.replace(/[^A-Za-z]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`)],
    ['base64', (v) => Buffer.from(v).toString('base64')],
    ['base64 without padding', (v) => Buffer.from(v).toString('base64').replace(/=+$/, '')],
    ['base64url', (v) => Buffer.from(v).toString('base64url')],
    ['hex', (v) => Buffer.from(v).toString('hex')],
    ['HEX', (v) => Buffer.from(v).toString('hex').toUpperCase()],
    ['base64 of a form body carrying it', (v) => Buffer.from(`user=alice&pw=${encodeURIComponent(v)}&x=1`).toString('base64')],
    ['base64, then percent-encoded', (v) => encodeURIComponent(Buffer.from(`{"p":"${v}"}`).toString('base64'))],
    ['hex inside a longer hex text', (v) => Buffer.from(`prefix ${v} suffix`).toString('hex')],
    ['base64url inside a longer text, at each alignment', (v) => ['', 'a', 'ab'].map((p) => Buffer.from(`${p}${v}!`).toString('base64url')).join(' ')],
    ['JSON-escaped inside percent-encoding', (v) => encodeURIComponent(JSON.stringify({ p: v }))],
    ['base64 of base64', (v) => Buffer.from(Buffer.from(v).toString('base64')).toString('base64')],
    ['base64 of JSON (its / escaped)', (v) => Buffer.from(JSON.stringify({ p: v }).replaceAll('/', '\\/')).toString('base64')],
    ['a JWT payload claim (base64url JSON), then percent-encoded', (v) => encodeURIComponent(`eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: 'alice', echo: v })).toString('base64url')}.`)],
    ['hex of percent-encoded', (v) => Buffer.from(encodeURIComponent(v)).toString('hex')],
  ];
  for (const [name, encode] of forms) {
    test(`${name}: masked, nothing of it left`, () => {
      for (const v of [PW, secret]) {
        const text = `echo: ${encode(v)} (end)`;
        const out = r.redactString(text);
        assert.ok(!leaks(out), `${name}: ${out}`);
        assert.match(out, /‹(password|client_secret:[0-9a-f]{6})›/, out);
        assert.ok(out.startsWith('echo: ') && out.endsWith(' (end)'), `the text around is kept: ${out}`);
      }
    });
  }

  test('the harmless text of an encoded document is kept around the mask', () => {
    const out = r.redactString(`https://as.example/login?user=alice&pw=${new URLSearchParams({ v: PW }).toString().slice(2)}&lang=en`);
    assert.equal(out, 'https://as.example/login?user=alice&pw=‹password›&lang=en');
  });

  test('an echoed password in an object, under any key, and as a key\'s value by name', () => {
    const out = JSON.stringify(r.redact({ page: { text: `Wrong password ${PW}` }, headers: { cookie: 'sid=abc123456', 'x-echo': Buffer.from(PW).toString('hex') }, passwd: 'hunter2hunter2' }));
    assert.ok(!leaks(out) && !out.includes('abc123456') && !out.includes('hunter2'), out);
  });

  test('password-like parameters are masked by name without a fingerprint', () => {
    const f = fresh();
    assert.equal(f.redactString('user=alice&pw=Al1ce%2Bpass%21word&pin=123456'), 'user=alice&pw=‹password›&pin=‹password›');
    assert.equal(f.redactString('{"Password":"x\\"y-long-value"}'), '{"Password":"‹password›"}');
  });

  test('nesting deeper than the call stack is redacted, not a crash (iterative walk)', () => {
    let deep: unknown = `code=${CODE}`;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    let out = r.redact(deep);
    for (let i = 0; i < 200_000; i++) out = (out as unknown[])[0];
    assert.equal(out, `code=${mask(CODE, 'code')}`);
  });

  test('many registered secrets over a long text stay fast', () => {
    const many = fresh();
    for (let i = 0; i < 200; i++) many.add(`token-${i}-${'x'.repeat(40)}${i}`, 'access_token');
    const text = `${'lorem ipsum %41 &amp; \\u0041 eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9 '.repeat(2000)}token-7-${'x'.repeat(40)}7`;
    const t = Date.now();
    const out = many.redactString(text);
    assert.ok(Date.now() - t < 3000, `${Date.now() - t} ms`);
    assert.ok(out.endsWith(mask(`token-7-${'x'.repeat(40)}7`, 'access_token')));
  });
});

test('the profile\'s secrets: client secrets, passwords and every typed value but the usernames, whatever the field', async () => {
  const { embeddedProfile } = await import('../e2e/harness.js');
  const { profileSecrets } = await import('../../src/target/secrets.js');
  const base = embeddedProfile();
  const profile = {
    ...base,
    interaction: [...base.interaction, {
      name: 'second factor', match: '**/mfa', steps: [
        { fill: { label: 'One-time code', value: '{{env.OC_TEST_OTP}}' } },
        { fill: { label: 'PIN', value: 'literal-pin-from-env-9f3' } },
        { fill: { label: 'Nonce', value: '{{random}}' } },
      ],
    }],
  };
  const secrets = profileSecrets(profile, { OC_TEST_OTP: '918273' });
  const values = new Map(secrets);
  assert.equal(values.get(base.user!.password), 'password');
  assert.equal(values.get('918273'), 'password');
  assert.equal(values.get('literal-pin-from-env-9f3'), 'password');
  assert.equal(values.get(base.clients.confidential.secret!), 'client_secret');
  assert.ok(!values.has(base.user!.username), 'the username is not a secret');
  assert.ok(![...values.keys()].some((v) => v.includes('{{')), 'no unexpanded template');
});
