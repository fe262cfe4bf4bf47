/**
 * The PAR (RFC 9126), DPoP (RFC 9449), device flow (RFC 8628) and FAPI 2.0 checks on evidence fixtures,
 * through judge(): for each, a record it passes and one it fails (or warns on), with the n/a cases that
 * keep a missing positive control from passing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from '../fixtures/evidence/judging.js';
import type { DeviceEvidence, DevicePoll, ParEvidence } from '../../src/evidence/fapi.js';
import type { AuthorizationEvidence, Evidence } from '../../src/evidence/types.js';
import {
  ACCESS_TOKEN, ISSUER, REGISTERED, STATE, TOKEN_ENDPOINT, authorization, callback, errorPage, jsonResponse, resource, resourceUnauthorized, token, tokenError,
} from '../fixtures/evidence/builders.js';

const REQUEST_URI = 'urn:ietf:params:oauth:request_uri:abc';
const pushed = { response_type: 'code', client_id: 'oc-confidential', redirect_uri: REGISTERED, state: STATE, scope: 'openid' };

function push(over: Partial<ParEvidence> = {}, status = 201, body: unknown = { request_uri: REQUEST_URI, expires_in: 10 }): ParEvidence {
  return {
    kind: 'par', step: 0, client: 'confidential', variants: [], endpoint: `${ISSUER}/request`, pushed,
    exchange: { request: { method: 'POST', url: `${ISSUER}/request`, headers: {}, body: '' }, response: jsonResponse(status, body), durationMs: 5 },
    ...over,
  };
}
const refusedPush = (variants: string[]) => push({ step: 1, variants }, 401, { error: 'invalid_client' });
const acceptedPush = (variants: string[]) => push({ step: 1, variants });
const front = (params: Record<string, string> = {}) => ({ url: `${ISSUER}/auth?request_uri=x`, params: { client_id: 'oc-confidential', request_uri: REQUEST_URI, ...params } });
const viaPush = (step: number, over: Partial<AuthorizationEvidence> = {}) => authorization({ step, request: front(), pushed: { from: 0, client: 'confidential' }, ...over });
const refusedViaPush = (step: number, over: Partial<AuthorizationEvidence> = {}) => errorPage({ step, request: front(), pushed: { from: 0, client: 'confidential' }, ...over });
const all = (...e: Evidence[]) => ({ all: e });

describe('PAR (RFC 9126)', () => {
  test('par-request-uri-issued: 201 with request_uri and expires_in passes; 200 without expires_in fails', () => {
    assert.equal(run('par-request-uri-issued', push()).verdict, 'pass');
    const o = run('par-request-uri-issued', push({}, 200, { request_uri: REQUEST_URI }));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /status 200, not 201, no positive expires_in/);
  });

  test('par-client-authentication-required: refused beside a valid push passes; accepted fails; without the control n/a', () => {
    assert.equal(run('par-client-authentication-required', refusedPush(['auth:none']), all(push(), refusedPush(['auth:none']))).verdict, 'pass');
    const o = run('par-client-authentication-required', acceptedPush(['auth:wrong-secret']), all(push(), acceptedPush(['auth:wrong-secret'])));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /auth:wrong-secret .* got a request_uri/);
    assert.equal(run('par-client-authentication-required', refusedPush(['auth:none'])).verdict, 'skip');
  });

  test('par-redirect-uri-validated: refused passes; accepted warns (SHOULD), fails under fapi2', () => {
    const bad = (ok: boolean) => (ok ? acceptedPush : refusedPush)(['redirect_uri:other-host']);
    assert.equal(run('par-redirect-uri-validated', bad(false), all(push(), bad(false))).verdict, 'pass');
    assert.equal(run('par-redirect-uri-validated', bad(true), all(push(), bad(true))).verdict, 'warn');
    assert.equal(run('par-redirect-uri-validated', bad(true), { all: [push(), bad(true)], profile: 'fapi2' }).verdict, 'fail');
  });

  test('par-request-uri-single-use: a second use refused passes; a second code warns', () => {
    assert.equal(run('par-request-uri-single-use', refusedViaPush(2), all(push(), viaPush(1), refusedViaPush(2))).verdict, 'pass');
    const o = run('par-request-uri-single-use', viaPush(2), all(push(), viaPush(1), viaPush(2)));
    assert.equal(o.verdict, 'warn');
    assert.match(o.message, /got a code in step 2 got code again/);
    assert.equal(run('par-request-uri-single-use', viaPush(2), { all: [push(), viaPush(1), viaPush(2)], profile: 'fapi2' }).verdict, 'fail');
  });

  test('par-request-uri-expires: refused after the wait passes; a code fails; no wait is n/a', () => {
    const waited = push({ waited: 10 });
    assert.equal(run('par-request-uri-expires', refusedViaPush(1), all(waited, refusedViaPush(1))).verdict, 'pass');
    assert.equal(run('par-request-uri-expires', viaPush(1), all(waited, viaPush(1))).verdict, 'fail');
    assert.equal(run('par-request-uri-expires', viaPush(1), all(push(), viaPush(1))).verdict, 'skip');
  });

  test('par-request-uri-bound-to-client: another client refused passes; served fails', () => {
    const other = { client: 'second' };
    assert.equal(run('par-request-uri-bound-to-client', refusedViaPush(1, other), all(push(), refusedViaPush(1, other))).verdict, 'pass');
    const o = run('par-request-uri-bound-to-client', viaPush(1, other), all(push(), viaPush(1, other)));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /client "second"'s client_id and the request_uri pushed by client "confidential"/);
  });

  test('par-front-channel-parameters-ignored: the pushed state returned passes; the front state fails', () => {
    const sent = front({ state: 'front-state' });
    const kept = viaPush(1, { request: sent });
    assert.equal(run('par-front-channel-parameters-ignored', kept, all(push(), kept)).verdict, 'pass');
    const used = viaPush(1, { request: sent, outcome: { type: 'redirect', url: callback({ code: 'c', state: 'front-state' }), base: REGISTERED, target: 'registered', query: { code: ['c'], state: ['front-state'] }, fragment: {} } });
    const o = run('par-front-channel-parameters-ignored', used, all(push(), used));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /front-channel state/);
  });

  test('par-required-enforced: judged only where the metadata requires PAR', () => {
    const meta = (required: boolean): Evidence => ({ kind: 'metadata', step: 0, issuer: ISSUER, documents: [], metadata: { issuer: ISSUER, require_pushed_authorization_requests: required } });
    const plain = authorization({ step: 1 });
    assert.equal(run('par-required-enforced', plain, all(meta(true), plain)).verdict, 'fail');
    assert.equal(run('par-required-enforced', errorPage({ step: 1 }), all(meta(true), errorPage({ step: 1 }))).verdict, 'pass');
    assert.equal(run('par-required-enforced', plain, all(meta(false), plain)).verdict, 'skip');
  });
});

const dpopToken = (over: Parameters<typeof token>[0] = {}) => token({ dpop: { variant: 'valid', jkt: 'k1' }, response: jsonResponse(200, { access_token: ACCESS_TOKEN, token_type: 'DPoP', expires_in: 60 }), ...over });
const badProof = (variant: string, refused: boolean) => (refused ? tokenError('invalid_dpop_proof', { step: 3, dpop: { variant } }) : dpopToken({ step: 3, dpop: { variant } }));

describe('DPoP (RFC 9449)', () => {
  test('dpop-token-bound: token_type DPoP passes; Bearer fails', () => {
    assert.equal(run('dpop-token-bound', dpopToken()).verdict, 'pass');
    const o = run('dpop-token-bound', token({ dpop: { variant: 'valid' } }));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /not DPoP-bound/);
  });

  for (const [id, variant] of [['dpop-proof-typ-checked', 'typ-jwt'], ['dpop-proof-signature-checked', 'alg-none'], ['dpop-proof-htm-htu-checked', 'wrong-htu'], ['dpop-proof-iat-checked', 'stale-iat'], ['dpop-proof-replay-refused', 'replay']] as const) {
    test(`${id}: a ${variant} proof refused passes beside a valid one; accepted fails; alone n/a`, () => {
      assert.equal(run(id, badProof(variant, true), all(dpopToken(), badProof(variant, true))).verdict, 'pass');
      const o = run(id, badProof(variant, false), all(dpopToken(), badProof(variant, false)));
      assert.equal(o.verdict, 'fail');
      assert.match(o.message, /got tokens/);
      assert.equal(run(id, badProof(variant, true)).verdict, 'skip');
    });
  }

  test('the proof checks are MUST at every profile, each on its own catalog row', () => {
    const rows = { 'dpop-proof-typ-checked': 'DP-02', 'dpop-proof-signature-checked': 'DP-03', 'dpop-proof-htm-htu-checked': 'DP-04', 'dpop-proof-iat-checked': 'DP-05', 'dpop-proof-replay-refused': 'DP-06' };
    for (const [id, row] of Object.entries(rows)) {
      const o = run(id, badProof('wrong-htm', false), all(dpopToken(), badProof('wrong-htm', false)));
      assert.equal(o.level, 'MUST');
      assert.deepEqual(o.catalog, ['DP-01', row].filter((r) => r !== 'DP-01'));
    }
    assert.equal(run('dpop-proof-htm-htu-checked', badProof('wrong-htm', false), all(dpopToken(), badProof('wrong-htm', false))).verdict, 'fail');
  });

  test('dpop-refresh-token-bound: a public client\'s refresh without proof refused passes; served fails', () => {
    const pub = dpopToken({ request: { method: 'POST', url: TOKEN_ENDPOINT, headers: {}, body: 'grant_type=authorization_code&client_id=oc-public' } });
    const refresh = (ok: boolean) => (ok ? dpopToken : (o: object) => tokenError('invalid_grant', o))({ step: 2, grant: 'refresh_token', tokenFrom: 1, dpop: { variant: 'none' }, request: { method: 'POST', url: TOKEN_ENDPOINT, headers: {}, body: 'grant_type=refresh_token&client_id=oc-public' } });
    assert.equal(run('dpop-refresh-token-bound', refresh(false), all(pub, refresh(false))).verdict, 'pass');
    assert.equal(run('dpop-refresh-token-bound', refresh(true), all(pub, refresh(true))).verdict, 'fail');
  });

  const control = resource({ step: 2, dpop: { variant: 'valid' } });
  test('dpop-resource-requires-proof: a bound token as Bearer refused passes; served fails', () => {
    assert.equal(run('dpop-resource-requires-proof', resourceUnauthorized({ step: 3 }), all(dpopToken(), control, resourceUnauthorized({ step: 3 }))).verdict, 'pass');
    const o = run('dpop-resource-requires-proof', resource({ step: 3 }), all(dpopToken(), control, resource({ step: 3 })));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /without a DPoP proof/);
  });

  test('dpop-resource-key-bound: another key refused passes; served fails', () => {
    const other = (ok: boolean) => (ok ? resource : resourceUnauthorized)({ step: 3, dpop: { variant: 'other-key' } });
    assert.equal(run('dpop-resource-key-bound', other(false), all(dpopToken(), control, other(false))).verdict, 'pass');
    assert.equal(run('dpop-resource-key-bound', other(true), all(dpopToken(), control, other(true))).verdict, 'fail');
  });
});

function poll(phase: DevicePoll['phase'], ok: boolean, error = 'authorization_pending', client = 'public'): DevicePoll {
  return { request: { method: 'POST', url: TOKEN_ENDPOINT, headers: {}, body: '' }, response: ok ? jsonResponse(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer' }) : jsonResponse(400, { error }), durationMs: 3, at: 1, client, phase };
}
function device(polls: DevicePoll[], over: Partial<DeviceEvidence> = {}): DeviceEvidence {
  return {
    kind: 'device', step: 0, client: 'public', endpoint: `${ISSUER}/device/auth`, polls, userCode: 'BCDF-GHJK', expiresIn: 25, interval: 2,
    deviceCode: { length: 43, alphabet: 64, bits: 258 },
    authorization: { request: { method: 'POST', url: `${ISSUER}/device/auth`, headers: {}, body: '' }, response: jsonResponse(200, { device_code: 'd', user_code: 'BCDF-GHJK', verification_uri: `${ISSUER}/device`, expires_in: 25 }), durationMs: 3 },
    approval: { ran: ['device-code', 'device-confirm', 'login', 'consent'], url: `${ISSUER}/device/success`, title: 'Device signed in', text: '' },
    ...over,
  };
}

describe('Device authorization grant (RFC 8628)', () => {
  test('device-flow-completes: tokens after approval pass; none fail; no verification_uri fails', () => {
    assert.equal(run('device-flow-completes', device([poll('after-approval', true)])).verdict, 'pass');
    assert.equal(run('device-flow-completes', device([poll('after-approval', false, 'access_denied')])).verdict, 'fail');
    const incomplete = device([], { authorization: { ...device([]).authorization!, response: jsonResponse(200, { device_code: 'd', user_code: 'X', expires_in: 25 }) } });
    assert.match(run('device-flow-completes', incomplete).message, /lacks verification_uri/);
  });

  test('device-authorization-pending: authorization_pending passes; another error or tokens fail', () => {
    assert.equal(run('device-authorization-pending', device([poll('before-approval', false)])).verdict, 'pass');
    assert.equal(run('device-authorization-pending', device([poll('before-approval', false, 'invalid_grant')])).verdict, 'fail');
    assert.equal(run('device-authorization-pending', device([poll('before-approval', true)])).verdict, 'fail');
  });

  test('device-slow-down: slow_down passes; none warns (SHOULD)', () => {
    assert.equal(run('device-slow-down', device([poll('fast', false), poll('fast', false, 'slow_down')])).verdict, 'pass');
    assert.equal(run('device-slow-down', device([poll('fast', false), poll('fast', false)])).verdict, 'warn');
  });

  test('device-code-expires: refused after expiry passes; tokens fail', () => {
    assert.equal(run('device-code-expires', device([poll('after-expiry', false, 'expired_token')])).verdict, 'pass');
    assert.equal(run('device-code-expires', device([poll('after-expiry', true)])).verdict, 'fail');
  });

  test('device-code-bound-to-client: the other client refused (own client served) passes; served fails; no control n/a', () => {
    assert.equal(run('device-code-bound-to-client', device([poll('other-client', false, 'invalid_grant', 'second'), poll('after-approval', true)])).verdict, 'pass');
    assert.equal(run('device-code-bound-to-client', device([poll('other-client', true, '', 'second')])).verdict, 'fail');
    assert.equal(run('device-code-bound-to-client', device([poll('other-client', false, 'invalid_grant', 'second')])).verdict, 'skip');
  });

  test('device-code-single-use: a replay refused passes; tokens again fail', () => {
    assert.equal(run('device-code-single-use', device([poll('after-approval', true), poll('replay', false, 'invalid_grant')])).verdict, 'pass');
    assert.equal(run('device-code-single-use', device([poll('after-approval', true), poll('replay', true)])).verdict, 'fail');
  });

  test('device-user-code-entropy: 8 letters pass; 4 digits warn', () => {
    assert.equal(run('device-user-code-entropy', device([])).verdict, 'pass');
    const o = run('device-user-code-entropy', device([], { userCode: '1234' }));
    assert.equal(o.verdict, 'warn');
    assert.match(o.actual ?? '', /4 characters of an alphabet of at most 10/);
  });
});

describe('FAPI 2.0 (judged MUST under fapi2 only)', () => {
  test('sender-constrained-tokens-only: DPoP passes; Bearer fails under fapi2, passes with a note elsewhere', () => {
    assert.equal(run('sender-constrained-tokens-only', dpopToken(), { profile: 'fapi2' }).verdict, 'pass');
    assert.equal(run('sender-constrained-tokens-only', token(), { profile: 'fapi2' }).verdict, 'fail');
    assert.match(run('sender-constrained-tokens-only', token()).message, /optional \(MAY\)/);
  });

  test('confidential-clients-only: a public client refused passes; served fails under fapi2', () => {
    assert.equal(run('confidential-clients-only', errorPage({ client: 'public' }), { profile: 'fapi2' }).verdict, 'pass');
    assert.equal(run('confidential-clients-only', authorization({ client: 'public' }), { profile: 'fapi2' }).verdict, 'fail');
  });

  test('asymmetric-client-authentication: client_secret_basic served fails under fapi2; private_key_jwt passes', () => {
    assert.equal(run('asymmetric-client-authentication', token(), { profile: 'fapi2' }).verdict, 'fail');
    const jwt = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.e30.sig`;
    const pkj = token({ request: { method: 'POST', url: TOKEN_ENDPOINT, headers: {}, body: `grant_type=authorization_code&client_assertion=${jwt}` } });
    assert.equal(run('asymmetric-client-authentication', pkj, { profile: 'fapi2' }).verdict, 'pass');
  });
});
