/**
 * The back-channel checks (CATALOG B.1.7 PKCE, B.1.8 token endpoint, B.1.9 token response, B.1.10
 * refresh tokens, B.1.14 protected resource) on evidence fixtures, through judge() so that the level
 * (per profile) is part of what is asserted: for each, a record it passes and one it fails (or warns
 * on, at SHOULD), plus the n/a cases that keep one deviation from cascading into others.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run, seen } from '../fixtures/evidence/judging.js';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { estimateEntropy } from '../../src/checks/entropy.js';
import { judge } from '../../src/checks/judge.js';
import { s256 } from '../../src/checks/pkce.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import type { Evidence, HttpExchange } from '../../src/evidence/types.js';
import type { Profile } from '../../src/spec/levels.js';
import {
  ACCESS_TOKEN, CHALLENGE, CLIENT_ID, CODE, REFRESH_TOKEN, REGISTERED,
  authorization, authorizationDenied, callback, errorPage, implicitGranted, jsonResponse, redirectedTo, token, urlWith,
} from '../fixtures/evidence/builders.js';
import {
  PUBLIC_CLIENT_ID, SECOND_CLIENT_ID, authorizedWith, basicHeader, codeParams, errorResponse, formRequest, opaque, publicRedemption,
  race, raceRounds, redemption, refreshed, refreshRace, resourceCall, resourceRefusal, tokenResponse,
} from '../fixtures/evidence/back-channel.js';


const vl = (o: CheckOutcome) => [o.verdict, o.level];

const AUTH = authorization(); // step 0: S256 challenge of VERIFIER
const invalidGrant = errorResponse('invalid_grant');
const invalidClient401 = errorResponse('invalid_client', 401, { 'www-authenticate': 'Basic realm="embedded"' });

/** A code redemption of step 0's code with body replacements, after AUTH (or another authorization). */
const redeem = (body: Record<string, string | undefined>, response = invalidGrant, over: Parameters<typeof redemption>[2] = {}) =>
  redemption(formRequest(codeParams(body)), response, over);
const withAuth = (id: string, e: Evidence, auth = AUTH, o: { profile?: Profile } = {}) => run(id, e, { all: [auth, e], ...o });

describe('pkce-wrong-verifier-rejected (PK-02, PK-06)', () => {
  const wrong = opaque('wrong-verifier');

  test('pass: a random verifier gets invalid_grant', () => {
    assert.deepEqual(seen(withAuth('pkce-wrong-verifier-rejected', redeem({ code_verifier: wrong }))), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; 400 error=invalid_grant', actual: '400 error=invalid_grant', message: 'holds',
    });
  });

  test('pass with a note: refused with invalid_request', () => {
    const o = withAuth('pkce-wrong-verifier-rejected', redeem({ code_verifier: wrong }, errorResponse('invalid_request')));
    assert.equal(o.verdict, 'pass');
    assert.equal(o.message, 'rejected, but with error=invalid_request instead of invalid_grant (RFC 6749 §5.2)');
  });

  test('fail: another flow\'s verifier accepted', () => {
    const o = withAuth('pkce-wrong-verifier-rejected', redeem({ code_verifier: wrong }, tokenResponse(), { variants: ['code_verifier:other-flow'] }));
    assert.deepEqual(seen(o), {
      verdict: 'fail', level: 'MUST', expected: 'no tokens; 400 error=invalid_grant', actual: '200 access_token issued',
      message: 'the code was redeemed with the verifier of another authorization, and tokens were issued: PKCE is not enforced',
    });
  });

  test('skip: the right verifier, no verifier, or no challenge', () => {
    assert.equal(withAuth('pkce-wrong-verifier-rejected', redeem({}, tokenResponse())).verdict, 'skip');
    assert.equal(withAuth('pkce-wrong-verifier-rejected', redeem({ code_verifier: undefined })).verdict, 'skip');
    const noPkce = authorizedWith({ code_challenge: undefined, code_challenge_method: undefined });
    assert.equal(withAuth('pkce-wrong-verifier-rejected', redeem({ code_verifier: wrong }, tokenResponse()), noPkce).verdict, 'skip');
  });
});

describe('pkce-s256-accepted (PK-01)', () => {
  test('pass: the S256 challenge\'s verifier redeems the code', () => {
    assert.deepEqual(seen(withAuth('pkce-s256-accepted', redeem({}, tokenResponse()))), {
      verdict: 'pass', level: 'MUST', expected: '200 with an access token', actual: '200 access_token issued', message: 'holds',
    });
  });

  test('fail: the right verifier is refused', () => {
    assert.deepEqual(seen(withAuth('pkce-s256-accepted', redeem({}, invalidGrant))), {
      verdict: 'fail', level: 'MUST', expected: '200 with an access token', actual: '400 error=invalid_grant',
      message: 'a code requested with an S256 challenge and redeemed with its verifier got no token (400 error=invalid_grant): S256 is mandatory to implement',
    });
  });

  test('skip: no S256 challenge, or not its verifier', () => {
    const noPkce = authorizedWith({ code_challenge: undefined, code_challenge_method: undefined });
    assert.equal(withAuth('pkce-s256-accepted', redeem({}, tokenResponse()), noPkce).verdict, 'skip');
    assert.equal(withAuth('pkce-s256-accepted', redeem({ code_verifier: opaque('wrong-verifier') })).verdict, 'skip');
    assert.equal(withAuth('pkce-s256-accepted', redeem({ code_verifier: undefined })).verdict, 'skip');
  });
});

describe('pkce-verifier-required (PK-03)', () => {
  test('pass: no verifier, invalid_grant', () => {
    assert.equal(withAuth('pkce-verifier-required', redeem({ code_verifier: undefined })).verdict, 'pass');
  });

  test('fail: redeemed without a verifier', () => {
    const o = withAuth('pkce-verifier-required', redeem({ code_verifier: undefined }, tokenResponse()));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'the code was issued for a PKCE challenge, yet redeemed without any code_verifier: PKCE is not enforced');
  });

  test('fail under every profile; skip when a verifier was sent', () => {
    for (const profile of ['rfc6749', 'rfc9700', 'oauth2.1'] as const) {
      assert.equal(withAuth('pkce-verifier-required', redeem({ code_verifier: undefined }, tokenResponse()), AUTH, { profile }).verdict, 'fail');
    }
    assert.equal(withAuth('pkce-verifier-required', redeem({})).verdict, 'skip');
  });
});

describe('pkce-verifier-without-challenge-rejected (PK-04)', () => {
  const noPkce = authorizedWith({ code_challenge: undefined, code_challenge_method: undefined });
  const e = (response = invalidGrant) => redeem({ code_verifier: opaque('v') }, response);

  test('pass: a verifier for a code without challenge is refused', () => {
    assert.deepEqual(vl(withAuth('pkce-verifier-without-challenge-rejected', e(), noPkce)), ['pass', 'MUST']);
  });

  test('fail (MUST) under RFC 9700; a noted pass (MAY) under RFC 6749', () => {
    const o = withAuth('pkce-verifier-without-challenge-rejected', e(tokenResponse()), noPkce);
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a code issued without any code_challenge was redeemed with a code_verifier: the PKCE downgrade goes undetected');
    assert.deepEqual(vl(withAuth('pkce-verifier-without-challenge-rejected', e(tokenResponse()), noPkce, { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('skip: the authorization had a challenge', () => {
    assert.equal(withAuth('pkce-verifier-without-challenge-rejected', e(tokenResponse())).verdict, 'skip');
  });
});

describe('pkce-downgrade-rejected (PK-05)', () => {
  test('pass: the challenge as verifier is refused', () => {
    assert.equal(withAuth('pkce-downgrade-rejected', redeem({ code_verifier: CHALLENGE })).verdict, 'pass');
  });

  test('fail: the challenge as verifier with code_challenge_method=plain accepted', () => {
    const e = redemption(formRequest([...codeParams({ code_verifier: CHALLENGE }), ['code_challenge_method', 'plain']]), tokenResponse());
    const o = withAuth('pkce-downgrade-rejected', e);
    assert.deepEqual(seen(o), {
      verdict: 'fail', level: 'MUST', expected: 'no tokens; 400 error=invalid_grant', actual: '200 access_token issued',
      message: 'the S256 challenge, sent back as the code_verifier and code_challenge_method=plain, was accepted: the server compared it as plain, so anyone who saw the authorization request can redeem the code',
    });
  });

  test('skip: another verifier, or a plain challenge', () => {
    assert.equal(withAuth('pkce-downgrade-rejected', redeem({ code_verifier: opaque('x') }, tokenResponse())).verdict, 'skip');
    const plain = authorizedWith({ code_challenge: CHALLENGE, code_challenge_method: 'plain' });
    assert.equal(withAuth('pkce-downgrade-rejected', redeem({ code_verifier: CHALLENGE }, tokenResponse()), plain).verdict, 'skip');
  });
});

describe('pkce-short-verifier-rejected (PK-07)', () => {
  const matching = authorizedWith({ code_challenge: s256('abc') });

  test('pass: abc, matching its challenge, refused with invalid_request', () => {
    const o = withAuth('pkce-short-verifier-rejected', redeem({ code_verifier: 'abc' }, errorResponse('invalid_request')), matching);
    assert.deepEqual(seen(o), { verdict: 'pass', level: 'SHOULD', expected: 'no tokens; 400 error=invalid_request', actual: '400 error=invalid_request', message: 'holds' });
  });

  test('warn (SHOULD): abc accepted', () => {
    const o = withAuth('pkce-short-verifier-rejected', redeem({ code_verifier: 'abc' }, tokenResponse()), matching);
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'a 3-character code_verifier (matching its challenge) was accepted: the server does not enforce the 43-character minimum');
  });

  test('skip: a short verifier that does not match the challenge proves nothing', () => {
    const o = withAuth('pkce-short-verifier-rejected', redeem({ code_verifier: 'abc' }));
    assert.equal(o.verdict, 'skip');
    assert.match(o.message, /does not match the challenge either/);
  });
});

describe('pkce-unsupported-method-rejected (PK-08)', () => {
  const s512 = authorizedWith({ code_challenge_method: 'S512' }).request;
  const refusedWith = (error: string) => redirectedTo(callback({ error, state: 'x' }), 'registered', { request: s512, interactions: [] });

  test('pass: error=invalid_request at the registered URI', () => {
    assert.deepEqual(vl(run('pkce-unsupported-method-rejected', refusedWith('invalid_request'))), ['pass', 'MUST']);
  });

  test('pass: an error page', () => {
    assert.equal(run('pkce-unsupported-method-rejected', errorPage({ request: s512 })).verdict, 'pass');
  });

  test('warn, lenient: refused with another error', () => {
    const o = run('pkce-unsupported-method-rejected', refusedWith('server_error'));
    assert.deepEqual([...vl(o), o.message], ['warn', 'SHOULD', 'refused with error=server_error instead of invalid_request']);
  });

  test('fail: a code issued for S512', () => {
    const o = run('pkce-unsupported-method-rejected', authorization({ request: s512 }));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'code_challenge_method=S512 is not defined, yet the server issued code');
  });

  test('skip: S256', () => {
    assert.equal(run('pkce-unsupported-method-rejected', authorization()).verdict, 'skip');
  });
});

describe('pkce-required-for-public-clients (PK-09)', () => {
  const noChallenge = (e: Partial<Parameters<typeof authorizedWith>[1]> = {}) =>
    authorizedWith({ client_id: PUBLIC_CLIENT_ID, code_challenge: undefined, code_challenge_method: undefined }, { client: 'public', ...e });

  test('pass: refused with invalid_request', () => {
    const e = redirectedTo(callback({ error: 'invalid_request', state: 'x' }), 'registered', { request: noChallenge().request, client: 'public', interactions: [] });
    assert.deepEqual(vl(run('pkce-required-for-public-clients', e)), ['pass', 'SHOULD']);
  });

  test('warn (SHOULD) under RFC 9700, fail (MUST) under OAuth 2.1: a code without a challenge', () => {
    assert.deepEqual(seen(run('pkce-required-for-public-clients', noChallenge())), {
      verdict: 'warn', level: 'SHOULD', expected: 'error=invalid_request (code challenge required) or an error page; no code',
      actual: `redirect to the registered redirect URI ${callback()}`, message: 'the public client got code without any PKCE challenge',
    });
    assert.deepEqual(vl(run('pkce-required-for-public-clients', noChallenge(), { profile: 'oauth2.1' })), ['fail', 'MUST']);
  });

  test('skip: the confidential client, or a challenge sent', () => {
    assert.equal(run('pkce-required-for-public-clients', authorization()).verdict, 'skip');
    assert.equal(run('pkce-required-for-public-clients', authorization({ client: 'public' })).verdict, 'skip');
  });
});

describe('pkce-plain-refused (PK-10)', () => {
  const plain = authorizedWith({ code_challenge: 'p'.repeat(43), code_challenge_method: 'plain' });

  test('pass: plain refused on an error page', () => {
    assert.equal(run('pkce-plain-refused', errorPage({ request: plain.request })).verdict, 'pass');
  });

  test('warn (SHOULD): a code for a plain challenge', () => {
    const o = run('pkce-plain-refused', plain);
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'the server accepted code_challenge_method=plain and issued code: the challenge exposes the verifier');
  });

  test('skip: S256; a denied consent', () => {
    assert.equal(run('pkce-plain-refused', authorization()).verdict, 'skip');
    assert.equal(run('pkce-plain-refused', authorizationDenied({ request: plain.request })).verdict, 'skip');
  });
});

describe('code-race-single-success (TK-03)', () => {
  const ok = tokenResponse();
  const refused = (n: number) => Array.from({ length: n }, () => invalidGrant);
  const serverError = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };

  test('pass: one of five succeeds, its token alone works', () => {
    const o = run('code-race-single-success', race([ok, ...refused(4)], [200, undefined, undefined, undefined, undefined]));
    assert.deepEqual(seen(o), {
      verdict: 'pass', level: 'MUST', expected: 'in each round, 1 of 5 concurrent redemptions of one code issues tokens; at most 1 access token works afterwards',
      actual: 'round 1: 1 of 5 issued tokens (statuses 200, 400, 400, 400, 400), 1 working at the resource afterwards', message: 'holds',
    });
  });

  test('fail: three succeed, even with the same tokens', () => {
    const o = run('code-race-single-success', race([ok, ok, ok, invalidGrant], [200, 200, 200, undefined]));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a code was redeemed 3 times by 4 concurrent requests in round 1 (1 of 1 rounds with two or more successes); 3 of those access tokens still work');
  });

  test('fail: two succeed though the tokens were revoked afterwards; without a resource', () => {
    const two = [tokenResponse({ access_token: opaque('a') }), tokenResponse({ access_token: opaque('b') })];
    assert.equal(run('code-race-single-success', race(two, [401, 401])).message, 'a code was redeemed 2 times by 2 concurrent requests in round 1 (1 of 1 rounds with two or more successes); 0 of those access tokens still work');
    assert.equal(run('code-race-single-success', race(two)).message, 'a code was redeemed 2 times by 2 concurrent requests in round 1 (1 of 1 rounds with two or more successes)');
  });

  test('fail: a double success in one round of five, every round in the actual', () => {
    const one = { responses: [ok, ...refused(7)] };
    const o = run('code-race-single-success', raceRounds([one, one, { responses: [ok, ok, ...refused(6)] }, one, one]));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a code was redeemed 2 times by 8 concurrent requests in round 3 (1 of 5 rounds with two or more successes)');
    assert.equal(o.actual!.split('; ').length, 5);
    assert.match(o.actual!, /^round 1: 1 of 8 issued tokens \(statuses 200, 400, 400, 400, 400, 400, 400, 400\); round 2: .*; round 3: 2 of 8 issued tokens \(statuses 200, 200, 400, 400, 400, 400, 400, 400\); round 4: /);
  });

  test('fail, not error: server errors beside several successes are evidence', () => {
    const o = run('code-race-single-success', race([ok, serverError, ok, serverError, invalidGrant, serverError]));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.match(o.actual!, /^round 1: 2 of 6 issued tokens \(statuses 200, 500, 200, 500, 400, 500\)$/);
  });

  test('a request without an answer is shown as such; a round released only in part says so', () => {
    const e = race([ok, invalidGrant]);
    e.rounds[0].exchanges[1] = { ...e.rounds[0].exchanges[1], response: { status: 0, headers: {}, body: '' }, failed: 'POST failed: ECONNRESET' };
    e.rounds[0].primed = 1;
    assert.equal(run('code-race-single-success', e).actual, 'round 1: 1 of 2 issued tokens (statuses 200, no answer, 1 released together)');
  });

  test('skip, never pass: every request of every round refused', () => {
    const o = run('code-race-single-success', raceRounds([{ responses: refused(8) }, { responses: refused(8) }]));
    assert.equal(o.verdict, 'skip');
    assert.match(o.message, /^none of the 16 concurrent redemptions \(2 round\(s\) of 8\) succeeded \(round 1: 400, 400/);
  });

  test('pass with a note: one success in some rounds, none in others', () => {
    const o = run('code-race-single-success', raceRounds([{ responses: [ok, invalidGrant] }, { responses: refused(2) }]));
    assert.equal(o.verdict, 'pass');
    assert.equal(o.message, '1 of 2 rounds had no success at all');
  });
});

describe('refresh-race-single-success (RT-07)', () => {
  const rt0 = opaque('rt-0');
  const rotated = (k: string) => tokenResponse({ access_token: opaque(`at-${k}`), refresh_token: opaque(`rt-${k}`) });

  test('pass: one of four concurrent refreshes succeeds', () => {
    const o = run('refresh-race-single-success', refreshRace(rt0, [rotated('1'), invalidGrant, invalidGrant, invalidGrant], { resource: [200, undefined, undefined, undefined], refresh: [200, undefined, undefined, undefined] }));
    assert.deepEqual(seen(o), {
      verdict: 'pass', level: 'SHOULD', expected: 'in each round, at most 1 of 4 concurrent refreshes with one refresh token issues tokens',
      actual: 'round 1: 1 of 4 issued tokens (statuses 200, 400, 400, 400), afterwards 1 new refresh token(s) worked and 1 access token(s) at the resource', message: 'holds',
    });
  });

  test('warn: three succeed and two forked families keep working (the negative control of a race)', () => {
    const o = run('refresh-race-single-success', refreshRace(rt0, [rotated('1'), rotated('2'), rotated('3'), invalidGrant], { resource: [200, 200, 401, undefined], refresh: [200, 200, 400, undefined] }));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'one rotating refresh token was redeemed 3 times by 4 concurrent requests in round 1 (1 of 1 rounds with two or more successes): the token family forked, and 2 of the resulting token sets still work');
  });

  test('warn: two succeeded even though both sets were revoked afterwards', () => {
    const o = run('refresh-race-single-success', refreshRace(rt0, [rotated('1'), rotated('2')], { resource: [401, 401], refresh: [400, 400] }));
    assert.equal(o.verdict, 'warn');
    assert.equal(o.message, 'one rotating refresh token was redeemed 2 times by 2 concurrent requests in round 1 (1 of 1 rounds with two or more successes): the token family forked');
    assert.match(o.actual!, /afterwards 0 new refresh token\(s\) worked and 0 access token\(s\) at the resource$/);
  });

  test('skip: no rotation (the same refresh token back), no success, or a code race', () => {
    const same = tokenResponse({ access_token: opaque('at-1'), refresh_token: rt0 });
    assert.equal(run('refresh-race-single-success', refreshRace(rt0, [same, same], { resource: [200, 200] })).verdict, 'skip');
    assert.equal(run('refresh-race-single-success', refreshRace(rt0, [invalidGrant, invalidGrant])).verdict, 'skip');
    assert.equal(run('refresh-race-single-success', race([tokenResponse(), tokenResponse()])).verdict, 'skip');
    assert.equal(run('code-race-single-success', refreshRace(rt0, [rotated('1'), rotated('2')])).verdict, 'skip');
  });
});

describe('tokens of a replayed code, without a protected resource (TK-02)', () => {
  const refreshAfterReplay = (response: HttpExchange['response']) => refreshed(3, REFRESH_TOKEN, response, { tokenFrom: 1 });
  const introspection = (json: Record<string, unknown> | undefined, status = 200): Evidence => ({
    kind: 'introspection', step: 3, tokenFrom: 1, which: 'access_token',
    exchange: { request: formRequest([['token', ACCESS_TOKEN]]), response: json ? jsonResponse(status, json) : { status, headers: {}, body: '' }, durationMs: 5 },
  });

  test('refresh-token-revoked-after-code-replay: pass on invalid_grant, warn when the refresh works', () => {
    assert.deepEqual(seen(run('refresh-token-revoked-after-code-replay', refreshAfterReplay(invalidGrant))), {
      verdict: 'pass', level: 'SHOULD', expected: 'the refresh refused (invalid_grant)', actual: '400 error=invalid_grant', message: 'holds',
    });
    const o = run('refresh-token-revoked-after-code-replay', refreshAfterReplay(tokenResponse()));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'the refresh token from the first redemption still works after the code was replayed');
  });

  test('refresh-token-revoked-after-code-replay: skip on a refusal that says nothing about the token', () => {
    assert.equal(run('refresh-token-revoked-after-code-replay', refreshAfterReplay(invalidClient401)).verdict, 'skip');
    assert.equal(run('refresh-token-revoked-after-code-replay', redeem({})).verdict, 'skip');
  });

  test('access-token-inactive-after-code-replay: pass when inactive, warn when active', () => {
    assert.deepEqual(seen(run('access-token-inactive-after-code-replay', introspection({ active: false }))), {
      verdict: 'pass', level: 'SHOULD', expected: '200 with "active": false', actual: '200 with "active": false', message: 'holds',
    });
    const o = run('access-token-inactive-after-code-replay', introspection({ active: true, client_id: CLIENT_ID }));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'introspection reports the access token from the first redemption active after the code was replayed');
  });

  test('access-token-inactive-after-code-replay: skip without an endpoint, or when introspection is refused', () => {
    const none = run('access-token-inactive-after-code-replay', { kind: 'introspection', step: 3, tokenFrom: 1, which: 'access_token' });
    assert.equal(none.verdict, 'skip');
    assert.match(none.message, /advertises no introspection_endpoint/);
    assert.equal(run('access-token-inactive-after-code-replay', introspection({ error: 'invalid_client' }, 401)).verdict, 'skip');
  });
});

describe('code-bound-to-client (TK-04)', () => {
  const bySecond = (response = invalidGrant) => redemption(formRequest(codeParams(), { headers: basicHeader(SECOND_CLIENT_ID, 's') }), response, { client: 'second', variants: ['client:second'] });

  test('pass: the second client gets invalid_grant', () => {
    assert.equal(withAuth('code-bound-to-client', bySecond()).verdict, 'pass');
  });

  test('fail: the second client redeemed the confidential client\'s code', () => {
    const o = withAuth('code-bound-to-client', bySecond(tokenResponse()));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'client "second" redeemed a code issued to client "confidential" and got tokens');
  });

  test('skip: redeemed by its own client', () => {
    assert.equal(withAuth('code-bound-to-client', token()).verdict, 'skip');
  });
});

describe('token-redirect-uri-must-match (TK-05)', () => {
  test('pass: redirect_uri omitted, refused', () => {
    assert.equal(withAuth('token-redirect-uri-must-match', redeem({ redirect_uri: undefined })).verdict, 'pass');
  });

  test('fail: omitted, accepted', () => {
    const o = withAuth('token-redirect-uri-must-match', redeem({ redirect_uri: undefined }, tokenResponse()));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'the code was redeemed without the redirect_uri of the authorization request, and tokens were issued');
  });

  test('fail: another URI, accepted', () => {
    const o = withAuth('token-redirect-uri-must-match', redeem({ redirect_uri: `${REGISTERED}/evil` }, tokenResponse()));
    assert.equal(o.message, `the code was redeemed with redirect_uri=${REGISTERED}/evil instead of ${REGISTERED}, and tokens were issued`);
  });

  test('skip: the same URI; no redirect_uri at authorization', () => {
    assert.equal(withAuth('token-redirect-uri-must-match', token()).verdict, 'skip');
    assert.equal(withAuth('token-redirect-uri-must-match', redeem({ redirect_uri: undefined }, tokenResponse()), authorizedWith({ redirect_uri: undefined })).verdict, 'skip');
  });
});

describe('client-authentication-required (TK-06, RT-02)', () => {
  const attempt = (variant: string, response = errorResponse('invalid_client', 401), grant: 'authorization_code' | 'refresh_token' = 'authorization_code') =>
    grant === 'refresh_token'
      ? refreshed(2, REFRESH_TOKEN, response, { variants: [`auth:${variant}`], headers: basicHeader(CLIENT_ID, 'wrong') })
      : redemption(formRequest(codeParams(), { headers: basicHeader(CLIENT_ID, 'wrong') }), response, { variants: [`auth:${variant}`] });

  test('pass: a wrong secret gets invalid_client', () => {
    assert.deepEqual(seen(run('client-authentication-required', attempt('wrong-secret'))), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; error=invalid_client', actual: '401 error=invalid_client', message: 'holds',
    });
  });

  test('pass with a note: no credentials, answered invalid_grant', () => {
    assert.equal(run('client-authentication-required', attempt('none', invalidGrant)).message, 'rejected, but with error=invalid_grant instead of invalid_client (RFC 6749 §5.2)');
  });

  test('fail: an empty secret got tokens; a refresh without credentials got tokens', () => {
    assert.equal(run('client-authentication-required', attempt('empty-secret', tokenResponse())).message, 'a code redemption with an empty client secret was answered with tokens');
    const o = run('client-authentication-required', attempt('none', tokenResponse(), 'refresh_token'));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a refresh request without any client authentication was answered with tokens');
  });

  test('warn, lenient: the right secret by the other method', () => {
    const o = run('client-authentication-required', attempt('switch-method', tokenResponse()));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.match(o.message, /^a code redemption with the right secret, by the other authentication method than registered was answered with tokens \(not a bypass/);
  });

  test('skip: as registered, or the secret in the query (judged by its own check)', () => {
    assert.equal(run('client-authentication-required', token()).verdict, 'skip');
    assert.equal(run('client-authentication-required', attempt('secret-in-query', tokenResponse())).verdict, 'skip');
  });
});

describe('client-secret-basic-accepted (TK-08)', () => {
  test('pass: Basic credentials, tokens', () => {
    assert.deepEqual(seen(run('client-secret-basic-accepted', token())), {
      verdict: 'pass', level: 'MUST', expected: 'tokens issued to the Basic-authenticated client', actual: '200 access_token issued', message: 'holds',
    });
  });

  test('fail: valid Basic credentials rejected', () => {
    const o = run('client-secret-basic-accepted', token({ response: errorResponse('invalid_client', 401) }));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a valid request authenticated with HTTP Basic got no tokens (401 error=invalid_client): the server rejected valid Basic credentials');
  });

  test('skip: body authentication, or a manipulated request', () => {
    assert.equal(run('client-secret-basic-accepted', redemption(formRequest([...codeParams(), ['client_id', CLIENT_ID], ['client_secret', 's']], { headers: {} }), tokenResponse())).verdict, 'skip');
    assert.equal(run('client-secret-basic-accepted', token({ variants: ['auth:wrong-secret'], response: invalidClient401 })).verdict, 'skip');
  });
});

describe('client-secret-not-accepted-in-query (TK-09)', () => {
  const inQuery = (response = errorResponse('invalid_client')) =>
    redemption(formRequest(codeParams(), { headers: {}, query: [['client_id', CLIENT_ID], ['client_secret', 's3cret']] }), response, { variants: ['auth:secret-in-query'] });

  test('pass: refused', () => {
    assert.deepEqual(vl(run('client-secret-not-accepted-in-query', inQuery())), ['pass', 'SHOULD']);
  });

  test('warn (SHOULD): the secret in the query accepted', () => {
    const o = run('client-secret-not-accepted-in-query', inQuery(tokenResponse()));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'the server accepted the client secret from the URL query, where it ends up in logs');
  });

  test('skip: no secret in the query', () => {
    assert.equal(run('client-secret-not-accepted-in-query', token()).verdict, 'skip');
  });
});

describe('token-endpoint-rejects-get (TK-10)', () => {
  const get = (response: ReturnType<typeof tokenResponse>) => redemption(formRequest(codeParams(), { method: 'GET' }), response, { variants: ['method:GET'] });

  test('pass: 405', () => {
    assert.equal(run('token-endpoint-rejects-get', get({ status: 405, headers: {}, body: '' })).actual, '405 (no JSON body)');
  });

  test('warn (SHOULD): tokens for a GET', () => {
    assert.deepEqual(vl(run('token-endpoint-rejects-get', get(tokenResponse()))), ['warn', 'SHOULD']);
  });

  test('skip: POST', () => {
    assert.equal(run('token-endpoint-rejects-get', token()).verdict, 'skip');
  });
});

describe('token-unknown-parameter-ignored (TK-11)', () => {
  const withFoo = (response = tokenResponse()) => redemption(formRequest([...codeParams(), ['foo', 'bar']]), response, { variants: ['extra:foo'] });

  test('pass: foo=bar ignored', () => {
    assert.deepEqual(seen(run('token-unknown-parameter-ignored', withFoo())), {
      verdict: 'pass', level: 'MUST', expected: 'tokens issued, foo ignored', actual: '200 access_token issued', message: 'holds',
    });
  });

  test('fail: refused because of foo', () => {
    assert.equal(run('token-unknown-parameter-ignored', withFoo(errorResponse('invalid_request'))).message, 'a valid token request with the unrecognized parameter(s) foo was refused (400 error=invalid_request)');
  });

  test('skip: no unknown parameter, or the request was manipulated otherwise', () => {
    assert.equal(run('token-unknown-parameter-ignored', token()).verdict, 'skip');
    assert.equal(run('token-unknown-parameter-ignored', { ...withFoo(invalidGrant), variants: ['extra:foo', 'code_verifier:wrong'] }).verdict, 'skip');
  });
});

describe('token-duplicate-parameter-rejected (TK-11)', () => {
  const dup = (response: ReturnType<typeof tokenResponse>) => redemption(formRequest([...codeParams(), ['code', CODE]]), response, { variants: ['duplicate:code'] });

  test('pass: invalid_request', () => {
    assert.deepEqual(seen(run('token-duplicate-parameter-rejected', dup(errorResponse('invalid_request')))), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; 400 error=invalid_request', actual: '400 error=invalid_request', message: 'holds',
    });
  });

  test('fail: tokens despite a repeated code', () => {
    assert.equal(run('token-duplicate-parameter-rejected', dup(tokenResponse())).message, 'the server accepted a token request with code repeated and issued tokens, instead of invalid_request');
  });

  test('skip: nothing repeated', () => {
    assert.equal(run('token-duplicate-parameter-rejected', token()).verdict, 'skip');
  });
});

describe('invalid-client-www-authenticate (TK-12)', () => {
  const wrong = (response: ReturnType<typeof tokenResponse>) => redemption(formRequest(codeParams(), { headers: basicHeader(CLIENT_ID, 'wrong') }), response, { variants: ['auth:wrong-secret'] });

  test('pass: 401, invalid_client, WWW-Authenticate: Basic', () => {
    assert.deepEqual(seen(run('invalid-client-www-authenticate', wrong(invalidClient401))), {
      verdict: 'pass', level: 'MUST', expected: '401, error=invalid_client, WWW-Authenticate: Basic …',
      actual: '401 error=invalid_client, WWW-Authenticate: Basic realm="embedded"', message: 'holds',
    });
  });

  test('fail: 400 without WWW-Authenticate', () => {
    const o = run('invalid-client-www-authenticate', wrong(errorResponse('invalid_client')));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'a failed client authentication with HTTP Basic was answered with status 400 instead of 401; no WWW-Authenticate header');
  });

  test('fail: a Bearer challenge and another error', () => {
    const o = run('invalid-client-www-authenticate', wrong(errorResponse('invalid_grant', 401, { 'www-authenticate': 'Bearer realm="x"' })));
    assert.equal(o.message, 'a failed client authentication with HTTP Basic was answered with WWW-Authenticate names no challenge of the scheme Basic ("Bearer realm="x""); error=invalid_grant instead of invalid_client');
  });

  test('skip: valid credentials; body authentication', () => {
    assert.equal(run('invalid-client-www-authenticate', token({ response: invalidGrant })).verdict, 'skip');
    const post = redemption(formRequest([...codeParams(), ['client_id', CLIENT_ID], ['client_secret', 'x']], { headers: {} }), errorResponse('invalid_client'), { variants: ['auth:wrong-secret'] });
    assert.equal(run('invalid-client-www-authenticate', post).verdict, 'skip');
  });

});

describe('token-error-response-format (TK-13)', () => {
  test('pass: 400 invalid_grant JSON; 401 invalid_client', () => {
    assert.equal(run('token-error-response-format', token({ response: invalidGrant })).verdict, 'pass');
    assert.equal(run('token-error-response-format', token({ response: invalidClient401 })).verdict, 'pass');
  });

  test('fail: a 500 HTML page', () => {
    const o = run('token-error-response-format', token({ response: { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>oops</h1>' } }));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'malformed token error response: status 500; not served as application/json; no JSON object body');
  });

  test('fail: an undefined error code, a non-ASCII description, 401 for invalid_grant', () => {
    assert.equal(run('token-error-response-format', token({ response: errorResponse('bad_code') })).message, 'malformed token error response: error=bad_code is not an RFC 6749 §5.2 (or registered) code');
    const nonAscii = token({ response: jsonResponse(400, { error: 'invalid_grant', error_description: 'code expiré' }) });
    assert.equal(run('token-error-response-format', nonAscii).message, 'malformed token error response: error_description has characters outside the allowed ASCII set');
    assert.equal(run('token-error-response-format', token({ response: errorResponse('invalid_grant', 401) })).message, 'malformed token error response: status 401');
  });

  test('skip: a success', () => {
    assert.equal(run('token-error-response-format', token()).verdict, 'skip');
  });
});

describe('token-response-no-store (TR-01)', () => {
  test('pass, and ambient on every response with tokens', () => {
    const c = CHECKS_BY_ID.get('token-response-no-store')!;
    assert.equal((c.ambient as (e: Evidence) => boolean)(token()), true);
    assert.equal((c.ambient as (e: Evidence) => boolean)(token({ response: invalidGrant })), false);
    assert.deepEqual(seen(run('token-response-no-store', token())), { verdict: 'pass', level: 'MUST', expected: 'Cache-Control: no-store', actual: 'Cache-Control: no-store', message: 'holds' });
  });

  test('fail: no Cache-Control on a refresh response; private is not enough', () => {
    const bare = tokenResponse();
    delete bare.headers['cache-control'];
    const o = run('token-response-no-store', refreshed(2, REFRESH_TOKEN, bare));
    assert.deepEqual(seen(o), { verdict: 'fail', level: 'MUST', expected: 'Cache-Control: no-store', actual: 'no Cache-Control header', message: 'the refresh_token grant\'s token response is cacheable: no Cache-Control header' });
    assert.equal(run('token-response-no-store', token({ response: tokenResponse({}, { 'cache-control': 'private, max-age=0' }) })).verdict, 'fail');
  });
});

describe('token-response-pragma-no-cache (TR-02)', () => {
  test('pass: Pragma: no-cache', () => {
    assert.equal(run('token-response-pragma-no-cache', token({ response: tokenResponse({}, { pragma: 'no-cache' }) })).verdict, 'pass');
  });

  test('fail under RFC 6749 (MUST); optional (MAY: a noted pass) under RFC 9700 and OAuth 2.1', () => {
    const o = run('token-response-pragma-no-cache', token(), { profile: 'rfc6749' });
    assert.deepEqual(seen(o), { verdict: 'fail', level: 'MUST', expected: 'Pragma: no-cache', actual: 'no Pragma header', message: 'the authorization_code grant\'s token response lacks Pragma: no-cache (no Pragma header)' });
    const may = run('token-response-pragma-no-cache', token());
    assert.deepEqual([...vl(may), may.message], ['pass', 'MAY', 'optional (MAY) under this profile, not done: the authorization_code grant\'s token response lacks Pragma: no-cache (no Pragma header)']);
    assert.deepEqual(vl(run('token-response-pragma-no-cache', token(), { profile: 'oauth2.1' })), ['pass', 'MAY']);
  });

  test('not ambient', () => {
    assert.equal(CHECKS_BY_ID.get('token-response-pragma-no-cache')!.ambient, undefined);
  });
});

describe('token-response-well-formed (TR-03)', () => {
  test('pass, ambient', () => {
    assert.equal((CHECKS_BY_ID.get('token-response-well-formed')!.ambient as (e: Evidence) => boolean)(token()), true);
    assert.deepEqual(vl(run('token-response-well-formed', token())), ['pass', 'MUST']);
  });

  test('fail: text/plain without token_type', () => {
    const o = run('token-response-well-formed', token({ response: tokenResponse({ token_type: undefined }, { 'content-type': 'text/plain' }) }));
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.equal(o.message, 'malformed authorization_code token response: content-type text/plain instead of application/json; no token_type');
  });

  test('warn, lenient: no expires_in; a string expires_in', () => {
    const o = run('token-response-well-formed', token({ response: tokenResponse({ expires_in: undefined }) }));
    assert.deepEqual([...vl(o), o.message], ['warn', 'SHOULD', 'the authorization_code token response has no expires_in (RECOMMENDED)']);
    assert.equal(run('token-response-well-formed', token({ response: tokenResponse({ expires_in: '3600' }) })).verdict, 'warn');
  });
});

describe('access-token-entropy (TR-04) and refresh-token-entropy (RT-09)', () => {
  const flows = (at: (i: number) => string, rt: (i: number) => string = (i) => opaque(`rt${i}`)) =>
    [1, 2, 3].map((i) => token({ step: i, response: tokenResponse({ access_token: at(i), refresh_token: rt(i) }) }));

  test('pass: three 43-character base64url tokens (~256 bits)', () => {
    const all = flows((i) => opaque(`at${i}`));
    const o = run('access-token-entropy', all[2], { all });
    assert.equal(o.verdict, 'pass');
    assert.match(o.actual!, /^≈25\d bits \(3 samples; 43 varying characters of a 6\d-symbol alphabet/);
    assert.equal(run('refresh-token-entropy', all[2], { all }).verdict, 'pass');
  });

  test('fail: sequential tokens', () => {
    const all = flows((i) => `tok-2026-000${i}`, (i) => `rt-000${i}`);
    const o = run('access-token-entropy', all[2], { all });
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.match(o.message, /^the access tokens look guessable: about \d bits of entropy, below the 128 bits RFC 6749 §10.10 requires \(heuristic estimate\)$/);
    assert.equal(run('refresh-token-entropy', all[2], { all }).verdict, 'fail');
  });

  test('warn, lenient: 32 random hex characters (128 bits, below the SHOULD of 160)', () => {
    const all = flows((i) => Buffer.from(opaque(`hex${i}`), 'base64url').toString('hex').slice(0, 32));
    assert.deepEqual(vl(run('access-token-entropy', all[2], { all })), ['warn', 'SHOULD']);
  });

  test('fail: UUIDv4 access tokens (122 random bits)', () => {
    const uuid = (i: number) => { const h = Buffer.from(opaque(`u${i}`), 'base64url').toString('hex'); return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`; };
    assert.equal(estimateEntropy([uuid(1), uuid(2), uuid(3)]).bits < 128, true);
  });

  test('fail: the same refresh token issued twice; unsigned JWTs', () => {
    const same = flows((i) => opaque(`at${i}`), () => REFRESH_TOKEN);
    assert.deepEqual(vl(run('refresh-token-entropy', same[2], { all: same })), ['fail', 'MUST']);
    assert.equal(run('refresh-token-entropy', same[2], { all: same }).actual, '≈0 bits (the same value was issued more than once among 3)');
    const none = (i: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"jti":"${i}"}`).toString('base64url')}.`;
    const jwts = flows(none);
    assert.equal(run('access-token-entropy', jwts[2], { all: jwts }).message, 'the access tokens are unsigned JWTs (alg=none): anyone can forge one');
  });

  test('skip: one token only; signed JWTs', () => {
    assert.equal(run('access-token-entropy', token()).verdict, 'skip');
    const signed = (i: number) => `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(`{"jti":"${i}"}`).toString('base64url')}.${opaque(`s${i}`)}`;
    const all = flows(signed);
    assert.equal(run('access-token-entropy', all[2], { all }).verdict, 'skip');
  });
});

describe('access-token-short-lived (TR-05)', () => {
  test('pass: 3600', () => {
    assert.deepEqual(seen(run('access-token-short-lived', token())), { verdict: 'pass', level: 'SHOULD', expected: 'expires_in ≤ 3600', actual: 'expires_in 3600 (1 h)', message: 'holds' });
  });

  test('warn (SHOULD): 24 hours', () => {
    const o = run('access-token-short-lived', token({ response: tokenResponse({ expires_in: 86400 }) }));
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, 'the authorization_code grant issued a bearer token valid for 86400 (24 h), longer than one hour');
  });

  test('skip: no expires_in; a refused request', () => {
    assert.equal(run('access-token-short-lived', token({ response: tokenResponse({ expires_in: undefined }) })).verdict, 'skip');
    assert.equal(run('access-token-short-lived', token({ response: invalidGrant })).verdict, 'skip');
  });
});

describe('implicit-no-refresh-token (TR-06)', () => {
  test('pass: an implicit response without refresh_token', () => {
    assert.equal(run('implicit-no-refresh-token', implicitGranted()).verdict, 'pass');
  });

  test('fail: a refresh_token in the fragment', () => {
    const landing = urlWith(REGISTERED, { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: 'Bearer', state: 'x' }, 'fragment');
    const o = run('implicit-no-refresh-token', redirectedTo(landing, 'registered', { request: implicitGranted().request }));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'the implicit grant response carries a refresh token']);
  });

  test('skip: implicit refused', () => {
    assert.equal(run('implicit-no-refresh-token', authorization()).verdict, 'skip');
  });
});

describe('client-credentials-no-refresh-token (TR-07)', () => {
  const cc = (response: ReturnType<typeof tokenResponse>) => redemption(formRequest([['grant_type', 'client_credentials']]), response, { grant: 'client_credentials', codeFrom: undefined });

  test('pass: no refresh token', () => {
    assert.equal(run('client-credentials-no-refresh-token', cc(tokenResponse({ refresh_token: undefined }))).verdict, 'pass');
  });

  test('warn (SHOULD): a refresh token', () => {
    assert.deepEqual(vl(run('client-credentials-no-refresh-token', cc(tokenResponse()))), ['warn', 'SHOULD']);
  });

  test('skip: the grant is not offered (unauthorized_client)', () => {
    const o = run('client-credentials-no-refresh-token', cc(errorResponse('unauthorized_client')));
    assert.deepEqual([o.verdict, o.message], ['skip', 'the server does not offer the client credentials grant to this client (400 error=unauthorized_client)']);
  });
});

describe('refresh-token-bound-to-client (RT-01)', () => {
  const origin = token({ step: 1 });
  const bySecond = (response: ReturnType<typeof tokenResponse>) => refreshed(2, REFRESH_TOKEN, response, { client: 'second', tokenFrom: 1, headers: basicHeader(SECOND_CLIENT_ID, 's') });

  test('pass: invalid_grant', () => {
    assert.equal(run('refresh-token-bound-to-client', bySecond(invalidGrant), { all: [AUTH, origin, bySecond(invalidGrant)] }).verdict, 'pass');
  });

  test('fail: the second client refreshed the confidential client\'s token', () => {
    const e = bySecond(tokenResponse());
    const o = run('refresh-token-bound-to-client', e, { all: [AUTH, origin, e] });
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'client "second" used a refresh token issued to client "confidential" and got tokens']);
  });

  test('skip: its own client', () => {
    const e = refreshed(2, REFRESH_TOKEN, tokenResponse(), { tokenFrom: 1 });
    assert.equal(run('refresh-token-bound-to-client', e, { all: [AUTH, origin, e] }).verdict, 'skip');
  });
});

describe('refresh-scope-not-escalated (RT-03)', () => {
  const escalate = (response: ReturnType<typeof tokenResponse>) => refreshed(2, REFRESH_TOKEN, response, { scope: 'openid offline_access', variants: ['scope'] });

  test('pass: invalid_scope', () => {
    assert.deepEqual(seen(run('refresh-scope-not-escalated', escalate(errorResponse('invalid_scope')))), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; 400 error=invalid_scope (asked for offline_access beyond "openid")', actual: '400 error=invalid_scope', message: 'holds',
    });
  });

  test('fail: offline_access granted', () => {
    const o = run('refresh-scope-not-escalated', escalate(tokenResponse({ scope: 'openid offline_access' })));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'the refresh request escalated the scope: offline_access granted beyond the original "openid"']);
  });

  // RFC 6749 §5.1 reads an omitted scope as "the requested one", but an escalation is called one only when the server confirms it.
  const omitted = (grantedScope?: { scope: string; source: string }) => ({ ...escalate(tokenResponse({ scope: undefined })), ...(grantedScope ? { grantedScope } : {}) });
  const OMITTED = 'the response omits scope, which RFC 6749 §5.1 requires when the granted scope differs from the requested "openid offline_access"';

  test('warn, lenient: no scope member and nothing to confirm the scope: escalated or dropped, the harness cannot tell', () => {
    const o = run('refresh-scope-not-escalated', omitted());
    assert.deepEqual([...vl(o), o.message], ['warn', 'SHOULD',
      `the refresh asking for offline_access beyond "openid" was not refused, and ${OMITTED}: either the scope was escalated or silently dropped; the harness could not tell`]);
    assert.match(o.actual ?? '', /no scope member; nothing confirmed the scope the token carries/);
  });

  test('warn, lenient: no scope member, the token confirmed to carry only the original scope (a format deviation, not an escalation)', () => {
    const o = run('refresh-scope-not-escalated', omitted({ scope: 'openid', source: 'introspection (http://127.0.0.1:4000/introspect)' }));
    assert.deepEqual([...vl(o), o.message], ['warn', 'SHOULD', `the extra scope offline_access was silently dropped instead of refused with invalid_scope, and ${OMITTED}`]);
    assert.equal(o.actual, '200 access_token issued, no scope member; the token carries "openid" according to introspection (http://127.0.0.1:4000/introspect)');
  });

  test('fail: no scope member, the token confirmed to carry the extra scope', () => {
    const o = run('refresh-scope-not-escalated', omitted({ scope: 'openid offline_access', source: 'the protected resource (http://127.0.0.1:4000/resource)' }));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST',
      'the refresh request escalated the scope: offline_access granted beyond the original "openid" (confirmed by the protected resource (http://127.0.0.1:4000/resource))']);
  });

  test('warn, lenient: the extra scope silently dropped', () => {
    const o = run('refresh-scope-not-escalated', escalate(tokenResponse({ scope: 'openid' })));
    assert.deepEqual([...vl(o), o.message], ['warn', 'SHOULD', 'the extra scope offline_access was silently dropped instead of refused with invalid_scope']);
  });

  test('skip: no scope asked; a narrower scope', () => {
    assert.equal(run('refresh-scope-not-escalated', refreshed(2, REFRESH_TOKEN, tokenResponse())).verdict, 'skip');
    assert.equal(run('refresh-scope-not-escalated', refreshed(2, REFRESH_TOKEN, tokenResponse(), { scope: 'openid' })).verdict, 'skip');
  });
});

describe('refresh-scope-unchanged (RT-06)', () => {
  test('pass: the same scope; no scope member', () => {
    assert.equal(run('refresh-scope-unchanged', refreshed(2, REFRESH_TOKEN, tokenResponse())).verdict, 'pass');
    assert.equal(run('refresh-scope-unchanged', refreshed(2, REFRESH_TOKEN, tokenResponse({ scope: undefined }))).actual, 'no scope in the response (identical, RFC 6749 §5.1)');
  });

  test('fail: a wider scope', () => {
    const o = run('refresh-scope-unchanged', refreshed(2, REFRESH_TOKEN, tokenResponse({ scope: 'openid offline_access' })));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'the refresh widened the scope: offline_access added to "openid"']);
  });

  test('warn, lenient: a narrower scope', () => {
    const e = { ...refreshed(2, REFRESH_TOKEN, tokenResponse({ scope: 'openid' })), originalScope: 'openid email' };
    assert.deepEqual(vl(run('refresh-scope-unchanged', e)), ['warn', 'SHOULD']);
  });

  test('skip: refused; a scope asked', () => {
    assert.equal(run('refresh-scope-unchanged', refreshed(2, REFRESH_TOKEN, invalidGrant)).verdict, 'skip');
    assert.equal(run('refresh-scope-unchanged', refreshed(2, REFRESH_TOKEN, tokenResponse(), { scope: 'openid' })).verdict, 'skip');
  });
});

describe('refresh-token-rotated (RT-04)', () => {
  const rt1 = opaque('rt1');
  const rt2 = opaque('rt2');

  test('pass: the public client gets a new refresh token', () => {
    assert.deepEqual(seen(run('refresh-token-rotated', refreshed(2, rt1, tokenResponse({ refresh_token: rt2 }), { publicClient: true }))), {
      verdict: 'pass', level: 'MUST', expected: 'a new refresh_token, different from the one sent', actual: 'a new refresh_token', message: 'holds',
    });
  });

  test('fail: the same refresh token back; none at all. Optional (MAY) under RFC 6749', () => {
    const same = refreshed(2, rt1, tokenResponse({ refresh_token: rt1 }), { publicClient: true });
    assert.deepEqual([...vl(run('refresh-token-rotated', same)), run('refresh-token-rotated', same).message], ['fail', 'MUST', 'the public client\'s refresh token was not rotated: the same token came back']);
    const none = refreshed(2, rt1, tokenResponse({ refresh_token: undefined }), { publicClient: true });
    assert.equal(run('refresh-token-rotated', none).actual, 'no refresh_token in the response');
    assert.deepEqual(vl(run('refresh-token-rotated', none, { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('skip: a confidential client; a refused refresh', () => {
    assert.equal(run('refresh-token-rotated', refreshed(2, rt1, tokenResponse({ refresh_token: rt1 }))).verdict, 'skip');
    assert.equal(run('refresh-token-rotated', refreshed(2, rt1, invalidGrant, { publicClient: true })).verdict, 'skip');
  });
});

describe('refresh-token-reuse-rejected and refresh-token-family-revoked (RT-05)', () => {
  const rt1 = opaque('rt1');
  const rt2 = opaque('rt2');
  const first = publicRedemption(rt1);
  const rotate = refreshed(2, rt1, tokenResponse({ access_token: opaque('at2'), refresh_token: rt2 }), { publicClient: true, tokenFrom: 1 });
  const replay = (response: ReturnType<typeof tokenResponse>) => refreshed(3, rt1, response, { publicClient: true, tokenFrom: 1 });
  const successor = (response: ReturnType<typeof tokenResponse>) => refreshed(4, rt2, response, { publicClient: true, tokenFrom: 2 });

  test('pass: the replay refused, then the active token revoked', () => {
    const r = replay(invalidGrant);
    const s = successor(invalidGrant);
    const all = [AUTH, first, rotate, r, s];
    assert.deepEqual(vl(run('refresh-token-reuse-rejected', r, { all })), ['pass', 'MUST']);
    assert.deepEqual(seen(run('refresh-token-family-revoked', s, { all })), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; 400 error=invalid_grant', actual: '400 error=invalid_grant', message: 'holds',
    });
  });

  test('fail: the rotated-away token accepted again', () => {
    const r = replay(tokenResponse({ refresh_token: opaque('rt3') }));
    const o = run('refresh-token-reuse-rejected', r, { all: [AUTH, first, rotate, r] });
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'the refresh token rotated away at step 3 was accepted again']);
  });

  test('fail: after the refused replay, the active token still works', () => {
    const r = replay(invalidGrant);
    const s = successor(tokenResponse({ refresh_token: opaque('rt3') }));
    const o = run('refresh-token-family-revoked', s, { all: [AUTH, first, rotate, r, s] });
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'after the replay of the old refresh token (step 4), the active one still works: whoever holds it keeps access']);
  });

  test('lenient for a confidential client', () => {
    const rotateC = refreshed(2, rt1, tokenResponse({ refresh_token: rt2 }), { tokenFrom: 1 });
    const r = refreshed(3, rt1, tokenResponse({ refresh_token: opaque('x') }), { tokenFrom: 1 });
    assert.deepEqual(vl(run('refresh-token-reuse-rejected', r, { all: [AUTH, token(), rotateC, r] })), ['warn', 'SHOULD']);
  });

  test('skip: no rotation observed; the replay was accepted (no cascade); no replay', () => {
    const notRotated = refreshed(2, rt1, tokenResponse({ refresh_token: rt1 }), { publicClient: true, tokenFrom: 1 });
    const again = refreshed(3, rt1, tokenResponse({ refresh_token: rt1 }), { publicClient: true, tokenFrom: 1 });
    assert.equal(run('refresh-token-reuse-rejected', again, { all: [AUTH, first, notRotated, again] }).verdict, 'skip');
    const accepted = replay(tokenResponse({ refresh_token: opaque('rt3') }));
    const s = successor(tokenResponse({ refresh_token: opaque('rt4') }));
    assert.equal(run('refresh-token-family-revoked', s, { all: [AUTH, first, rotate, accepted, s] }).verdict, 'skip');
    assert.equal(run('refresh-token-family-revoked', s, { all: [AUTH, first, rotate, s] }).verdict, 'skip');
  });
});

describe('bearer-header-accepted (RS-01)', () => {
  test('pass: 200', () => {
    assert.deepEqual(vl(run('bearer-header-accepted', resourceCall('header', jsonResponse(200, { sub: 'alice' })))), ['pass', 'MUST']);
  });

  test('fail: 401 for a valid token', () => {
    const o = run('bearer-header-accepted', resourceCall('header', resourceRefusal('invalid_token')));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'a valid access token in the Authorization header was refused (401)']);
  });

  test('skip: 403 (scope), or the query', () => {
    assert.equal(run('bearer-header-accepted', resourceCall('header', jsonResponse(403, { error: 'insufficient_scope' }))).verdict, 'skip');
    assert.equal(run('bearer-header-accepted', resourceCall('query', resourceRefusal())).verdict, 'skip');
  });
});

describe('query-token-refused (RS-02) and query-token-response-private (RS-03)', () => {
  const accepted = (headers: Record<string, string> = {}) => resourceCall('query', jsonResponse(200, { sub: 'alice' }, headers));

  test('pass: 401 for a query token; RS-03 then has nothing to judge', () => {
    assert.deepEqual(vl(run('query-token-refused', resourceCall('query', resourceRefusal()))), ['pass', 'SHOULD']);
    assert.equal(run('query-token-response-private', resourceCall('query', resourceRefusal())).verdict, 'skip');
  });

  test('warn (SHOULD), fail (MUST) under OAuth 2.1, optional (MAY) under RFC 6749: the query token accepted', () => {
    assert.deepEqual(seen(run('query-token-refused', accepted())), {
      verdict: 'warn', level: 'SHOULD', expected: '401: a token in the URL query is not accepted', actual: '200 from the protected resource',
      message: 'the protected resource accepted an access token from the URL query',
    });
    assert.deepEqual(vl(run('query-token-refused', accepted(), { profile: 'oauth2.1' })), ['fail', 'MUST']);
    assert.deepEqual(vl(run('query-token-refused', accepted(), { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('RS-03 pass: private or no-store; warn: public caching allowed', () => {
    assert.equal(run('query-token-response-private', accepted()).verdict, 'pass');
    assert.equal(run('query-token-response-private', accepted({ 'cache-control': 'private' })).verdict, 'pass');
    const o = run('query-token-response-private', accepted({ 'cache-control': 'max-age=60' }));
    assert.deepEqual([...vl(o), o.actual], ['warn', 'SHOULD', 'Cache-Control: max-age=60']);
  });
});

describe('resource-www-authenticate (RS-04)', () => {
  test('pass: no token -> bare challenge; bogus -> invalid_token', () => {
    assert.deepEqual(seen(run('resource-www-authenticate', resourceCall('none', resourceRefusal()))), {
      verdict: 'pass', level: 'MUST', expected: '401 with WWW-Authenticate: Bearer (no error attribute)', actual: '401, WWW-Authenticate: Bearer realm="embedded"', message: 'holds',
    });
    assert.equal(run('resource-www-authenticate', resourceCall('bogus', resourceRefusal('invalid_token'))).verdict, 'pass');
  });

  test('fail: 401 without WWW-Authenticate; a challenge of another scheme', () => {
    const o = run('resource-www-authenticate', resourceCall('bogus', jsonResponse(401, { error: 'invalid_token' })));
    assert.deepEqual([...vl(o), o.message], ['fail', 'MUST', 'a request with a made-up token was refused (401) without a WWW-Authenticate header']);
    const basic = { ...resourceRefusal(), headers: { 'www-authenticate': 'Basic realm="x"' } };
    assert.equal(run('resource-www-authenticate', resourceCall('none', basic)).verdict, 'fail');
  });

  test('warn, lenient: an error code without credentials; no invalid_token; 400', () => {
    assert.equal(run('resource-www-authenticate', resourceCall('none', resourceRefusal('invalid_token'))).message, 'error="invalid_token" for a request that carried no credentials (RFC 6750 §3.1: SHOULD NOT include an error code)');
    assert.deepEqual(vl(run('resource-www-authenticate', resourceCall('bogus', resourceRefusal()))), ['warn', 'SHOULD']);
    assert.equal(run('resource-www-authenticate', resourceCall('bogus', resourceRefusal('invalid_token', 400))).message, 'a request with a made-up token was answered 400 instead of 401');
  });

  test('skip: 200 (judged by resource-rejects-invalid-token); a valid token', () => {
    assert.equal(run('resource-www-authenticate', resourceCall('bogus', jsonResponse(200, {}))).verdict, 'skip');
    assert.equal(run('resource-www-authenticate', resourceCall('header', jsonResponse(200, {}))).verdict, 'skip');
  });
});

describe('resource-rejects-invalid-token (RS-05)', () => {
  test('pass: 401', () => {
    assert.deepEqual(vl(run('resource-rejects-invalid-token', resourceCall('bogus', resourceRefusal('invalid_token')))), ['pass', 'MUST']);
  });

  test('fail: a made-up token accepted; no token accepted', () => {
    assert.equal(run('resource-rejects-invalid-token', resourceCall('bogus', jsonResponse(200, {}))).message, 'the protected resource accepted a made-up token');
    assert.deepEqual(vl(run('resource-rejects-invalid-token', resourceCall('none', jsonResponse(200, {})))), ['fail', 'MUST']);
  });

  test('skip: a real token', () => {
    assert.equal(run('resource-rejects-invalid-token', resourceCall('header', jsonResponse(200, {}))).verdict, 'skip');
  });
});

describe('client-id-required', () => {
  const noClientId = (response: HttpExchange['response']) => token({ variants: ['auth:no-client-id'], response });

  test('pass: a redemption naming no client is refused', () => {
    const o = judge(CHECKS_BY_ID.get('client-id-required')!, noClientId({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_request"}', json: { error: 'invalid_request' } }), { all: [] }, { profile: 'rfc9700' });
    assert.equal(o.verdict, 'pass');
  });

  test('fail: tokens issued to a request without client_id', () => {
    const o = judge(CHECKS_BY_ID.get('client-id-required')!, noClientId({ status: 200, headers: {}, body: '{}', json: { access_token: 'x'.repeat(43), token_type: 'Bearer' } }), { all: [] }, { profile: 'rfc9700' });
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, 'a code redemption without client_id or client authentication was answered with tokens');
  });

  test('n/a when the request identified its client', () => {
    assert.equal(judge(CHECKS_BY_ID.get('client-id-required')!, token(), { all: [] }, { profile: 'rfc9700' }).verdict, 'skip');
  });
});
