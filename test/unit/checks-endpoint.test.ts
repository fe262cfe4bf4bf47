/**
 * The metadata (B.1.1), transport (B.1.2), authorization endpoint (B.1.3), deprecated grant (B.1.11)
 * and browser (B.1.12) checks on evidence fixtures: for each, a record it passes and one it fails,
 * through judge() so that the level per profile is part of what is asserted. A broken MAY passes with a
 * note (judge()); checks whose rule is MAY everywhere are asserted on that note.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run, seen } from '../fixtures/evidence/judging.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import type { AuthorizationEvidence, Hop, HttpExchange } from '../../src/evidence/types.js';
import {
  ACCESS_TOKEN, CODE, ISSUER, REGISTERED, STATE,
  authorization, authorizeParams, authorizeUrl, callback, directChain, errorPage, htmlResponse, implicitGranted, jsonResponse,
  redirectedTo, urlWith,
} from '../fixtures/evidence/builders.js';
import {
  ATTACKER_ORIGIN, OIDC_URL, RFC8414_URL, embeddedMetadata, errorPageProbe, errorPageResponse, frameEvidence, metadataBoth, metadataEvidence,
  passwordGrant, probe, redirectResponse,
} from '../fixtures/evidence/endpoint.js';



const vm = (o: CheckOutcome) => [o.verdict, o.message];

/** An authorization whose request has these parameters (and is otherwise the default successful flow, unless `landing` says otherwise). */
function requestWith(params: Record<string, string>, landing = callback(), over: Partial<AuthorizationEvidence> = {}): AuthorizationEvidence {
  return redirectedTo(landing, 'registered', { request: { url: authorizeUrl(params), params }, ...over });
}

/** A refusal on the server's own page for this request. */
function refusedOnPage(params: Record<string, string>, url = authorizeUrl(params)): AuthorizationEvidence {
  return errorPage({ request: { url, params }, redirectUri: params.redirect_uri ? { value: params.redirect_uri, registered: REGISTERED } : undefined });
}

const errorAt = (error: string, where: 'query' | 'fragment' = 'query') => urlWith(REGISTERED, { error, state: STATE, iss: ISSUER }, where);

// ---------------------------------------------------------------- B.1.1 metadata

describe('metadata-published', () => {
  const expected = '200, application/json, a JSON object at /.well-known/oauth-authorization-server';

  test('pass: both documents served as JSON', () => {
    assert.deepEqual(seen(run('metadata-published', metadataBoth())), {
      verdict: 'pass', level: 'SHOULD', expected, actual: `${RFC8414_URL} → 200; ${OIDC_URL} → 200`, message: 'holds',
    });
  });

  test('pass with a note: only the OpenID Connect document (what the embedded server does); a JSON 404 is no metadata', () => {
    const o = run('metadata-published', metadataEvidence());
    assert.equal(o.verdict, 'pass');
    assert.equal(o.actual, `${RFC8414_URL} → 404; ${OIDC_URL} → 200`);
    assert.match(o.message, /OpenID Connect Discovery document only/);
  });

  test('warn (SHOULD): neither document is served', () => {
    const o = run('metadata-published', metadataEvidence({ oidc: jsonResponse(404, { error: 'not_found' }) }));
    assert.deepEqual(vm(o), ['warn', 'the server publishes no metadata document (RFC 8414 or OpenID Connect Discovery)']);
    assert.equal(o.level, 'SHOULD');
  });

  test('warn: a document served as text/html', () => {
    const response = { ...jsonResponse(200, embeddedMetadata()), headers: { 'content-type': 'text/html; charset=utf-8' } };
    const o = run('metadata-published', metadataEvidence({ oidc: response }));
    assert.deepEqual([o.verdict, o.actual, o.message], [
      'warn', `${OIDC_URL} served as text/html; charset=utf-8`, 'the OpenID Connect Discovery document is served as text/html; charset=utf-8 instead of application/json',
    ]);
  });
});

describe('metadata-issuer-matches', () => {
  test('pass with a note: the embedded issuer, plain http on loopback (scheme not judged)', () => {
    const o = run('metadata-issuer-matches', metadataEvidence());
    assert.deepEqual([o.verdict, o.level, o.actual], ['pass', 'MUST', `oidc: "${ISSUER}"`]);
    assert.equal(o.message, 'identical; the issuer is plain http on a loopback host, so the https requirement was not judged');
  });

  test('pass: an https issuer in both documents', () => {
    const issuer = 'https://as.example/tenant';
    const o = run('metadata-issuer-matches', { ...metadataBoth(embeddedMetadata({ issuer })), issuer });
    assert.deepEqual([o.verdict, o.message, o.actual], ['pass', 'holds', `rfc8414: "${issuer}"; oidc: "${issuer}"`]);
  });

  test('fail: the document names another issuer (metadata-issuer-mismatch)', () => {
    const o = run('metadata-issuer-matches', metadataEvidence({ meta: embeddedMetadata({ issuer: `${ISSUER}/x` }) }));
    assert.deepEqual(seen(o), {
      verdict: 'fail', level: 'MUST', expected: `issuer "${ISSUER}" in every document; https, no query or fragment`, actual: `oidc: "${ISSUER}/x"`,
      message: `the OpenID Connect Discovery document names issuer "${ISSUER}/x", not "${ISSUER}" from which its URL was built`,
    });
  });

  test('fail: a trailing slash is not identical', () => {
    assert.equal(run('metadata-issuer-matches', metadataEvidence({ meta: embeddedMetadata({ issuer: `${ISSUER}/` }) })).verdict, 'fail');
  });

  test('fail: the RFC 8414 document is right but the OpenID Connect one is not', () => {
    const o = run('metadata-issuer-matches', metadataEvidence({ rfc8414: jsonResponse(200, embeddedMetadata()), meta: embeddedMetadata({ issuer: 'http://localhost:4000' }) }));
    assert.match(o.message, /^the OpenID Connect Discovery document names issuer "http:\/\/localhost:4000"/);
  });

  test('fail: plain http on a host that is not loopback', () => {
    const issuer = 'http://as.example';
    const o = run('metadata-issuer-matches', { ...metadataEvidence({ meta: embeddedMetadata({ issuer }) }), issuer });
    assert.deepEqual(vm(o), ['fail', 'the issuer "http://as.example" does not use the https scheme']);
  });

  test('fail: an issuer with a query', () => {
    const issuer = 'https://as.example/?tenant=1';
    assert.match(run('metadata-issuer-matches', { ...metadataEvidence({ meta: embeddedMetadata({ issuer }) }), issuer }).message, /not a URL without query and fragment/);
  });

  test('fail: no issuer at all', () => {
    const meta = embeddedMetadata();
    delete meta.issuer;
    assert.deepEqual(vm(run('metadata-issuer-matches', metadataEvidence({ meta }))), ['fail', 'the OpenID Connect Discovery document has no issuer string']);
  });

  test('skip: no document served', () => {
    assert.equal(run('metadata-issuer-matches', metadataEvidence({ oidc: jsonResponse(404, { error: 'x' }) })).verdict, 'skip');
  });
});

describe('metadata-required-fields', () => {
  test('pass: the embedded metadata', () => {
    const o = run('metadata-required-fields', metadataEvidence());
    assert.deepEqual([o.verdict, o.actual], ['pass', 'all present in the OpenID Connect Discovery document']);
  });

  test('fail: token_endpoint missing', () => {
    const meta = embeddedMetadata();
    delete meta.token_endpoint;
    assert.deepEqual(vm(run('metadata-required-fields', metadataEvidence({ meta }))), ['fail', 'token_endpoint is missing in the OpenID Connect Discovery document']);
  });

  test('fail: response_types_supported empty, and an endpoint that is no URL; the RFC 8414 document is judged first', () => {
    const meta = embeddedMetadata({ response_types_supported: [], authorization_endpoint: '/auth' });
    const o = run('metadata-required-fields', metadataBoth(meta));
    assert.equal(o.actual, 'response_types_supported is not a non-empty array of strings; authorization_endpoint is not an absolute http(s) URL: "/auth" in the RFC 8414 metadata');
  });

  test('pass: no authorization_endpoint when no grant type uses it', () => {
    const meta = embeddedMetadata({ grant_types_supported: ['client_credentials'] });
    delete meta.authorization_endpoint;
    assert.equal(run('metadata-required-fields', metadataEvidence({ meta })).verdict, 'pass');
  });
});

describe('metadata-advertises-s256', () => {
  test('pass: S256', () => {
    const o = run('metadata-advertises-s256', metadataEvidence());
    assert.deepEqual([o.verdict, o.level, o.actual, o.message], ['pass', 'SHOULD', 'code_challenge_methods_supported: ["S256"]', 'holds']);
  });

  test('pass with a note: plain too', () => {
    const o = run('metadata-advertises-s256', metadataEvidence({ meta: embeddedMetadata({ code_challenge_methods_supported: ['S256', 'plain'] }) }));
    assert.deepEqual(vm(o), ['pass', 'S256 advertised; plain is advertised too (clients SHOULD use S256, RFC 9700 §2.1.1)']);
  });

  test('warn (SHOULD): code_challenge_methods_supported missing (metadata-no-pkce)', () => {
    const meta = embeddedMetadata();
    delete meta.code_challenge_methods_supported;
    const o = run('metadata-advertises-s256', metadataEvidence({ meta }));
    assert.deepEqual(vm(o), ['warn', 'the metadata does not advertise PKCE: code_challenge_methods_supported is missing in the OpenID Connect Discovery document']);
  });

  test('warn: plain only', () => {
    const o = run('metadata-advertises-s256', metadataEvidence({ meta: embeddedMetadata({ code_challenge_methods_supported: ['plain'] }) }));
    assert.deepEqual([o.verdict, o.actual], ['warn', 'code_challenge_methods_supported: ["plain"]']);
  });
});

describe('iss-support-advertised', () => {
  const withMeta = (meta: Record<string, unknown>, e: AuthorizationEvidence) => {
    const m = metadataEvidence({ meta });
    const a = { ...e, step: 1 };
    return run('iss-support-advertised', a, { all: [m, a] });
  };

  test('pass: iss returned and advertised', () => {
    const o = withMeta(embeddedMetadata(), authorization());
    assert.deepEqual(seen(o), {
      verdict: 'pass', level: 'MUST', message: 'holds',
      expected: 'authorization_response_iss_parameter_supported: true (the response carries iss)',
      actual: 'authorization_response_iss_parameter_supported: true in the OpenID Connect Discovery document; iss present in the response',
    });
  });

  test('fail: iss returned but not advertised', () => {
    const meta = embeddedMetadata();
    delete meta.authorization_response_iss_parameter_supported;
    assert.deepEqual(vm(withMeta(meta, authorization())), ['fail', 'the response carries iss but the metadata does not set authorization_response_iss_parameter_supported to true']);
  });

  test('fail: iss returned, the flag false', () => {
    const o = withMeta(embeddedMetadata({ authorization_response_iss_parameter_supported: false }), authorization());
    assert.equal(o.actual, 'authorization_response_iss_parameter_supported: false in the OpenID Connect Discovery document; iss present in the response');
    assert.equal(o.verdict, 'fail');
  });

  test('skip: advertised but the response has no iss (iss-missing): AR-03/MX-01 judge that, not this check', () => {
    const o = withMeta(embeddedMetadata(), redirectedTo(callback({ code: CODE, state: STATE })));
    assert.deepEqual(vm(o), ['skip', 'the metadata sets authorization_response_iss_parameter_supported: true but the response carries no iss: a missing iss, judged by AR-03/MX-01']);
  });

  test('skip: neither advertised nor returned', () => {
    const o = withMeta(embeddedMetadata({ authorization_response_iss_parameter_supported: false }), redirectedTo(callback({ code: CODE, state: STATE })));
    assert.deepEqual(vm(o), ['skip', 'the response carries no iss and the metadata does not advertise it: RFC 9207 is not used']);
  });

  test('skip: no metadata step before, or no response at the client', () => {
    assert.equal(run('iss-support-advertised', authorization()).verdict, 'skip');
    assert.equal(withMeta(embeddedMetadata(), errorPage()).verdict, 'skip');
  });
});

describe('metadata-no-deprecated-grants', () => {
  test('pass: code only, no password', () => {
    const o = run('metadata-no-deprecated-grants', metadataEvidence({ meta: embeddedMetadata({ response_types_supported: ['code', 'code id_token', 'id_token', 'none'] }) }));
    assert.deepEqual([o.verdict, o.level, o.actual], ['pass', 'SHOULD', 'none advertised in 1 document(s)']);
  });

  const deprecated = () => metadataEvidence({ meta: embeddedMetadata({ response_types_supported: ['code', 'token'], grant_types_supported: ['authorization_code', 'refresh_token', 'password'] }) });

  test('warn (SHOULD): token and password advertised (metadata-advertises-deprecated)', () => {
    const o = run('metadata-no-deprecated-grants', deprecated());
    assert.deepEqual(vm(o), ['warn', 'the metadata advertises deprecated grants: response type "token", grant type "password" in the OpenID Connect Discovery document']);
    assert.equal(o.level, 'SHOULD');
  });

  test('MAY under rfc6749, which defines both grants: passes with a note', () => {
    const o = run('metadata-no-deprecated-grants', deprecated(), { profile: 'rfc6749' });
    assert.deepEqual([o.verdict, o.level], ['pass', 'MAY']);
    assert.match(o.message, /^optional \(MAY\) under this profile, not done: the metadata advertises deprecated grants/);
  });

  test('a hybrid type issuing an access token counts', () => {
    const o = run('metadata-no-deprecated-grants', metadataEvidence({ meta: embeddedMetadata({ response_types_supported: ['code', 'id_token token'] }) }));
    assert.equal(o.actual, 'response type "id_token token" in the OpenID Connect Discovery document');
  });
});

describe('endpoint-urls-without-fragment', () => {
  test('pass: no fragment', () => {
    assert.deepEqual(vm(run('endpoint-urls-without-fragment', metadataEvidence())), ['pass', 'holds']);
    assert.equal(run('endpoint-urls-without-fragment', metadataEvidence()).actual, 'no fragment in 3 endpoint URL(s)');
  });

  test('fail: a token endpoint with a fragment', () => {
    const o = run('endpoint-urls-without-fragment', metadataEvidence({ meta: embeddedMetadata({ token_endpoint: `${ISSUER}/token#x` }) }));
    assert.deepEqual(vm(o), ['fail', `an endpoint URL has a fragment: token_endpoint "${ISSUER}/token#x" in the OpenID Connect Discovery document`]);
  });
});

// ---------------------------------------------------------------- B.1.2 transport

describe('authorization-endpoint-requires-tls', () => {
  const url = 'http://as.example/authorize?client_id=oc-confidential&response_type=code';
  const p = (response: HttpExchange['response']) => probe({ url, response });

  test('pass: no answer on plain http (status 0)', () => {
    assert.deepEqual(seen(run('authorization-endpoint-requires-tls', p({ status: 0, headers: {}, body: '' }))), {
      verdict: 'pass', level: 'MUST', expected: 'no answer, an error, or a redirect to https', actual: 'no HTTP answer on plain http (connection refused)', message: 'holds',
    });
  });

  test('pass: a redirect to the https endpoint; an error', () => {
    assert.equal(run('authorization-endpoint-requires-tls', p(redirectResponse(301, url.replace('http:', 'https:')))).verdict, 'pass');
    assert.equal(run('authorization-endpoint-requires-tls', p(htmlResponse(403, 'https only'))).actual, '403 answered over plain http');
  });

  test('pass with a note: a redirect to https on another host', () => {
    assert.equal(run('authorization-endpoint-requires-tls', p(redirectResponse(302, 'https://login.example/'))).message, 'redirected to https on another host, not to the https endpoint');
  });

  test('fail: the login page served over http', () => {
    assert.deepEqual(vm(run('authorization-endpoint-requires-tls', p(htmlResponse(200, '<title>Sign in</title>')))), ['fail', 'the authorization endpoint answered 200 over plain http']);
  });

  test('fail: the flow continues over http', () => {
    const o = run('authorization-endpoint-requires-tls', p(redirectResponse(303, '/interaction/abc')));
    assert.deepEqual(vm(o), ['fail', 'the authorization endpoint, requested over plain http, redirected to /interaction/abc without https']);
  });

  test('skip: not sent over http', () => {
    assert.equal(run('authorization-endpoint-requires-tls', probe({ url: 'https://as.example/authorize' })).verdict, 'skip');
  });
});

describe('token-endpoint-requires-tls', () => {
  const url = 'http://as.example/token?grant_type=authorization_code&code=invalid';
  const p = (response: HttpExchange['response']) => probe({ endpoint: 'token', method: 'POST', url, response });

  test('pass: no answer', () => {
    assert.equal(run('token-endpoint-requires-tls', p({ status: 0, headers: {}, body: '' })).verdict, 'pass');
  });

  test('fail: an OAuth error over http (the endpoint ran on a request received in clear)', () => {
    const o = run('token-endpoint-requires-tls', p(jsonResponse(400, { error: 'invalid_request' })));
    assert.deepEqual(vm(o), ['fail', 'the token endpoint processes token requests received over plain http (it answered error=invalid_request)']);
  });

  test('pass: a plain error page over http (e.g. "TLS required")', () => {
    assert.equal(run('token-endpoint-requires-tls', p({ status: 403, headers: { 'content-type': 'text/html' }, body: '<p>TLS required</p>' })).verdict, 'pass');
  });

  test('fail: 200 over plain http', () => {
    const o = run('token-endpoint-requires-tls', p(jsonResponse(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer' })));
    assert.deepEqual([o.verdict, o.level, o.message], ['fail', 'MUST', 'the token endpoint answered 200 over plain http']);
  });

  test('warn, lenient: a redirect to https (the body already went in clear)', () => {
    const o = run('token-endpoint-requires-tls', p(redirectResponse(308, url.replace('http:', 'https:'))));
    assert.deepEqual([o.verdict, o.level, o.message], ['warn', 'SHOULD', 'the token endpoint redirected a plain-http request (308): the request body had already been sent in clear']);
  });
});

describe('resource-requires-tls', () => {
  const url = 'http://rs.example/api';
  const bearer = { authorization: `Bearer ${ACCESS_TOKEN}` };

  test('pass: no answer; a redirect to https without a token', () => {
    assert.equal(run('resource-requires-tls', probe({ endpoint: 'resource', url, response: { status: 0, headers: {}, body: '' } })).verdict, 'pass');
    const o = run('resource-requires-tls', probe({ endpoint: 'resource', url, response: redirectResponse(301, 'https://rs.example/api') }));
    assert.deepEqual([o.verdict, o.actual], ['pass', '301 redirect to https://rs.example/api (without a bearer token)']);
  });

  test('skip: a 401 without a token says nothing', () => {
    const o = run('resource-requires-tls', probe({ endpoint: 'resource', url, response: jsonResponse(401, {}) }));
    assert.deepEqual(vm(o), ['skip', 'the probe carried no bearer token, so HTTP 401 says nothing about transport']);
  });

  test('fail: a bearer request served over http', () => {
    const o = run('resource-requires-tls', probe({ endpoint: 'resource', url, headers: bearer, response: jsonResponse(200, { sub: 'alice' }) }));
    assert.deepEqual(vm(o), ['fail', 'the protected resource served a bearer-token request over plain http (200)']);
  });

  test('warn, lenient: a bearer request redirected', () => {
    assert.equal(run('resource-requires-tls', probe({ endpoint: 'resource', url, headers: bearer, response: redirectResponse(301, 'https://rs.example/api') })).verdict, 'warn');
  });
});

// ---------------------------------------------------------------- B.1.3 authorization endpoint

describe('authorization-code-granted', () => {
  test('pass: a code at the registered URI', () => {
    assert.deepEqual(seen(run('authorization-code-granted', authorization())), {
      verdict: 'pass', level: 'MUST', expected: 'a code at the registered redirect URI (request sent by GET)',
      actual: `redirect to the registered redirect URI ${callback()}`, message: 'holds',
    });
  });

  test('fail: an error response to a valid request', () => {
    const o = run('authorization-code-granted', redirectedTo(errorAt('server_error')));
    assert.deepEqual(vm(o), ['fail', 'a valid authorization request by GET ended with error=server_error']);
  });

  test('fail: an error page', () => {
    assert.equal(run('authorization-code-granted', refusedOnPage(authorizeParams())).message, 'a valid authorization request by GET ended with an error page');
  });

  test('skip: consent denied', () => {
    assert.equal(run('authorization-code-granted', authorization({ consent: 'deny' })).verdict, 'skip');
  });
});

describe('unknown-parameters-ignored', () => {
  const params = authorizeParams({ foo: 'bar' });

  test('pass: the flow completes with foo=bar', () => {
    const o = run('unknown-parameters-ignored', requestWith(params));
    assert.deepEqual([o.verdict, o.expected], ['pass', 'a code at the registered redirect URI, foo ignored']);
  });

  test('fail: refused because of foo', () => {
    const o = run('unknown-parameters-ignored', requestWith(params, errorAt('invalid_request')));
    assert.deepEqual(vm(o), ['fail', 'a valid request with the unrecognized parameter(s) foo ended with error=invalid_request']);
  });

  test('skip: no unrecognized parameter (nonce, prompt are known)', () => {
    assert.equal(run('unknown-parameters-ignored', requestWith(authorizeParams({ nonce: 'n', prompt: 'login' }))).verdict, 'skip');
  });
});

describe('duplicate-parameter-rejected', () => {
  const params = authorizeParams();
  const twice = `${authorizeUrl(params)}&client_id=${params.client_id}`;

  test('pass: an error page for client_id sent twice', () => {
    const o = run('duplicate-parameter-rejected', refusedOnPage(params, twice));
    assert.deepEqual([o.verdict, o.expected, o.message], ['pass', 'refused (error page, or error=invalid_request) for client_id sent twice', 'holds']);
  });

  test('pass: invalid_request at the registered URI; another error code is noted', () => {
    assert.equal(run('duplicate-parameter-rejected', redirectedTo(errorAt('invalid_request'), 'registered', { request: { url: twice, params } })).message, 'holds');
    const o = run('duplicate-parameter-rejected', redirectedTo(errorAt('invalid_scope'), 'registered', { request: { url: twice, params } }));
    assert.deepEqual(vm(o), ['pass', 'refused, with error=invalid_scope rather than invalid_request (RFC 6749 §4.1.2.1)']);
  });

  test('fail: one of the values used and a code issued (duplicate-params-accepted)', () => {
    const url = `${authorizeUrl(params)}&code_challenge=${params.code_challenge}`;
    const o = run('duplicate-parameter-rejected', redirectedTo(callback(), 'registered', { request: { url, params } }));
    assert.deepEqual([o.verdict, o.level, o.message], ['fail', 'MUST', 'the server accepted code_challenge sent twice and issued code instead of refusing the request']);
  });

  test('skip: nothing repeated', () => {
    assert.equal(run('duplicate-parameter-rejected', authorization()).verdict, 'skip');
  });
});

describe('empty-parameter-treated-as-absent', () => {
  const publicParams = (over: Record<string, string | undefined> = {}) => authorizeParams({ client_id: 'oc-public', code_challenge: undefined, code_challenge_method: undefined, ...over });
  const baseline = (landing: string) => ({ ...requestWith(publicParams(), landing, { client: 'public', pkce: undefined }), step: 0 });
  const empty = (landing: string) => ({ ...requestWith(publicParams({ code_challenge: '' }), landing, { client: 'public', pkce: undefined }), step: 1 });
  const judgeBoth = (b: AuthorizationEvidence, e: AuthorizationEvidence) => run('empty-parameter-treated-as-absent', e, { all: [b, e] });

  test('pass: refused without code_challenge and with code_challenge= alike', () => {
    const o = judgeBoth(baseline(errorAt('invalid_request')), empty(errorAt('invalid_request')));
    assert.deepEqual([o.verdict, o.expected], ['pass', 'the same outcome as without code_challenge (step 1: refused)']);
  });

  test('fail: the empty challenge satisfied the PKCE requirement', () => {
    const o = judgeBoth(baseline(errorAt('invalid_request')), empty(callback()));
    assert.deepEqual([o.verdict, o.level, o.message], [
      'fail', 'MUST', 'with code_challenge= the server issued code, but it refused the same request without code_challenge: the empty value was taken as a value',
    ]);
  });

  test('warn, lenient: refused with the empty value, granted without it', () => {
    const o = judgeBoth(baseline(callback()), empty(errorAt('invalid_request')));
    assert.deepEqual([o.verdict, o.level], ['warn', 'SHOULD']);
  });

  test('skip: the baseline itself, and an empty parameter with no baseline', () => {
    assert.equal(run('empty-parameter-treated-as-absent', baseline(callback())).message, 'the request carried no empty parameter (a baseline for a later step)');
    assert.equal(run('empty-parameter-treated-as-absent', empty(callback())).verdict, 'skip');
  });
});

describe('response-type-invalid-rejected', () => {
  test('pass: response_type omitted, invalid_request at the registered URI', () => {
    const o = run('response-type-invalid-rejected', requestWith(authorizeParams({ response_type: undefined }), errorAt('invalid_request')));
    assert.deepEqual([o.verdict, o.expected, o.message], ['pass', 'an error (error=invalid_request, or an error page) for no response_type; nothing issued', 'holds']);
  });

  test('pass with a note: another error code', () => {
    const o = run('response-type-invalid-rejected', requestWith(authorizeParams({ response_type: 'foo' }), errorAt('access_denied')));
    assert.equal(o.message, 'refused, with error=access_denied rather than unsupported_response_type');
  });

  test('fail: a code for response_type=foo', () => {
    const o = run('response-type-invalid-rejected', requestWith(authorizeParams({ response_type: 'foo' })));
    assert.deepEqual(vm(o), ['fail', 'the server issued code for a request with response_type=foo']);
  });

  test('skip: response_type=code', () => {
    assert.equal(run('response-type-invalid-rejected', authorization()).verdict, 'skip');
  });
});

describe('user-authenticated-before-code', () => {
  test('pass: login and consent before the code', () => {
    const o = run('user-authenticated-before-code', authorization());
    assert.deepEqual([o.verdict, o.actual], ['pass', `login → consent, then redirect to the registered redirect URI ${callback()}`]);
  });

  test('fail: a code straight away in a fresh browser', () => {
    const e = authorization();
    const o = run('user-authenticated-before-code', { ...e, interactions: [], chain: directChain(e.request.url, callback()) });
    assert.deepEqual([o.verdict, o.level, o.message], ['fail', 'MUST', 'in a fresh browser the server issued code without showing any login page']);
  });

  test('skip: a later authorization of the scenario', () => {
    const second = { ...authorization(), step: 1, interactions: [] };
    assert.equal(run('user-authenticated-before-code', second, { all: [authorization(), second] }).verdict, 'skip');
  });
});

describe('authorization-endpoint-no-cors', () => {
  const origin = { origin: ATTACKER_ORIGIN };
  const withAllow = (allow?: string) => probe({ headers: origin, response: redirectResponse(303, `${ISSUER}/interaction/x`, allow ? { 'access-control-allow-origin': allow } : {}) });

  test('pass: no Access-Control-Allow-Origin', () => {
    assert.deepEqual(seen(run('authorization-endpoint-no-cors', withAllow())), {
      verdict: 'pass', level: 'MUST', expected: `no Access-Control-Allow-Origin for ${ATTACKER_ORIGIN}`, actual: 'GET answered 303 without Access-Control-Allow-Origin', message: 'holds',
    });
  });

  test('fail: the origin echoed (cors-on-authorization); *', () => {
    const o = run('authorization-endpoint-no-cors', withAllow(ATTACKER_ORIGIN));
    assert.deepEqual(vm(o), ['fail', `the authorization endpoint lets ${ATTACKER_ORIGIN} read its responses (Access-Control-Allow-Origin: ${ATTACKER_ORIGIN})`]);
    assert.equal(run('authorization-endpoint-no-cors', withAllow('*')).verdict, 'fail');
  });

  test('warn, lenient: CORS for another origin', () => {
    assert.deepEqual(verdictLevel(run('authorization-endpoint-no-cors', withAllow('https://client.example'))), ['warn', 'SHOULD']);
  });

  test('MAY under rfc6749 (which says nothing of CORS): passes with a note', () => {
    assert.deepEqual(verdictLevel(run('authorization-endpoint-no-cors', withAllow('*'), { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('skip: no Origin sent', () => {
    assert.equal(run('authorization-endpoint-no-cors', probe()).verdict, 'skip');
  });
});

function verdictLevel(o: CheckOutcome) { return [o.verdict, o.level]; }

describe('redirect-uri-required', () => {
  const params = authorizeParams({ redirect_uri: undefined });

  test('pass: an error page', () => {
    assert.equal(run('redirect-uri-required', refusedOnPage(params)).verdict, 'pass');
  });

  test('fail: the server picked a registered URI and sent a code there', () => {
    const o = run('redirect-uri-required', requestWith(params));
    assert.deepEqual(vm(o), ['fail', `without redirect_uri the server chose a redirect URI itself and sent code to ${REGISTERED}`]);
  });

  test('warn, lenient: only an error sent there', () => {
    assert.equal(run('redirect-uri-required', requestWith(params, errorAt('invalid_request'))).verdict, 'warn');
  });

  test('skip: a redirect_uri was sent', () => {
    assert.equal(run('redirect-uri-required', authorization()).verdict, 'skip');
  });
});

describe('repeated-authorization-not-automatic', () => {
  const first = authorization({ client: 'public' });
  const second = (interactions: string[]) => {
    const e = authorization({ client: 'public', step: 1, interactions });
    return interactions.length ? e : { ...e, chain: directChain(e.request.url, callback()) };
  };

  test('pass: consent shown again', () => {
    const e = second(['consent']);
    assert.deepEqual(vm(run('repeated-authorization-not-automatic', e, { all: [first, e] })), ['pass', 'holds']);
  });

  test('MAY: the second request answered without the user passes with a note', () => {
    const e = second([]);
    const o = run('repeated-authorization-not-automatic', e, { all: [first, e] });
    assert.deepEqual([o.verdict, o.level, o.message], [
      'pass', 'MAY', 'optional (MAY) under this profile, not done: the repeated request of client public was answered with code without the resource owner taking part',
    ]);
  });

  test('warn when a scenario raises it to SHOULD', () => {
    const e = second([]);
    assert.deepEqual(verdictLevel(run('repeated-authorization-not-automatic', e, { all: [first, e], level: 'SHOULD' })), ['warn', 'SHOULD']);
  });

  test('skip: the first request', () => {
    assert.equal(run('repeated-authorization-not-automatic', first).verdict, 'skip');
  });
});

describe('no-307-after-credentials', () => {
  const with307 = (status: number) => {
    const e = authorization();
    const chain: Hop[] = e.chain.map((h) => (h.method === 'POST' && h.url.includes('/interaction/') && h === e.chain[2] ? { ...h, status } : h));
    return { ...e, chain };
  };

  test('pass: every form post answered 303', () => {
    const o = run('no-307-after-credentials', authorization());
    assert.deepEqual([o.verdict, o.level, o.message], ['pass', 'MUST', 'holds']);
    assert.match(o.actual!, /^POST http:\/\/127\.0\.0\.1:4000\/interaction\/6NqhBgVE6V1xxvyp8l5GQ → 303/);
  });

  test('fail: the login post answered 307 (redirect-307-after-login)', () => {
    const o = run('no-307-after-credentials', with307(307));
    assert.deepEqual(vm(o), ['fail', `the form post to ${ISSUER}/interaction/6NqhBgVE6V1xxvyp8l5GQ was answered 307: the browser re-sends the form, credentials included, to ${ISSUER}/auth/6NqhBgVE6V1xxvyp8l5GQ`]);
  });

  test('fail names a re-post that reached the client', () => {
    const e = with307(307);
    e.chain.push({ url: REGISTERED, method: 'POST', status: 200, atStub: true });
    assert.match(run('no-307-after-credentials', e).message, /and the browser re-posted it to the client at https:\/\/client\.oauth-conformance\.test\/cb$/);
  });

  test('warn, lenient: 302 rather than 303; MAY under rfc6749 (which allows any redirect): a note', () => {
    assert.deepEqual(verdictLevel(run('no-307-after-credentials', with307(302))), ['warn', 'SHOULD']);
    assert.deepEqual(verdictLevel(run('no-307-after-credentials', with307(307), { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('skip: no form posted', () => {
    const e = authorization();
    assert.equal(run('no-307-after-credentials', { ...e, chain: directChain(e.request.url, callback()) }).verdict, 'skip');
  });
});

// ---------------------------------------------------------------- B.1.11 deprecated grants

describe('token-not-in-query', () => {
  const params = authorizeParams({ response_type: 'token', response_mode: 'query', code_challenge: undefined, code_challenge_method: undefined });

  test('pass: refused with an error in the query', () => {
    const o = run('token-not-in-query', requestWith(params, errorAt('invalid_request')));
    assert.deepEqual([o.verdict, o.level], ['pass', 'SHOULD']);
  });

  test('warn (SHOULD), fail under oauth2.1: an access token in the query', () => {
    const landing = callback({ access_token: ACCESS_TOKEN, token_type: 'Bearer', state: STATE });
    const e = requestWith(params, landing);
    assert.deepEqual(vm(run('token-not-in-query', e)), ['warn', `a token was sent in a URL query: access_token in the query of ${landing}`]);
    assert.deepEqual(verdictLevel(run('token-not-in-query', e, { profile: 'oauth2.1' })), ['fail', 'MUST']);
  });

  test('a token in the fragment is not this check\'s business', () => {
    assert.equal(run('token-not-in-query', implicitGranted()).verdict, 'pass');
  });
});

describe('unregistered-response-type-refused', () => {
  test('pass: unsupported_response_type in the fragment', () => {
    const o = run('unregistered-response-type-refused', requestWith(implicitGranted().request.params, errorAt('unsupported_response_type', 'fragment')));
    assert.deepEqual([o.verdict, o.message], ['pass', 'holds']);
  });

  test('pass with a note: another error (id_token without nonce)', () => {
    const o = run('unregistered-response-type-refused', requestWith(authorizeParams({ response_type: 'id_token' }), errorAt('invalid_request', 'fragment')));
    assert.equal(o.message, 'refused, with error=invalid_request');
  });

  test('fail: an access token for the code-only client', () => {
    assert.deepEqual(vm(run('unregistered-response-type-refused', implicitGranted())), ['fail', 'the code-only client confidential asked for response_type=token and got access_token']);
  });

  test('skip: response_type=code', () => {
    assert.equal(run('unregistered-response-type-refused', authorization()).verdict, 'skip');
  });
});

describe('password-grant-refused', () => {
  test('pass: unsupported_grant_type', () => {
    assert.deepEqual(seen(run('password-grant-refused', passwordGrant())), {
      verdict: 'pass', level: 'MUST', expected: 'no tokens; 400 error=unsupported_grant_type or unauthorized_client', actual: '400 error=unsupported_grant_type', message: 'holds',
    });
  });

  test('pass with a note: another error', () => {
    assert.equal(run('password-grant-refused', passwordGrant({ response: jsonResponse(400, { error: 'invalid_grant' }) })).message, 'refused, with error=invalid_grant');
  });

  test('fail: tokens for the test user (password-grant-enabled); MAY under rfc6749', () => {
    const e = passwordGrant({ response: jsonResponse(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 }) });
    assert.deepEqual(vm(run('password-grant-refused', e)), ['fail', 'the token endpoint issued an access token for the test user\'s username and password']);
    assert.deepEqual(verdictLevel(run('password-grant-refused', e, { profile: 'rfc6749' })), ['pass', 'MAY']);
  });
});

// ---------------------------------------------------------------- B.1.12 browser

describe('clickjacking-prevented', () => {
  test('pass: not rendered', () => {
    const o = run('clickjacking-prevented', frameEvidence());
    assert.deepEqual([o.verdict, o.level, o.message], ['pass', 'MUST', 'holds']);
    assert.equal(o.actual, 'not rendered: the frame ended at chrome-error://chromewebdata/ (X-Frame-Options: DENY; Content-Security-Policy: frame-ancestors \'none\')');
  });

  test('fail: rendered without anti-framing headers (frame-headers-missing)', () => {
    const o = run('clickjacking-prevented', frameEvidence({ rendered: true, frameUrl: `${ISSUER}/interaction/abc`, headers: {} }));
    assert.deepEqual(vm(o), ['fail', 'the server\'s page rendered inside an attacker-origin frame (X-Frame-Options: (none); Content-Security-Policy: (none))']);
  });

  test('pass with a note: not rendered, without headers', () => {
    assert.equal(run('clickjacking-prevented', frameEvidence({ headers: {} })).message, 'not rendered, though the page sent neither X-Frame-Options nor CSP frame-ancestors');
  });

  test('skip: the frame never loaded', () => {
    assert.equal(run('clickjacking-prevented', frameEvidence({ frameUrl: 'about:blank' })).verdict, 'skip');
  });
});

describe('csp-frame-ancestors', () => {
  test('pass: frame-ancestors \'none\'', () => {
    assert.deepEqual(vm(run('csp-frame-ancestors', frameEvidence())), ['pass', 'holds']);
    assert.equal(run('csp-frame-ancestors', frameEvidence({ headers: { 'content-security-policy': "default-src 'self'; frame-ancestors https://portal.example" } })).verdict, 'pass');
  });

  test('warn (SHOULD): X-Frame-Options only', () => {
    const o = run('csp-frame-ancestors', frameEvidence({ headers: { 'x-frame-options': 'DENY' } }));
    assert.deepEqual([o.verdict, o.level, o.actual, o.message], ['warn', 'SHOULD', 'no Content-Security-Policy; X-Frame-Options: DENY', 'no CSP frame-ancestors directive (X-Frame-Options only)']);
  });

  test('warn: frame-ancestors that allow any site', () => {
    assert.equal(run('csp-frame-ancestors', frameEvidence({ headers: { 'content-security-policy': 'frame-ancestors *' } })).message, 'frame-ancestors * lets any site frame the page');
    assert.equal(run('csp-frame-ancestors', frameEvidence({ headers: { 'content-security-policy': "script-src 'self'; frame-ancestors https:" } })).verdict, 'warn');
  });
});

describe('referrer-policy-set', () => {
  test('pass: Referrer-Policy: no-referrer on the error page', () => {
    const o = run('referrer-policy-set', errorPageProbe());
    assert.deepEqual([o.verdict, o.level, o.actual], ['pass', 'SHOULD', 'Referrer-Policy: no-referrer']);
  });

  test('pass: the last known token of a list; a meta element', () => {
    assert.equal(run('referrer-policy-set', errorPageProbe(errorPageResponse({ 'referrer-policy': 'no-referrer, strict-origin-when-cross-origin' }))).verdict, 'pass');
    const meta = errorPageResponse({}, '<!DOCTYPE html><html><head><meta name="referrer" content="same-origin"><title>Error</title></head></html>');
    assert.equal(run('referrer-policy-set', errorPageProbe(meta)).actual, '<meta name="referrer" content="same-origin">');
  });

  test('warn (SHOULD): no referrer policy (referrer-policy-missing); MAY under rfc6749', () => {
    const o = run('referrer-policy-set', errorPageProbe(errorPageResponse({})));
    assert.deepEqual([o.verdict, o.level, o.message], ['warn', 'SHOULD', 'the server\'s page sets no referrer policy']);
    assert.deepEqual(verdictLevel(run('referrer-policy-set', errorPageProbe(errorPageResponse({})), { profile: 'rfc6749' })), ['pass', 'MAY']);
  });

  test('warn: unsafe-url', () => {
    assert.equal(run('referrer-policy-set', errorPageProbe(errorPageResponse({ 'referrer-policy': 'unsafe-url' }))).message, 'the server\'s page sets the referrer policy unsafe-url, which sends full URLs to other sites');
  });

  test('skip: not an HTML page', () => {
    assert.equal(run('referrer-policy-set', probe({ response: redirectResponse(303, `${ISSUER}/interaction/x`) })).verdict, 'skip');
  });
});

describe('code-only-in-final-redirect', () => {
  test('pass: the code only in the redirect to the client', () => {
    assert.deepEqual(vm(run('code-only-in-final-redirect', authorization())), ['pass', 'holds']);
  });

  test('MAY: the code in the URL of a server page passes with a note; warns when raised to SHOULD', () => {
    const e = authorization();
    const page = `${ISSUER}/interaction/done?code=${CODE}`;
    e.chain[6] = { ...e.chain[6], location: page };
    e.chain.splice(7, 0, { url: page, method: 'GET', status: 303, location: callback(), atStub: false });
    const o = run('code-only-in-final-redirect', e);
    assert.deepEqual([o.verdict, o.level, o.message], ['pass', 'MAY', `optional (MAY) under this profile, not done: the authorization code appeared in a URL of the server: Location ${page}`]);
    assert.deepEqual(verdictLevel(run('code-only-in-final-redirect', e, { level: 'SHOULD' })), ['warn', 'SHOULD']);
  });

  test('skip: no code issued', () => {
    assert.equal(run('code-only-in-final-redirect', errorPage()).verdict, 'skip');
  });
});
