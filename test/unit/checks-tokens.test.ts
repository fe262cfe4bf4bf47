/**
 * The RFC 7009 revocation and RFC 7662 introspection checks (CATALOG B.2.1, B.2.2) on evidence fixtures,
 * through judge() so the level is asserted too: for each, a record it passes and one it fails (or warns
 * on), and the n/a cases that keep a missing premise (no control, another client) from judging.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from '../fixtures/evidence/judging.js';
import type { Evidence, HttpExchange, IntrospectionEvidence, ResourceEvidence, RevocationEvidence } from '../../src/evidence/types.js';
import { ACCESS_TOKEN, REFRESH_TOKEN, ISSUER, authorization, callback, jsonResponse } from '../fixtures/evidence/builders.js';
import { basicHeader, errorResponse, formRequest, opaque, redemption, codeParams, refreshed, resourceRefusal, tokenResponse } from '../fixtures/evidence/back-channel.js';

const REVOCATION = `${ISSUER}/token/revocation`;
const INTROSPECTION = `${ISSUER}/token/introspection`;
const FIRST = redemption(formRequest(codeParams()), tokenResponse()); // step 1: AT + RT
const ok200: HttpExchange['response'] = { status: 200, headers: {}, body: '' };
const okResource = jsonResponse(200, { sub: 'alice', scope: 'openid', client_id: 'oc-confidential' });

function revocation(step: number, o: Partial<RevocationEvidence> = {}, response = ok200): RevocationEvidence {
  const which = o.which ?? 'refresh_token';
  const sentToken = o.sentToken ?? (which === 'access_token' ? ACCESS_TOKEN : which === 'refresh_token' ? REFRESH_TOKEN : opaque('bogus'));
  return {
    kind: 'revocation', step, client: 'confidential', tokenFrom: which === 'bogus' ? undefined : 1, tokenClient: 'confidential', which, hint: 'as-token', variants: [],
    sentToken, request: { method: 'POST', url: REVOCATION, headers: basicHeader(), body: new URLSearchParams({ token: sentToken }).toString() }, response, durationMs: 4, ...o,
  };
}
function resourceAt(step: number, response: HttpExchange['response'], tokenFrom = 1): ResourceEvidence {
  return { kind: 'resource', step, tokenFrom, presented: 'header', request: { method: 'GET', url: `${ISSUER}/resource`, headers: { authorization: `Bearer ${ACCESS_TOKEN}` } }, response, durationMs: 3 };
}
function introspection(step: number, body: Record<string, unknown> | undefined, o: Partial<IntrospectionEvidence> = {}, status = 200): IntrospectionEvidence {
  return {
    kind: 'introspection', step, tokenFrom: 1, which: 'access_token', client: 'confidential', hint: 'as-token', variants: [], ...o,
    exchange: { request: { method: 'POST', url: INTROSPECTION, headers: basicHeader(), body: 'token=x' }, response: body ? jsonResponse(status, body) : errorResponse('invalid_client', 401), durationMs: 3 },
  };
}
const ACTIVE = { active: true, client_id: 'oc-confidential', exp: 1767225600, iat: 1767222000, scope: 'openid', sub: 'alice', iss: ISSUER, token_type: 'Bearer' };
const judged = (id: string, e: Evidence, all: Evidence[]) => run(id, e, { all: [...all, e] });

describe('revocation-accepted (RV-01)', () => {
  test('pass: the own refresh token revoked with 200', () => assert.equal(run('revocation-accepted', revocation(2)).verdict, 'pass'));
  test('fail: refresh token revocation refused; warn for an access token (SHOULD)', () => {
    const refused = errorResponse('unsupported_token_type');
    const o = run('revocation-accepted', revocation(2, {}, refused));
    assert.deepEqual([o.verdict, o.actual], ['fail', '400 error=unsupported_token_type']);
    assert.equal(run('revocation-accepted', revocation(2, { which: 'access_token' }, refused)).verdict, 'warn');
  });
  test('n/a: another client, or no authentication', () => {
    assert.equal(run('revocation-accepted', revocation(2, { variants: ['auth:none'] }, errorResponse('invalid_client', 401))).verdict, 'skip');
  });
});

describe('revoked-refresh-token-refused (RV-02)', () => {
  const rev = revocation(2);
  test('pass: invalid_grant after the revocation', () => assert.equal(judged('revoked-refresh-token-refused', refreshed(3, REFRESH_TOKEN, errorResponse('invalid_grant'), { tokenFrom: 1 }), [FIRST, rev]).verdict, 'pass'));
  test('fail: the revoked refresh token still refreshes', () => {
    const o = judged('revoked-refresh-token-refused', refreshed(3, REFRESH_TOKEN, tokenResponse(), { tokenFrom: 1 }), [FIRST, rev]);
    assert.deepEqual([o.verdict, o.message], ['fail', 'the refresh token the server said it revoked (step 3, answered 200) still got new tokens']);
  });
  test('n/a: the revocation was refused, or sent with a wrong hint', () => {
    assert.equal(judged('revoked-refresh-token-refused', refreshed(3, REFRESH_TOKEN, tokenResponse()), [FIRST, revocation(2, {}, errorResponse('invalid_request'))]).verdict, 'skip');
    assert.equal(judged('revoked-refresh-token-refused', refreshed(3, REFRESH_TOKEN, tokenResponse()), [FIRST, revocation(2, { hint: 'wrong' })]).verdict, 'skip');
  });
});

describe('revoked-access-token-rejected (RV-03)', () => {
  const all = [FIRST, resourceAt(2, okResource), revocation(3, { which: 'access_token' })];
  test('pass: refused after the revocation', () => assert.equal(judged('revoked-access-token-rejected', resourceAt(4, resourceRefusal('invalid_token')), all).verdict, 'pass'));
  test('warn (SHOULD): still served', () => {
    const o = judged('revoked-access-token-rejected', resourceAt(4, okResource), all);
    assert.deepEqual([o.verdict, o.level], ['warn', 'SHOULD']);
  });
  test('n/a without the control (the token never seen working)', () => {
    assert.equal(judged('revoked-access-token-rejected', resourceAt(4, resourceRefusal('invalid_token')), [FIRST, revocation(3, { which: 'access_token' })]).verdict, 'skip');
  });
});

describe('grant-access-tokens-revoked (RV-04)', () => {
  const all = [FIRST, resourceAt(2, okResource), revocation(3)];
  test('pass: the access token of the grant refused', () => assert.equal(judged('grant-access-tokens-revoked', resourceAt(4, resourceRefusal('invalid_token')), all).verdict, 'pass'));
  test('warn: it still works', () => assert.equal(judged('grant-access-tokens-revoked', resourceAt(4, okResource), all).verdict, 'warn'));
  test('pass for an access token refreshed from the grant', () => {
    const refresh = refreshed(2, REFRESH_TOKEN, tokenResponse(), { tokenFrom: 1 });
    const chain = [FIRST, refresh, resourceAt(3, okResource, 2), revocation(4)];
    assert.equal(judged('grant-access-tokens-revoked', resourceAt(5, resourceRefusal('invalid_token'), 2), chain).verdict, 'pass');
  });
});

describe('revocation-requires-client-authentication (RV-05)', () => {
  test('pass: 401 invalid_client, a refusal', () => {
    const o = run('revocation-requires-client-authentication', revocation(2, { variants: ['auth:none'] }, errorResponse('invalid_client', 401)));
    assert.deepEqual([o.verdict, o.refusal], ['pass', true]);
  });
  test('fail: answered 200 without credentials', () => {
    const o = run('revocation-requires-client-authentication', revocation(2, { variants: ['auth:wrong-secret'] }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'a revocation request with a wrong client secret was answered 200, not refused: the server does not hold the client to its credentials there']);
  });
});

describe('token-survives-foreign-revocation (RV-06)', () => {
  const foreign = revocation(2, { client: 'second', variants: ['client:second'] }, errorResponse('invalid_request'));
  test('pass: the owner still refreshes', () => assert.equal(judged('token-survives-foreign-revocation', refreshed(3, REFRESH_TOKEN, tokenResponse(), { tokenFrom: 1 }), [FIRST, foreign]).verdict, 'pass'));
  test('fail: the foreign revocation took', () => {
    const o = judged('token-survives-foreign-revocation', refreshed(3, REFRESH_TOKEN, errorResponse('invalid_grant'), { tokenFrom: 1 }), [FIRST, { ...foreign, response: ok200 }]);
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /another client revoked it/);
  });
});

describe('access-token-survives-foreign-revocation (RV-06)', () => {
  const foreign = revocation(3, { which: 'access_token', client: 'second', variants: ['client:second'] }, errorResponse('invalid_request'));
  const all = [FIRST, resourceAt(2, okResource), foreign];
  test('pass: the access token still works', () => assert.equal(judged('access-token-survives-foreign-revocation', resourceAt(4, okResource), all).verdict, 'pass'));
  test('fail: refused after the other client\'s request', () => {
    const o = judged('access-token-survives-foreign-revocation', resourceAt(4, resourceRefusal('invalid_token')), all);
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /another client revoked it/);
  });
  test('n/a without the control', () => assert.equal(judged('access-token-survives-foreign-revocation', resourceAt(4, okResource), [FIRST, foreign]).verdict, 'skip'));
});

describe('revocation-invalid-token-accepted (RV-07)', () => {
  test('pass: 200 for a made-up token', () => assert.equal(run('revocation-invalid-token-accepted', revocation(0, { which: 'bogus' })).verdict, 'pass'));
  test('warn (SHOULD): an error for a made-up token', () => {
    const o = run('revocation-invalid-token-accepted', revocation(0, { which: 'bogus' }, errorResponse('invalid_request')));
    assert.deepEqual([o.verdict, o.level, o.actual], ['warn', 'SHOULD', '400 error=invalid_request']);
  });
});

describe('revocation-hint-not-binding (RV-08)', () => {
  // Two token sets: step 1 (the control, revoked with the right hint) and step 3 (revoked with the wrong hint).
  const second = { ...FIRST, step: 3 };
  const all = [FIRST, second, resourceAt(4, okResource, 1), resourceAt(5, okResource, 3),
    revocation(6, { which: 'access_token' }), resourceAt(7, resourceRefusal('invalid_token'), 1), revocation(8, { which: 'access_token', tokenFrom: 3, hint: 'wrong' })];
  test('pass: refused after a revocation with the wrong hint', () => assert.equal(judged('revocation-hint-not-binding', resourceAt(9, resourceRefusal('invalid_token'), 3), all).verdict, 'pass'));
  test('fail: the hint was taken as binding', () => assert.equal(judged('revocation-hint-not-binding', resourceAt(9, okResource, 3), all).verdict, 'fail'));
  test('n/a when the control token too still works', () => {
    const noControl = all.map((e) => (e.step === 7 ? resourceAt(7, okResource, 1) : e));
    assert.equal(judged('revocation-hint-not-binding', resourceAt(9, okResource, 3), noControl).verdict, 'skip');
  });
});

describe('introspection-requires-authentication (IN-01)', () => {
  test('pass: 401 to a caller without credentials, a refusal', () => {
    const o = run('introspection-requires-authentication', introspection(2, undefined, { variants: ['auth:none'] }));
    assert.deepEqual([o.verdict, o.refusal], ['pass', true]);
  });
  test('fail: told the token is active', () => {
    const o = run('introspection-requires-authentication', introspection(2, ACTIVE, { variants: ['auth:no-client-id'] }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'an introspection request with nothing identifying the client was told the access token is active']);
  });
});

describe('revoked-token-inactive (IN-02)', () => {
  const all = [FIRST, introspection(2, ACTIVE), revocation(3, { which: 'access_token' })];
  test('pass: inactive after the revocation', () => assert.equal(judged('revoked-token-inactive', introspection(4, { active: false }), all).verdict, 'pass'));
  test('fail: still active', () => assert.equal(judged('revoked-token-inactive', introspection(4, ACTIVE), all).verdict, 'fail'));
  test('n/a without an active answer before', () => assert.equal(judged('revoked-token-inactive', introspection(4, { active: false }), [FIRST, revocation(3, { which: 'access_token' })]).verdict, 'skip'));
});

describe('unknown-token-inactive (IN-03)', () => {
  const bogus = (body: Record<string, unknown> | undefined, status = 200) => introspection(2, body, { which: 'bogus', tokenFrom: undefined }, status);
  test('pass: active false, a refusal needing a control', () => assert.deepEqual([run('unknown-token-inactive', bogus({ active: false })).verdict, run('unknown-token-inactive', bogus({ active: false })).refusal], ['pass', true]));
  test('fail: an error instead', () => {
    const o = run('unknown-token-inactive', bogus({ error: 'invalid_request' }, 400));
    assert.deepEqual([o.verdict, o.actual], ['fail', '400 error=invalid_request']);
  });
});

describe('introspection-response-well-formed (IN-04)', () => {
  test('pass: typed members', () => assert.equal(run('introspection-response-well-formed', introspection(2, ACTIVE)).verdict, 'pass'));
  test('fail: times as strings, active not boolean', () => {
    const o = run('introspection-response-well-formed', introspection(2, { ...ACTIVE, active: 'true', exp: '1767225600' }));
    assert.equal(o.verdict, 'fail');
    assert.equal(o.actual, '"active": "true"; "exp" is "1767225600"');
  });
});

describe('introspection-hint-not-binding (IN-05)', () => {
  const all = [FIRST, introspection(2, ACTIVE)];
  test('pass: active with the wrong hint', () => assert.equal(judged('introspection-hint-not-binding', introspection(3, ACTIVE, { hint: 'wrong', variants: ['hint:wrong'] }), all).verdict, 'pass'));
  test('fail: inactive with the wrong hint', () => assert.equal(judged('introspection-hint-not-binding', introspection(3, { active: false }, { hint: 'unknown', variants: ['hint:unknown'] }), all).verdict, 'fail'));
  test('n/a without the control', () => assert.equal(judged('introspection-hint-not-binding', introspection(3, { active: false }, { hint: 'wrong', variants: ['hint:wrong'] }), [FIRST]).verdict, 'skip'));
});

describe('access-token-audience-restricted (RI-01)', () => {
  const API = 'https://api.example/';
  const forApi = redemption(formRequest([...codeParams(), ['resource', API]]), tokenResponse(), { variants: ['resource:indicator'] });
  test('pass: aud is the resource requested', () => assert.equal(judged('access-token-audience-restricted', introspection(2, { ...ACTIVE, aud: API }), [forApi]).verdict, 'pass'));
  test('warn (SHOULD): aud lists other resources too', () => {
    const o = judged('access-token-audience-restricted', introspection(2, { ...ACTIVE, aud: [API, 'https://other.example/'] }), [forApi]);
    assert.deepEqual([o.verdict, o.level], ['warn', 'SHOULD']);
    assert.match(o.message, /valid at 1 other audience/);
  });
  test('n/a: no resource requested, or no aud said', () => {
    assert.equal(judged('access-token-audience-restricted', introspection(2, ACTIVE), [FIRST]).verdict, 'skip');
    assert.equal(judged('access-token-audience-restricted', introspection(2, ACTIVE), [forApi]).verdict, 'skip');
  });
});

describe('token-invalid-target-rejected (RI-02)', () => {
  const withResource = (response: HttpExchange['response']) => redemption(formRequest([...codeParams(), ['resource', '/api']]), response, { variants: ['resource:relative'] });
  test('pass: invalid_target', () => assert.equal(run('token-invalid-target-rejected', withResource(errorResponse('invalid_target'))).verdict, 'pass'));
  test('warn (SHOULD): tokens for a relative resource', () => assert.equal(run('token-invalid-target-rejected', withResource(tokenResponse())).verdict, 'warn'));
});

describe('authorization-invalid-target-rejected (RI-03)', () => {
  test('pass: invalid_target error response; warn: a code delivered', () => {
    const refused = authorization({ request: { url: 'x', params: { resource: 'https://api.example/#f' } }, outcome: { type: 'redirect', url: callback({ error: 'invalid_target', state: 's' }), base: 'https://client.oauth-conformance.test/cb', target: 'registered', query: { error: ['invalid_target'] }, fragment: {} } });
    assert.equal(run('authorization-invalid-target-rejected', refused).verdict, 'pass');
    const granted = authorization({ request: { url: 'x', params: { resource: 'https://api.example/#f' } } });
    assert.equal(run('authorization-invalid-target-rejected', granted).verdict, 'warn');
  });
});
