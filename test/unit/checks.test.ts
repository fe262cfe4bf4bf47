/**
 * Every check of the registry on evidence fixtures: at least one record it passes and one it fails,
 * through judge() so that the level (per profile) is part of what is asserted. The wording of
 * expected / actual / message is pinned where a reviewer relies on it.
 * test/unit/registry.test.ts asserts every check id appears here at least twice.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, run, seen } from '../fixtures/evidence/judging.js';
import { judge } from '../../src/checks/judge.js';
import type { CheckDefinition, CheckOutcome } from '../../src/checks/types.js';
import type { AuthorizationEvidence, Evidence } from '../../src/evidence/types.js';
import {
  ACCESS_TOKEN, ATTACKER, CODE, ISSUER, REGISTERED, STATE,
  authorization, authorizationDenied, authorizeParams, authorizeUrl, callback, errorPage, implicitGranted, jsonResponse,
  manipulatedRedirect, manipulatedRequest, redirectedTo, registeredInsteadOfManipulated, resource, resourceServerError, resourceUnauthorized,
  token, tokenError, tokenInvalidGrant, tokenServerError, urlWith,
} from '../fixtures/evidence/builders.js';




const verdictLevel = (o: CheckOutcome) => [o.verdict, o.level];

const ambient = (id: string, e: AuthorizationEvidence) => (check(id).ambient as (e: Evidence) => boolean)(e);

const CALLBACK = `${REGISTERED}?code=${CODE}&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A4000`;

describe('token-issued', () => {
  const expected = '200 with access_token and token_type';

  test('pass: 200 with access_token and token_type', () => {
    assert.deepEqual(seen(run('token-issued', token())), { verdict: 'pass', level: 'MUST', expected, actual: '200 access_token issued', message: 'holds' });
  });

  test('fail: 400 invalid_grant for a fresh code', () => {
    assert.deepEqual(seen(run('token-issued', tokenInvalidGrant())), {
      verdict: 'fail', level: 'MUST', expected, actual: '400 error=invalid_grant',
      message: 'the token endpoint did not issue a token for a fresh, valid code (400 error=invalid_grant)',
    });
  });

  test('fail: 500 with an HTML page', () => {
    const o = run('token-issued', tokenServerError());
    assert.equal(o.verdict, 'fail');
    assert.equal(o.actual, '500 (no JSON body)');
  });

  test('fail: 200 without token_type', () => {
    const o = run('token-issued', token({ response: jsonResponse(200, { access_token: ACCESS_TOKEN, expires_in: 3600 }) }));
    assert.equal(o.verdict, 'fail');
    assert.equal(o.actual, '200 access_token issued, no token_type');
    assert.match(o.message!, /issued an access token without the token_type/, 'what is missing, not "did not issue a token"');
  });

  test('fail: 200 JSON with neither token nor error', () => {
    assert.equal(run('token-issued', token({ response: jsonResponse(200, { token_type: 'Bearer' }) })).actual, '200 (no access_token, no error)');
  });

  test('fail: a token with a status other than 200', () => {
    const o = run('token-issued', token({ response: jsonResponse(201, { access_token: ACCESS_TOKEN, token_type: 'Bearer' }) }));
    assert.deepEqual([o.verdict, o.actual], ['fail', '201 access_token issued']);
  });

  test('MUST under every profile', () => {
    for (const profile of ['rfc6749', 'rfc9700', 'oauth2.1'] as const) assert.equal(run('token-issued', tokenInvalidGrant(), { profile }).verdict, 'fail');
  });
});

describe('code-replay-rejected', () => {
  const expected = 'no tokens; 400 error=invalid_grant';

  test('pass: 400 invalid_grant, no note', () => {
    assert.deepEqual(seen(run('code-replay-rejected', tokenInvalidGrant())), {
      verdict: 'pass', level: 'MUST', expected, actual: '400 error=invalid_grant', message: 'holds',
    });
  });

  test('pass with a note: rejected with another error code', () => {
    assert.deepEqual(seen(run('code-replay-rejected', tokenError('invalid_request'))), {
      verdict: 'pass', level: 'MUST', expected, actual: '400 error=invalid_request',
      message: 'rejected, but with error=invalid_request instead of invalid_grant (RFC 6749 §5.2)',
    });
  });

  test('pass with a note: rejected with no error code at all (500 HTML)', () => {
    const o = run('code-replay-rejected', tokenServerError());
    assert.equal(o.verdict, 'pass');
    assert.equal(o.actual, '500 (no JSON body)');
    assert.equal(o.message, 'rejected, but with no error code instead of invalid_grant (RFC 6749 §5.2)');
  });

  test('fail: the replay was answered with new tokens', () => {
    assert.deepEqual(seen(run('code-replay-rejected', token({ step: 2 }))), {
      verdict: 'fail', level: 'MUST', expected, actual: '200 access_token issued',
      message: 'the replayed authorization code was accepted a second time and new tokens were issued',
    });
  });

  test('fail under every profile', () => {
    for (const profile of ['rfc6749', 'rfc9700', 'oauth2.1'] as const) assert.equal(run('code-replay-rejected', token(), { profile }).verdict, 'fail');
  });
});

describe('tokens-revoked-after-code-replay', () => {
  test('pass: 401 from the protected resource', () => {
    assert.deepEqual(seen(run('tokens-revoked-after-code-replay', resourceUnauthorized())), {
      verdict: 'pass', level: 'SHOULD', expected: '401 from the protected resource', actual: '401 from the protected resource', message: 'holds',
    });
  });

  test('skip: 403 is insufficient_scope (RFC 6750 §3.1), which says nothing about revocation', () => {
    assert.equal(run('tokens-revoked-after-code-replay', resource({ response: jsonResponse(403, { error: 'insufficient_scope' }) })).verdict, 'skip');
  });

  test('warn (SHOULD): the first access token still works', () => {
    assert.deepEqual(seen(run('tokens-revoked-after-code-replay', resource())), {
      verdict: 'warn', level: 'SHOULD', expected: '401 from the protected resource', actual: '200 from the protected resource',
      message: 'the access token from the first redemption still works after the code was replayed',
    });
  });

  test('skip: a 500 says nothing about the token (n/a)', () => {
    const o = run('tokens-revoked-after-code-replay', resourceServerError());
    assert.equal(o.verdict, 'skip');
    assert.equal(o.message, 'the protected resource answered 500, which says nothing about the token');
    assert.equal(o.expected, undefined);
    assert.equal(o.actual, undefined);
  });

  test('fail when the scenario raises it to MUST', () => {
    const o = run('tokens-revoked-after-code-replay', resource(), { level: 'MUST' });
    assert.deepEqual(verdictLevel(o), ['fail', 'MUST']);
  });
});

describe('redirect-uri-rejected', () => {
  const expected = `an error page at the authorization server; no navigation to ${ATTACKER}`;

  test('pass: the server refused on its own error page', () => {
    const e = errorPage();
    assert.deepEqual(seen(run('redirect-uri-rejected', e)), {
      verdict: 'pass', level: 'MUST', expected, message: 'holds',
      actual: `error page at ${e.outcome.url} (HTTP 400): "Error"`,
    });
  });

  test('pass: an error page without a title is described by its text', () => {
    const e = errorPage();
    if (e.outcome.type !== 'error-page') throw new Error('fixture');
    const text = 'Sorry, that redirect URI is not allowed for this application. Please contact the administrator of the site.';
    e.outcome = { ...e.outcome, status: undefined, title: '', text };
    assert.equal(run('redirect-uri-rejected', e).actual, `error page at ${e.outcome.url}: "${text.slice(0, 80)}"`);
  });

  test('fail: redirected to the manipulated URI with a code', () => {
    const e = manipulatedRedirect('code');
    assert.deepEqual(seen(run('redirect-uri-rejected', e)), {
      verdict: 'fail', level: 'MUST', expected,
      actual: `redirect to the manipulated redirect URI ${ATTACKER}?code=${CODE}&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A4000`,
      message: `the browser was redirected to the manipulated redirect_uri ${ATTACKER} with an authorization code`,
    });
  });

  test('fail: redirected to the manipulated URI with an error', () => {
    const o = run('redirect-uri-rejected', manipulatedRedirect('error'));
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, `the browser was redirected to the manipulated redirect_uri ${ATTACKER} with error=invalid_request`);
  });

  test('fail: a code in the fragment of the manipulated URI', () => {
    const landing = urlWith(ATTACKER, { code: CODE, state: STATE }, 'fragment');
    const o = run('redirect-uri-rejected', redirectedTo(landing, 'requested', manipulatedRequest()));
    assert.equal(o.message, `the browser was redirected to the manipulated redirect_uri ${ATTACKER} with an authorization code`);
  });

  test('fail: redirected to a harness host the client never sent, with nothing', () => {
    const e = redirectedTo('https://attacker.example/other', 'other', manipulatedRequest());
    const o = run('redirect-uri-rejected', e);
    assert.deepEqual([o.verdict, o.actual], ['fail', 'redirect to a URI the client never sent https://attacker.example/other']);
    assert.equal(o.message, `the browser was redirected to the manipulated redirect_uri ${ATTACKER}`);
  });

  test('fail names the error of a fragment error response too', () => {
    const landing = urlWith(ATTACKER, { error: 'unsupported_response_type', state: STATE }, 'fragment');
    const o = run('redirect-uri-rejected', redirectedTo(landing, 'requested', manipulatedRequest()));
    assert.equal(o.message, `the browser was redirected to the manipulated redirect_uri ${ATTACKER} with error=unsupported_response_type`);
  });

  test('warn, lenient: redirected to the registered URI instead, reported at SHOULD', () => {
    const e = registeredInsteadOfManipulated();
    assert.deepEqual(seen(run('redirect-uri-rejected', e)), {
      verdict: 'warn', level: 'SHOULD',
      expected: `an error page at the authorization server; no navigation to ${REGISTERED}/evil`,
      actual: `redirect to the registered redirect URI ${CALLBACK}`,
      message: `the server did not refuse the manipulated redirect_uri ${REGISTERED}/evil: it redirected to the client's registered one (${REGISTERED}); not exploitable as such, but not an exact match either`,
    });
  });

  test('warn, lenient: code pollution answered at the registered URI says the attacker\'s code did not arrive, not that the value was "ignored"', () => {
    const m = manipulatedRequest('code-pollution');
    const o = run('redirect-uri-rejected', redirectedTo(callback(), 'registered', m));
    assert.equal(o.verdict, 'warn');
    assert.equal(o.message, `the server did not refuse the manipulated redirect_uri ${REGISTERED}?code=attackercode: it redirected to the client's registered one (${REGISTERED}), without the manipulated URI's code=attackercode; not exploitable as such, but not an exact match either`);
    assert.doesNotMatch(o.message, /ignored/);
  });

  test('lenient stays lenient under every profile, and under a scenario MUST', () => {
    for (const profile of ['rfc6749', 'rfc9700', 'oauth2.1'] as const) {
      assert.deepEqual(verdictLevel(run('redirect-uri-rejected', registeredInsteadOfManipulated(), { profile, level: 'MUST' })), ['warn', 'SHOULD']);
    }
  });

  test('lenient is not raised to SHOULD when the scenario lowered the rule to MAY', () => {
    const o = run('redirect-uri-rejected', registeredInsteadOfManipulated(), { level: 'MAY' });
    assert.deepEqual(verdictLevel(o), ['pass', 'MAY']);
    assert.match(o.message, /^optional \(MAY\)/);
  });

  test('a request that sent no redirect_uri is described as such', () => {
    const o = run('redirect-uri-rejected', errorPage({ redirectUri: undefined }));
    assert.equal(o.expected, 'an error page at the authorization server; no navigation to (none)');
  });
});

describe('state-echoed', () => {
  const expected = `state=${JSON.stringify(STATE)}`;
  const withState = (state: string | string[] | undefined, error = false): AuthorizationEvidence => {
    const params = new URLSearchParams(error ? { error: 'access_denied' } : { code: CODE });
    for (const s of state === undefined ? [] : [state].flat()) params.append('state', s);
    params.append('iss', ISSUER);
    return redirectedTo(`${REGISTERED}?${params}`, 'registered', error ? { consent: 'deny' } : {});
  };

  test('pass: identical in the success response', () => {
    assert.deepEqual(seen(run('state-echoed', authorization())), { verdict: 'pass', level: 'MUST', expected, actual: 'identical, in the success response', message: 'holds' });
  });

  test('pass: identical in the error response', () => {
    assert.equal(run('state-echoed', authorizationDenied()).actual, 'identical, in the error response (error=access_denied)');
  });

  test('pass: URL-special and non-ASCII characters survive byte for byte', () => {
    const special = `${STATE} &=+/?#%;:@,é✓`;
    const params = authorizeParams({ state: special });
    const e = redirectedTo(callback({ code: CODE, state: special, iss: ISSUER }), 'registered', { request: { url: authorizeUrl(params), params } });
    assert.equal(e.sentState, special);
    assert.equal(run('state-echoed', e).verdict, 'pass');
  });

  test('pass: state in the fragment of an implicit response', () => {
    assert.equal(run('state-echoed', implicitGranted()).actual, 'identical, in the success response');
  });

  test('fail: state missing from the success response', () => {
    assert.deepEqual(seen(run('state-echoed', withState(undefined))), {
      verdict: 'fail', level: 'MUST', expected, actual: 'no state in the success response', message: 'state missing from the success response',
    });
  });

  test('fail: state missing from the error response', () => {
    const o = run('state-echoed', withState(undefined, true));
    assert.deepEqual([o.verdict, o.actual, o.message], ['fail', 'no state in the error response (error=access_denied)', 'state missing from the error response (error=access_denied)']);
  });

  test('fail: unexpected state value in the success response (last character dropped)', () => {
    assert.deepEqual(seen(run('state-echoed', withState(STATE.slice(0, -1)))), {
      verdict: 'fail', level: 'MUST', expected, actual: `state=${JSON.stringify(STATE.slice(0, -1))}`, message: 'unexpected state value in the success response',
    });
  });

  test('fail: unexpected state value in the error response', () => {
    const o = run('state-echoed', withState('other', true));
    assert.deepEqual([o.verdict, o.actual, o.message], ['fail', 'state="other"', 'unexpected state value in the error response (error=access_denied)']);
  });

  test('fail: state repeated', () => {
    const o = run('state-echoed', withState([STATE, STATE]));
    assert.deepEqual([o.verdict, o.actual, o.message], ['fail', 'state repeated 2 times', 'state repeated in the success response']);
  });

  test('skip: the request carried no state', () => {
    const o = run('state-echoed', authorization({ sentState: undefined }));
    assert.deepEqual([o.verdict, o.message], ['skip', 'the request carried no state']);
  });

  test('skip: no authorization response reached the client (error page)', () => {
    const o = run('state-echoed', errorPage());
    assert.deepEqual([o.verdict, o.message], ['skip', 'no authorization response reached the client']);
  });

  test('skip: a redirect with neither code nor error is no authorization response', () => {
    const o = run('state-echoed', redirectedTo(callback({ state: STATE, iss: ISSUER })));
    assert.deepEqual([o.verdict, o.message], ['skip', 'no authorization response reached the client']);
  });

  test('ambient on responses at the registered URI of requests that sent a state', () => {
    assert.equal(ambient('state-echoed', authorization()), true);
    assert.equal(ambient('state-echoed', authorizationDenied()), true);
    assert.equal(ambient('state-echoed', authorization({ sentState: undefined })), false);
    assert.equal(ambient('state-echoed', errorPage()), false);
    assert.equal(ambient('state-echoed', manipulatedRedirect('code')), false);
  });
});

describe('no-tokens-in-urls', () => {
  const expected = 'no access_token, refresh_token or id_token in any URL';
  /** The default flow, with the final Location (and so the landing URL) replaced. */
  const landingAt = (landing: string) => redirectedTo(landing);

  test('pass: a clean code flow through login and consent (6 distinct URLs)', () => {
    assert.deepEqual(seen(run('no-tokens-in-urls', authorization())), { verdict: 'pass', level: 'SHOULD', expected, actual: 'none in 6 URLs', message: 'holds' });
  });

  test('pass: an error page', () => {
    const o = run('no-tokens-in-urls', errorPage());
    assert.deepEqual([o.verdict, o.actual], ['pass', 'none in 1 URLs']);
  });

  test('pass: a parameter merely named like a token (token_type, access_token_hint) is not one', () => {
    assert.equal(run('no-tokens-in-urls', landingAt(callback({ code: CODE, state: STATE, token_type: 'Bearer', access_token_hint: 'x' }))).verdict, 'pass');
  });

  test('warn under rfc9700: an access token in the fragment of a Location', () => {
    const landing = urlWith(REGISTERED, { code: CODE, state: STATE, access_token: ACCESS_TOKEN }, 'fragment');
    const where = `access_token in the fragment of ${landing}`;
    assert.deepEqual(seen(run('no-tokens-in-urls', landingAt(landing))), { verdict: 'warn', level: 'SHOULD', expected, actual: where, message: `token in a URL: ${where}` });
  });

  test('the fragment is found in the Location even when the outcome URL lost it', () => {
    const landing = urlWith(REGISTERED, { access_token: ACCESS_TOKEN }, 'fragment');
    const e = landingAt(landing);
    e.outcome = { ...(e.outcome as Extract<AuthorizationEvidence['outcome'], { type: 'redirect' }>), url: REGISTERED, fragment: {} };
    assert.equal(run('no-tokens-in-urls', e).message, `token in a URL: access_token in the fragment of ${landing}`);
  });

  test('fail under oauth2.1: an ID token in a query', () => {
    const landing = callback({ code: CODE, state: STATE, id_token: 'eyJhbGciOiJub25lIn0.e30.' });
    const o = run('no-tokens-in-urls', landingAt(landing), { profile: 'oauth2.1' });
    assert.deepEqual([o.verdict, o.level, o.message], ['fail', 'MUST', `token in a URL: id_token in the query of ${landing}`]);
  });

  test('a token in an intermediate hop is found, and every finding is listed', () => {
    const e = authorization();
    const leaky = `${ISSUER}/interaction/6NqhBgVE6V1xxvyp8l5GQ?refresh_token=r1`;
    e.chain[1] = { ...e.chain[1], url: leaky };
    const landing = urlWith(REGISTERED, { access_token: ACCESS_TOKEN }, 'fragment');
    e.chain[6] = { ...e.chain[6], location: landing };
    assert.equal(run('no-tokens-in-urls', e).actual, `refresh_token in the query of ${leaky}; access_token in the fragment of ${landing}`);
  });

  test('SHOULD under rfc6749 and rfc9700, MUST under oauth2.1', () => {
    const e = implicitGranted();
    assert.deepEqual(
      (['rfc6749', 'rfc9700', 'oauth2.1'] as const).map((profile) => [profile, run('no-tokens-in-urls', e, { profile }).verdict]),
      [['rfc6749', 'warn'], ['rfc9700', 'warn'], ['oauth2.1', 'fail']],
    );
  });

  test('ambient on code-flow requests only', () => {
    assert.equal(ambient('no-tokens-in-urls', authorization()), true);
    assert.equal(ambient('no-tokens-in-urls', implicitGranted()), false);
  });
});

describe('implicit-grant-refused', () => {
  const expected = 'refused: error page, or error=unsupported_response_type / unauthorized_client; no access_token';

  test('pass: refused on an error page', () => {
    const o = run('implicit-grant-refused', errorPage());
    assert.deepEqual([o.verdict, o.expected], ['pass', expected]);
  });

  test('pass: refused with error=unsupported_response_type in the fragment', () => {
    const landing = urlWith(REGISTERED, { error: 'unsupported_response_type', state: STATE }, 'fragment');
    const o = run('implicit-grant-refused', redirectedTo(landing, 'registered', { request: implicitGranted().request }));
    assert.deepEqual([o.verdict, o.actual], ['pass', `redirect to the registered redirect URI ${landing}`]);
  });

  test('fail: an access token in the fragment', () => {
    const e = implicitGranted();
    assert.deepEqual(seen(run('implicit-grant-refused', e, { profile: 'oauth2.1' })), {
      verdict: 'fail', level: 'MUST', expected,
      actual: `redirect to the registered redirect URI ${e.outcome.url} with an access_token`,
      message: 'the server issued an access token through the implicit grant',
    });
  });

  test('an access token in the query is caught too', () => {
    const landing = callback({ access_token: ACCESS_TOKEN, token_type: 'Bearer', state: STATE });
    assert.equal(run('implicit-grant-refused', redirectedTo(landing), { profile: 'oauth2.1' }).verdict, 'fail');
  });

  test('MAY under rfc6749, SHOULD under rfc9700, MUST under oauth2.1', () => {
    const e = implicitGranted();
    assert.deepEqual(
      (['rfc6749', 'rfc9700', 'oauth2.1'] as const).map((profile) => { const o = run('implicit-grant-refused', e, { profile }); return [profile, o.level, o.verdict]; }),
      [['rfc6749', 'MAY', 'pass'], ['rfc9700', 'SHOULD', 'warn'], ['oauth2.1', 'MUST', 'fail']],
    );
  });
});

describe('judge()', () => {
  const fake = (evaluate: CheckDefinition<'token'>['evaluate'], level: CheckDefinition['level'] = 'MUST'): CheckDefinition =>
    ({ id: 'fake-check', title: 'A fake check', catalog: ['TK-13'], requirements: ['RFC6749-5.2', 'NOPE-1'], level, quote: 'q', on: 'token', evaluate }) as CheckDefinition;

  test('a check whose evaluate throws gives verdict error, with the message', () => {
    const o = judge(fake(() => { throw new Error('boom'); }), token(), { all: [] }, { profile: 'rfc9700' });
    assert.deepEqual(seen(o), { verdict: 'error', level: 'MUST', expected: undefined, actual: undefined, message: 'check fake-check crashed: boom' });
  });

  test('n/a becomes skip with the reason as message', () => {
    const o = judge(fake(() => ({ holds: 'n/a', reason: 'nothing to judge' })), token(), { all: [] }, { profile: 'rfc9700' });
    assert.deepEqual(seen(o), { verdict: 'skip', level: 'MUST', expected: undefined, actual: undefined, message: 'nothing to judge' });
  });

  test('a level from the scenario wins over the check\'s and the profile\'s', () => {
    const c = fake(() => ({ holds: false, expected: 'e', actual: 'a', message: 'm' }), { default: 'SHOULD', 'oauth2.1': 'MUST' });
    assert.deepEqual(verdictLevel(judge(c, token(), { all: [] }, { profile: 'oauth2.1', level: 'SHOULD' })), ['warn', 'SHOULD']);
    assert.deepEqual(verdictLevel(judge(c, token(), { all: [] }, { profile: 'rfc9700', level: 'MUST' })), ['fail', 'MUST']);
    assert.deepEqual(verdictLevel(judge(c, token(), { all: [] }, { profile: 'oauth2.1' })), ['fail', 'MUST']);
    assert.deepEqual(verdictLevel(judge(c, token(), { all: [] }, { profile: 'rfc9700' })), ['warn', 'SHOULD']);
  });

  test('a broken MAY passes with a note: optional by definition', () => {
    const o = judge(fake(() => ({ holds: false, expected: 'e', actual: 'a', message: 'm' }), 'MAY'), token(), { all: [] }, { profile: 'rfc9700' });
    assert.equal(o.verdict, 'pass');
    assert.equal(o.message, 'optional (MAY) under this profile, not done: m');
  });

  test('the outcome carries the citation, the step and the ambient flag; unknown requirement ids have no URL', () => {
    const o = judge(fake(() => ({ holds: true, expected: 'e', actual: 'a', note: 'n' })), token({ step: 4 }), { all: [] }, { profile: 'rfc9700', ambient: true });
    assert.deepEqual(o, {
      check: 'fake-check', title: 'A fake check', catalog: ['TK-13'],
      requirements: [{ id: 'RFC6749-5.2', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2' }, { id: 'NOPE-1', url: undefined }],
      level: 'MUST', step: 4, ambient: true, verdict: 'pass', expected: 'e', actual: 'a', message: 'n',
    });
  });

  test('the context passed to evaluate is all evidence so far', () => {
    const all = [authorization(), token()];
    let seenCtx: unknown;
    judge(fake((_e, ctx) => { seenCtx = ctx.all; return { holds: true, expected: '', actual: '' }; }), all[1], { all }, { profile: 'rfc9700' });
    assert.equal(seenCtx, all);
  });
});
