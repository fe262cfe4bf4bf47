/**
 * The OpenID Connect (ID-xx), RFC 7523 client assertion (CA-xx) and RFC 9101 request object (JR-xx)
 * checks on evidence fixtures, through judge(): for each, a record it passes and one it fails, with
 * real signatures (an RSA key whose public half is the fixture's JWK Set).
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, test } from 'node:test';
import { run, seen } from '../fixtures/evidence/judging.js';
import type { AuthorizationEvidence, Evidence, MetadataEvidence, TokenEvidence } from '../../src/evidence/types.js';
import { ACCESS_TOKEN, CLIENT_ID, ISSUER, STATE, authorization, authorizeParams, authorizeUrl, callback, errorPage, jsonResponse, token, urlWith, REGISTERED, redirectedTo } from '../fixtures/evidence/builders.js';
import { errorResponse, formRequest, codeParams, redemption, tokenResponse } from '../fixtures/evidence/back-channel.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const JWK = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const NOW = 1_800_000_000;
const DATE = new Date(NOW * 1000).toUTCString();

function jws(claims: Record<string, unknown>, o: { key?: typeof privateKey; header?: Record<string, unknown> } = {}): string {
  const input = `${b64({ alg: 'RS256', kid: 'k1', ...o.header })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), o.key ?? privateKey).toString('base64url')}`;
}
const atHash = (t: string) => createHash('sha256').update(t).digest().subarray(0, 16).toString('base64url');
const CLAIMS = { iss: ISSUER, sub: 'alice', aud: CLIENT_ID, iat: NOW, exp: NOW + 3600, nonce: 'n-0S6', auth_time: NOW - 5, at_hash: atHash(ACCESS_TOKEN) };

const metadata: MetadataEvidence = {
  kind: 'metadata', step: 0, issuer: ISSUER, documents: [], metadata: { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` },
  jwks: { request: { method: 'GET', url: `${ISSUER}/jwks`, headers: {} }, response: jsonResponse(200, { keys: [JWK] }), durationMs: 3 },
};
const AUTH: AuthorizationEvidence = { ...authorization({ request: { url: authorizeUrl(authorizeParams({ nonce: 'n-0S6', max_age: '300' })), params: authorizeParams({ nonce: 'n-0S6', max_age: '300' }) } }), step: 1 };
/** A token step (2) redeeming AUTH's code, whose id_token carries `claims`. */
function tokenWith(idToken: string, over: Partial<TokenEvidence> = {}): TokenEvidence {
  const base = token({ step: 2, codeFrom: 1, ...over });
  return { ...base, response: jsonResponse(200, { ...(base.response.json as object), access_token: ACCESS_TOKEN, id_token: idToken }, { date: DATE }) };
}
const judged = (id: string, e: TokenEvidence, all: Evidence[] = [metadata, AUTH, e]) => run(id, e, { all });
const verdict = (id: string, e: TokenEvidence, all?: Evidence[]) => judged(id, e, all).verdict;

describe('ID tokens (ID-01..ID-07, ID-09)', () => {
  const good = tokenWith(jws(CLAIMS));

  test('id-token-signed: passes with the published key; fails for another key, alg none, an unknown kid', () => {
    assert.deepEqual(seen(judged('id-token-signed', good)), { verdict: 'pass', level: 'MUST', expected: 'a JWS signed with a key of the published JWK Set', actual: 'RS256 signature verified with kid "k1"', message: 'holds' });
    assert.equal(verdict('id-token-signed', tokenWith(jws(CLAIMS, { key: other }))), 'fail');
    assert.equal(verdict('id-token-signed', tokenWith(`${b64({ alg: 'none' })}.${b64(CLAIMS)}.`)), 'fail');
    assert.match(judged('id-token-signed', tokenWith(jws(CLAIMS, { header: { kid: 'nope' } }))).message, /no key with kid "nope"/);
    assert.equal(verdict('id-token-signed', good, [AUTH, good]), 'skip', 'no JWK Set fetched: nothing to judge');
  });

  test('id-token-issuer: the metadata issuer passes, another fails', () => {
    assert.equal(verdict('id-token-issuer', good), 'pass');
    assert.equal(judged('id-token-issuer', tokenWith(jws({ ...CLAIMS, iss: `${ISSUER}/b` }))).actual, `iss "${ISSUER}/b"`);
    assert.equal(verdict('id-token-issuer', tokenWith(jws({ ...CLAIMS, iss: `${ISSUER}/b` }))), 'fail');
  });

  test('id-token-audience: the client passes, another client fails, several without azp warn', () => {
    assert.equal(verdict('id-token-audience', good), 'pass');
    assert.equal(verdict('id-token-audience', tokenWith(jws({ ...CLAIMS, aud: 'someone-else' }))), 'fail');
    assert.equal(verdict('id-token-audience', tokenWith(jws({ ...CLAIMS, aud: [CLIENT_ID, 'api'] }))), 'warn');
  });

  test('id-token-lifetime: sane passes; expired at issue or issued in the future fails', () => {
    assert.equal(verdict('id-token-lifetime', good), 'pass');
    assert.equal(verdict('id-token-lifetime', tokenWith(jws({ ...CLAIMS, exp: NOW - 600 }))), 'fail');
    assert.equal(verdict('id-token-lifetime', tokenWith(jws({ ...CLAIMS, iat: NOW + 3600, exp: NOW + 7200 }))), 'fail');
  });

  test('id-token-nonce: echoed passes, missing fails, not sent skips', () => {
    assert.equal(verdict('id-token-nonce', good), 'pass');
    const { nonce: _n, ...noNonce } = CLAIMS;
    assert.deepEqual(seen(judged('id-token-nonce', tokenWith(jws(noNonce)))), { verdict: 'fail', level: 'MUST', expected: 'nonce equal to the one sent', actual: 'no nonce claim', message: 'the ID token does not carry the nonce of the request it answers' });
    assert.equal(verdict('id-token-nonce', good, [metadata, { ...authorization(), step: 1 }, good]), 'skip');
  });

  test('id-token-at-hash: the access token\'s hash passes, another fails', () => {
    assert.equal(verdict('id-token-at-hash', good), 'pass');
    assert.equal(verdict('id-token-at-hash', tokenWith(jws({ ...CLAIMS, at_hash: atHash('something-else') }))), 'fail');
  });

  test('id-token-sub-stable: the same sub passes, another fails', () => {
    const first = tokenWith(jws(CLAIMS), { step: 2 });
    const again = (sub: string) => tokenWith(jws({ ...CLAIMS, sub }), { step: 4 });
    assert.equal(verdict('id-token-sub-stable', again('alice'), [AUTH, first, again('alice')]), 'pass');
    assert.equal(verdict('id-token-sub-stable', again('alice-7f'), [AUTH, first, again('alice-7f')]), 'fail');
  });

  test('auth-time-with-max-age: present passes, missing fails', () => {
    assert.equal(verdict('auth-time-with-max-age', good), 'pass');
    const { auth_time: _a, ...noAuthTime } = CLAIMS;
    assert.equal(verdict('auth-time-with-max-age', tokenWith(jws(noAuthTime))), 'fail');
  });
});

describe('prompt-none-login-required (ID-08)', () => {
  const params = authorizeParams({ prompt: 'none' });
  const request = { url: authorizeUrl(params), params };
  test('pass: login_required at the client, no page shown', () => {
    const e = redirectedTo(callback({ error: 'login_required', state: STATE, iss: ISSUER }), 'registered', { request, interactions: [] });
    assert.equal(run('prompt-none-login-required', e).verdict, 'pass');
  });
  test('fail: the login page was shown and a code issued', () => {
    const e = authorization({ request });
    assert.deepEqual([run('prompt-none-login-required', e).verdict, run('prompt-none-login-required', e).message], ['fail', 'the server showed login and consent page(s) to a prompt=none request']);
  });
});

describe('userinfo-requires-valid-token (ID-10)', () => {
  const call = (step: number, presented: 'header' | 'bogus' | 'none', status: number): Evidence => ({
    kind: 'resource', step, at: 'userinfo', presented, tokenFrom: presented === 'header' ? 1 : undefined,
    request: { method: 'GET', url: `${ISSUER}/me`, headers: {} }, response: jsonResponse(status, status === 200 ? { sub: 'alice' } : { error: 'invalid_token' }), durationMs: 2,
  });
  const control = call(2, 'header', 200);
  test('pass: a made-up token refused, beside a valid call that got claims', () => {
    const e = call(3, 'bogus', 401);
    assert.equal(run('userinfo-requires-valid-token', e, { all: [control, e] }).verdict, 'pass');
    assert.equal(run('userinfo-requires-valid-token', e, { all: [e] }).verdict, 'skip', 'no positive control');
  });
  test('fail: claims for a made-up token', () => {
    const e = call(3, 'bogus', 200);
    assert.equal(run('userinfo-requires-valid-token', e, { all: [control, e] }).message, 'the UserInfo endpoint accepted a made-up token');
  });
});

describe('client assertions (CA-01..CA-06)', () => {
  const forged = (variant: string, response = errorResponse('invalid_client', 401)) =>
    redemption(formRequest([...codeParams(), ['client_id', 'oc-jwt'], ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'], ['client_assertion', 'x.y.z']], { headers: {} }), response, { variants: [`client_assertion:${variant}`], client: 'jwt' });
  const passes = (id: string, variant: string) => {
    const ok = run(id, forged(variant));
    assert.deepEqual([ok.verdict, ok.refusal], ['pass', true], id);
    assert.equal(run(id, forged('something-else')).verdict, 'skip', 'another variant is not this rule\'s');
  };
  const breaks = (id: string, variant: string, verdict: 'fail' | 'warn') => {
    const bad = run(id, forged(variant, tokenResponse()));
    assert.equal(bad.verdict, verdict, id);
    assert.match(bad.message, /was answered with tokens/);
  };
  test('wrong aud: refused passes, accepted fails', () => {
    passes('client-assertion-audience-checked', 'wrong-aud');
    breaks('client-assertion-audience-checked', 'wrong-aud', 'fail');
  });
  test('expired: refused passes, accepted fails', () => {
    passes('client-assertion-expiry-checked', 'expired');
    breaks('client-assertion-expiry-checked', 'expired', 'fail');
  });
  test('replayed: refused passes, accepted warns (SHOULD)', () => {
    passes('client-assertion-replay-rejected', 'replayed');
    breaks('client-assertion-replay-rejected', 'replayed', 'warn');
  });
  test('iss not sub: refused passes, accepted fails', () => {
    passes('client-assertion-issuer-checked', 'iss-not-sub');
    breaks('client-assertion-issuer-checked', 'iss-not-sub', 'fail');
  });
  test('HMAC keyed with the public key: refused passes, accepted fails', () => {
    passes('client-assertion-signature-verified', 'hmac-public-key');
    breaks('client-assertion-signature-verified', 'hmac-public-key', 'fail');
  });
  test('no jti: refused passes, accepted warns (SHOULD)', () => {
    passes('client-assertion-jti-required', 'no-jti');
    breaks('client-assertion-jti-required', 'no-jti', 'warn');
  });
  test('client-assertion-signature-verified judges another client\'s key and alg none too', () => {
    assert.equal(run('client-assertion-signature-verified', forged('other-client-key', tokenResponse())).verdict, 'fail');
    assert.equal(run('client-assertion-signature-verified', forged('alg-none')).verdict, 'pass');
  });
});

describe('request objects (JR-01..JR-05)', () => {
  const claims = { ...authorizeParams({ nonce: 'inner' }), iss: 'oc-jwt', aud: ISSUER };
  const outer = { response_type: 'code', client_id: 'oc-jwt', scope: 'openid', request: 'h.p.s' };
  const sent = (variant: string, over: Partial<AuthorizationEvidence> = {}, params: Record<string, string> = outer): Partial<AuthorizationEvidence> =>
    ({ request: { url: authorizeUrl(params), params }, requestObject: { variant, header: { alg: 'ES256' }, claims }, ...over });

  test('request-object-accepted: a code with the object\'s state passes; a refusal fails', () => {
    assert.equal(run('request-object-accepted', authorization(sent('signed'))).verdict, 'pass');
    const refused = redirectedTo(urlWith(REGISTERED, { error: 'invalid_request_object', state: STATE }), 'registered', sent('signed'));
    assert.deepEqual([run('request-object-accepted', refused).verdict, run('request-object-accepted', refused).actual], ['fail', 'error=invalid_request_object']);
  });

  const refused = (id: string, variant: string) => assert.deepEqual([run(id, errorPage(sent(variant))).verdict, run(id, errorPage(sent(variant))).refusal], ['pass', true], id);
  const accepted = (id: string, variant: string) => {
    const o = run(id, authorization(sent(variant)));
    assert.equal(o.verdict, 'fail', id);
    assert.match(o.message, /was accepted/);
  };
  test('alg none: refused passes, a code fails', () => {
    refused('request-object-unsigned-refused', 'alg-none');
    accepted('request-object-unsigned-refused', 'alg-none');
  });
  test('wrong key: refused passes, a code fails', () => {
    refused('request-object-signature-verified', 'wrong-key');
    accepted('request-object-signature-verified', 'wrong-key');
  });
  test('wrong aud or iss: refused passes, a code fails', () => {
    refused('request-object-claims-checked', 'wrong-aud');
    accepted('request-object-claims-checked', 'wrong-iss');
  });

  test('request-object-outer-ignored: the object\'s nonce passes, the outer one fails', () => {
    const auth = { ...authorization(sent('outer-differs', {}, { ...outer, nonce: 'outer' })), step: 1 };
    const withNonce = (nonce: string) => tokenWith(jws({ ...CLAIMS, nonce }));
    assert.equal(verdict('request-object-outer-ignored', withNonce('inner'), [auth, withNonce('inner')]), 'pass');
    const o = judged('request-object-outer-ignored', withNonce('outer'), [auth, withNonce('outer')]);
    assert.deepEqual([o.verdict, o.actual], ['fail', 'the nonce sent outside the request object']);
  });
});
