/**
 * The authorization-side checks (CATALOG B.1.4 redirect URI, B.1.5 authorization response, B.1.6 open
 * redirector, B.1.13 MX-01) on evidence fixtures, through judge(), and the redirect URI variants.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { run, seen } from '../fixtures/evidence/judging.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import type { AuthorizationEvidence } from '../../src/evidence/types.js';
import { REDIRECT_URI_VARIANTS, redirectUriVariant } from '../../src/spec/redirect-uri-variants.js';
import {
  CHALLENGE, CODE, ISSUER, REGISTERED, STATE, authorization, authorizationDenied, authorizeParams, authorizeUrl, callback, errorPage, htmlResponse,
  redirectedTo, urlWith,
} from '../fixtures/evidence/builders.js';
import {
  challengeIn, errorResponse, flowWithCode, formPosted, hostProbe, immediateErrorResponse, metadataFetched, redirectResponse, variantAccepted,
  variantRefused, variantRequest, variantUnloadable,
} from '../fixtures/evidence/authorization.js';



const vl = (o: CheckOutcome) => [o.verdict, o.level];

describe('redirect URI variants', () => {
  const apply = (name: keyof typeof REDIRECT_URI_VARIANTS, u = REGISTERED) => REDIRECT_URI_VARIANTS[name].apply(u);

  test('each variant differs from the registered URI and names a catalog row of B.1.4', () => {
    for (const [name, v] of Object.entries(REDIRECT_URI_VARIANTS)) {
      assert.notEqual(v.apply(REGISTERED), REGISTERED, name);
      assert.match(v.catalog, /^RU-(0[1-9]|1[0-7])$/, name);
    }
  });

  test('strings are built as written: no normalisation of dots, case, encoding or backslashes', () => {
    assert.equal(apply('path-traversal'), 'https://client.oauth-conformance.test/cb/../evil');
    assert.equal(apply('path-traversal-encoded'), 'https://client.oauth-conformance.test/cb/%2e%2e/evil');
    assert.equal(apply('path-double-encoded'), 'https://client.oauth-conformance.test/cb/%252e%252e/evil');
    assert.equal(apply('path-semicolon'), 'https://client.oauth-conformance.test/cb/..;/evil');
    assert.equal(apply('path-encoded-slash'), 'https://client.oauth-conformance.test/cb%2f..%2fevil');
    assert.equal(apply('path-backslash'), 'https://client.oauth-conformance.test/cb\\..\\evil');
    assert.equal(apply('host-uppercase'), 'https://CLIENT.OAUTH-CONFORMANCE.TEST/cb');
    assert.equal(apply('path-uppercase'), 'https://client.oauth-conformance.test/CB');
    assert.equal(apply('scheme-uppercase'), 'HTTPS://client.oauth-conformance.test/cb');
    assert.equal(apply('scheme-uppercase', 'http://127.0.0.1:8080/cb?x=1'), 'HTTP://127.0.0.1:8080/cb?x=1');
    assert.equal(apply('path-percent-encoded'), 'https://client.oauth-conformance.test/c%62');
  });

  test('host variants: attacker-controlled names sit under attacker.example where they can', () => {
    assert.equal(apply('suffix-host'), 'https://client.oauth-conformance.test.attacker.example/cb');
    assert.equal(apply('localhost-subdomain'), 'https://localhost.attacker.example/cb');
    assert.equal(apply('subdomain'), 'https://attacker.client.oauth-conformance.test/cb');
    assert.equal(apply('appended-tld'), 'https://client.oauth-conformance.test.com/cb');
    assert.equal(apply('userinfo-client-at-attacker'), 'https://client.oauth-conformance.test@attacker.example/cb');
    assert.equal(apply('userinfo-attacker-at-client'), 'https://attacker.example@client.oauth-conformance.test/cb');
    assert.equal(apply('userinfo-with-password'), 'https://client.oauth-conformance.test:x@attacker.example/cb');
    assert.equal(apply('userinfo-encoded'), 'https://client.oauth-conformance.test%40attacker.example/cb');
  });

  test('query, fragment, scheme, port, loopback and pollution variants keep the rest of the URI', () => {
    const u = 'https://client.example:8443/a/cb?x=1';
    assert.equal(apply('code-pollution', u), 'https://client.example:8443/a/cb?x=1&code=attackercode');
    assert.equal(apply('code-pollution'), `${REGISTERED}?code=attackercode`);
    assert.equal(apply('fragment', u), `${u}#x`);
    assert.equal(apply('http-downgrade', u), 'http://client.example:8443/a/cb?x=1');
    assert.equal(apply('port-change', u), 'https://client.example:8444/a/cb?x=1');
    assert.equal(apply('loopback-ipv6', u), 'http://[::1]/a/cb?x=1');
    assert.equal(apply('loopback-decimal'), 'http://2130706433/cb');
    assert.equal(apply('path-extended', u), 'https://client.example:8443/a/cbx?x=1');
    assert.equal(apply('nested-redirect-uri'), `${REGISTERED}&redirect_uri=https://attacker.example/cb`);
  });

  test('only equivalent-by-normalisation variants are lenient when accepted', () => {
    const lenient = Object.entries(REDIRECT_URI_VARIANTS).filter(([, v]) => (v as { lenientIfAccepted?: boolean }).lenientIfAccepted).map(([n]) => n);
    assert.deepEqual(lenient, ['host-uppercase', 'scheme-uppercase', 'path-percent-encoded']);
    assert.equal(redirectUriVariant('nope'), undefined);
    assert.equal(redirectUriVariant('__proto__'), undefined);
  });
});

describe('redirect-uri-rejected on the new variants', () => {
  test('pass: each variant refused on an error page', () => {
    for (const name of Object.keys(REDIRECT_URI_VARIANTS) as (keyof typeof REDIRECT_URI_VARIANTS)[]) {
      assert.equal(run('redirect-uri-rejected', variantRefused(name)).verdict, 'pass', name);
    }
  });

  test('fail: a redirect to an unresolvable manipulated host, seen only in the chain', () => {
    const e = variantUnloadable('subdomain');
    const sent = 'https://attacker.client.oauth-conformance.test/cb';
    const o = run('redirect-uri-rejected', e);
    assert.deepEqual(seen(o), {
      verdict: 'fail', level: 'MUST',
      expected: `an error page at the authorization server; no navigation to ${sent}`,
      actual: `redirect to ${sent}?code=${CODE}&state=${STATE}&iss=http%3A%2F%2F127.0.0.1%3A4000, then error page at chrome-error://chromewebdata/ (HTTP 303): "This site can’t be reached"`,
      message: `the server redirected the browser to the manipulated redirect_uri ${sent} with an authorization code; the browser could not load it`,
    });
  });

  test('fail: a javascript: redirect the browser refused, with an error', () => {
    const o = run('redirect-uri-rejected', variantUnloadable('scheme-javascript', { error: 'invalid_scope', state: STATE }));
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, 'the server redirected the browser to the manipulated redirect_uri javascript:alert(document.domain)// with error=invalid_scope; the browser could not load it');
  });

  test('fail: loopback substitution redirected to 127.0.0.1', () => {
    assert.equal(run('redirect-uri-rejected', variantUnloadable('loopback-ipv4')).verdict, 'fail');
  });

  test('fail: the traversal accepted, the browser landed on the normalised path', () => {
    const e = variantAccepted('path-traversal', callback({ code: CODE, state: STATE }, 'https://client.oauth-conformance.test/evil'));
    const o = run('redirect-uri-rejected', e);
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, 'the browser was redirected to the manipulated redirect_uri https://client.oauth-conformance.test/cb/../evil with an authorization code');
  });

  test('fail: code pollution accepted (the attacker code rides along)', () => {
    const landing = `${REGISTERED}?code=attackercode&code=${CODE}&state=${STATE}`;
    assert.equal(run('redirect-uri-rejected', variantAccepted('code-pollution', landing)).verdict, 'fail');
  });

  test('fail: the userinfo trick landed on the attacker host', () => {
    const e = variantAccepted('userinfo-client-at-attacker', callback({ code: CODE, state: STATE }, 'https://attacker.example/cb'));
    assert.deepEqual(vl(run('redirect-uri-rejected', e)), ['fail', 'MUST']);
  });

  test('warn, lenient: the upper-case host accepted (same host by DNS), also when only seen in the chain', () => {
    const e = variantAccepted('host-uppercase', callback({ code: CODE, state: STATE }));
    const o = run('redirect-uri-rejected', e);
    assert.deepEqual(vl(o), ['warn', 'SHOULD']);
    assert.equal(o.message, `the browser was redirected to the manipulated redirect_uri ${REDIRECT_URI_VARIANTS['host-uppercase'].apply(REGISTERED)} with an authorization code; `
      + 'the variant names the client\'s own endpoint, so not exploitable as such, but not an exact match either');
    assert.deepEqual(vl(run('redirect-uri-rejected', variantUnloadable('path-percent-encoded'))), ['warn', 'SHOULD']);
  });

  test('skip: a variant that leaves the registered URI unchanged (http-downgrade of an http URI) has nothing to refuse', () => {
    const e = errorPage({ redirectUri: { value: REGISTERED, registered: REGISTERED, variant: 'http-downgrade' } });
    const o = run('redirect-uri-rejected', e);
    assert.deepEqual([o.verdict, o.message], ['skip', `the redirect_uri sent is the client's registered one (${REGISTERED}): the manipulation changed nothing, so there is nothing to refuse`]);
  });

  test('an error page after hops that stayed at the server passes', () => {
    const e = variantRefused('suffix-host');
    e.chain = [{ url: e.request.url, method: 'GET', status: 302, location: `${ISSUER}/error`, atStub: false }, { url: `${ISSUER}/error`, method: 'GET', status: 400, atStub: false }];
    assert.equal(run('redirect-uri-rejected', e).verdict, 'pass');
  });
});

describe('iss-in-authorization-response', () => {
  const meta = metadataFetched();
  const at = (e: AuthorizationEvidence) => ({ ...e, step: 1 });

  test('pass: iss equals the configured issuer, success and error', () => {
    const e = at(authorization());
    assert.deepEqual(seen(run('iss-in-authorization-response', e, { all: [meta, e] })), {
      verdict: 'pass', level: 'MUST', expected: `iss=${ISSUER} (the configured issuer), once`, actual: 'identical, in the success response', message: 'holds',
    });
    const d = at(authorizationDenied());
    assert.equal(run('iss-in-authorization-response', d, { all: [meta, d] }).actual, 'identical, in the error response (error=access_denied)');
  });

  test('pass with a note: no metadata step, so the value is only checked for form', () => {
    const o = run('iss-in-authorization-response', authorization());
    assert.deepEqual([o.verdict, o.expected, o.message], ['pass', 'iss: the issuer identifier, a URL without query or fragment, once', 'present and well-formed; its value was not compared: no metadata step in this scenario']);
  });

  test('fail: iss missing, while the metadata advertises it', () => {
    const e = at(redirectedTo(callback({ code: CODE, state: STATE })));
    assert.deepEqual(seen(run('iss-in-authorization-response', e, { all: [meta, e] })), {
      verdict: 'fail', level: 'MUST', expected: `iss=${ISSUER} (the configured issuer), once`, actual: 'no iss in the success response',
      message: 'iss missing from the success response, although the metadata sets authorization_response_iss_parameter_supported: true: '
        + 'a client of several authorization servers cannot tell which one answered (RFC 9700 §4.4.2 then leaves it distinct redirect URIs)',
    });
  });

  test('warn: iss missing from an error response, judged at SHOULD as MX-01 does', () => {
    const e = errorResponse({ error: 'access_denied' }, {}, { consent: 'deny' });
    e.outcome = redirectedTo(callback({ error: 'access_denied', state: STATE })).outcome;
    const o = run('iss-in-authorization-response', e, { level: 'SHOULD' });
    assert.deepEqual([o.verdict, o.actual], ['warn', 'no iss in the error response (error=access_denied)']);
  });

  test('fail: another issuer, a trailing slash, a repeat, a query', () => {
    const withIss = (...iss: string[]) => {
      const q = new URLSearchParams({ code: CODE, state: STATE });
      for (const i of iss) q.append('iss', i);
      return at(redirectedTo(`${REGISTERED}?${q}`));
    };
    const other = withIss('https://attacker.example');
    assert.equal(run('iss-in-authorization-response', other, { all: [meta, other] }).message, `iss in the success response is not the issuer identifier ${ISSUER} (the configured issuer)`);
    const slash = withIss(`${ISSUER}/`);
    assert.equal(run('iss-in-authorization-response', slash, { all: [meta, slash] }).verdict, 'fail');
    assert.equal(run('iss-in-authorization-response', withIss(ISSUER, ISSUER)).message, 'iss repeated 2 times in the success response');
    assert.equal(run('iss-in-authorization-response', withIss(`${ISSUER}?x=1`)).message, 'iss in the success response is not an issuer identifier (a URL without query or fragment)');
  });

  test('the metadata issuer is the reference when no issuer was configured', () => {
    const m = metadataFetched({ issuer: 'https://as.example/tenant' }, '');
    const e = at(authorization());
    assert.equal(run('iss-in-authorization-response', e, { all: [m, e] }).message, `iss in the success response is not the issuer identifier https://as.example/tenant (the metadata issuer)`);
  });

  test('skip: no response at the registered URI', () => {
    assert.equal(run('iss-in-authorization-response', errorPage()).verdict, 'skip');
  });
});

describe('authorization-code-entropy', () => {
  const random = (i: number) => createHash('sha256').update(`code-${i}`).digest('base64url');
  const flows = (codes: string[]) => codes.map((c, i) => flowWithCode(c, i));

  test('pass: five 43-character base64url codes (about 256 bits)', () => {
    const all = flows([0, 1, 2, 3, 4].map(random));
    const o = run('authorization-code-entropy', all[4], { all });
    assert.equal(o.verdict, 'pass');
    assert.match(o.actual ?? '', /^≈2\d\d bits \(5 samples; 43 varying characters of a 64-symbol alphabet/);
    assert.equal(o.message, 'no sign of weakness (heuristic estimate from 5 authorization codes)');
  });

  test('fail: UUIDv4 codes (122 random bits)', () => {
    const uuids = ['3f2b8c1e-9d4a-4b7e-8c21-5a6f0e9d3b17', 'a81c4e02-7f3d-4a59-b6e8-0d2c9f71e4a3', '5e9d0b7a-2c18-4f63-9a4e-e1b7c3d80f26', 'c04f7a93-8e21-4d0b-a7c5-69f2e1b83d4c'];
    const all = flows(uuids);
    const o = run('authorization-code-entropy', all[3], { all });
    assert.deepEqual(vl(o), ['fail', 'MUST']);
    assert.match(o.message, /^the authorization codes look guessable: about 12\d bits of entropy, below the 128 bits RFC 6749 §10\.10 requires \(heuristic estimate\)$/);
  });

  test('warn, lenient: 36 hex characters (144 bits) pass the MUST, not the SHOULD', () => {
    const hex = (i: number) => createHash('sha256').update(`h${i}`).digest('hex').slice(0, 36);
    const all = flows([0, 1, 2, 3].map(hex));
    assert.deepEqual(vl(run('authorization-code-entropy', all[3], { all })), ['warn', 'SHOULD']);
  });

  test('fail: the same code issued twice', () => {
    const all = flows([random(0), random(1), random(0)]);
    assert.deepEqual(seen(run('authorization-code-entropy', all[2], { all })), {
      verdict: 'fail', level: 'MUST', expected: '3 distinct codes', actual: '2 distinct among 3', message: 'the same authorization code was issued for more than one authorization request',
    });
  });

  test('skip: fewer than three codes; error responses and error pages bring none', () => {
    const all: AuthorizationEvidence[] = [flowWithCode(random(0), 0), { ...authorizationDenied(), step: 1 }, { ...errorPage(), step: 2 }];
    const o = run('authorization-code-entropy', all[2], { all });
    assert.deepEqual([o.verdict, o.message], ['skip', '1 authorization code(s) reached the client in this scenario so far: the estimate needs at least 3']);
  });

  test('the judged evidence counts even when the context does not list it yet', () => {
    const all = flows([0, 1, 2].map(random));
    assert.equal(run('authorization-code-entropy', all[2], { all: all.slice(0, 2) }).verdict, 'pass');
  });
});

describe('code-challenge-not-exposed', () => {
  const hash = Buffer.from(CHALLENGE, 'base64url');

  test('pass: code, state and iss, no challenge', () => {
    const o = run('code-challenge-not-exposed', authorization());
    assert.deepEqual([o.verdict, o.level, o.expected], ['pass', 'MUST', 'no trace of the code_challenge in the response parameters or the code']);
  });

  test('fail: code_challenge echoed as a parameter (the code-challenge-echoed flaw)', () => {
    assert.deepEqual(seen(run('code-challenge-not-exposed', challengeIn({ code_challenge: CHALLENGE }))), {
      verdict: 'fail', level: 'MUST', expected: 'no trace of the code_challenge in the response parameters or the code',
      actual: 'a code_challenge parameter', message: 'the code_challenge can be read from the authorization response: a code_challenge parameter',
    });
  });

  test('fail: the challenge readable inside a JWT-shaped code', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const code = `${part({ alg: 'HS256' })}.${part({ cc: CHALLENGE, ccm: 'S256' })}.c2lnbmF0dXJl`;
    const o = run('code-challenge-not-exposed', redirectedTo(callback({ code, state: STATE, iss: ISSUER })));
    assert.equal(o.actual, 'in the code parameter, base64url-decoded (e.g. a JWT claim)');
  });

  test('fail: the raw SHA-256 inside a base64url code, at any alignment, or as hex', () => {
    for (const prefix of [Buffer.alloc(0), Buffer.from([1]), Buffer.from([1, 2])]) {
      const code = Buffer.concat([prefix, Buffer.from('0123456789abcdef'), hash]).toString('base64url');
      assert.equal(run('code-challenge-not-exposed', redirectedTo(callback({ code, state: STATE }))).verdict, 'fail', `prefix ${prefix.length}`);
    }
    const hexCode = `c_${hash.toString('hex')}`;
    assert.equal(run('code-challenge-not-exposed', redirectedTo(callback({ code: hexCode, state: STATE }))).actual, 'in the code parameter, as hex');
  });

  test('skip: no PKCE in the request; no response at the client', () => {
    const params = authorizeParams({ code_challenge: undefined, code_challenge_method: undefined });
    assert.equal(run('code-challenge-not-exposed', authorization({ request: { url: authorizeUrl(params), params } })).verdict, 'skip');
    assert.equal(run('code-challenge-not-exposed', errorPage()).verdict, 'skip');
  });
});

describe('authorization-error-well-formed', () => {
  test('pass: access_denied after the user denied', () => {
    assert.deepEqual(seen(run('authorization-error-well-formed', authorizationDenied())), {
      verdict: 'pass', level: 'MUST',
      expected: 'a redirect to the registered URI with error=access_denied; error and error_description within %x20-21 / %x23-5B / %x5D-7E',
      actual: 'error=access_denied, error_description="End-User denied the request"', message: 'holds',
    });
  });

  test('pass: invalid_request for a missing response_type; unsupported_response_type for response_type=foo', () => {
    assert.equal(run('authorization-error-well-formed', errorResponse({ error: 'invalid_request' }, { response_type: undefined })).verdict, 'pass');
    assert.equal(run('authorization-error-well-formed', errorResponse({ error: 'unsupported_response_type' }, { response_type: 'foo' })).verdict, 'pass');
  });

  test('fail: the user denied consent, yet a code came', () => {
    const o = run('authorization-error-well-formed', authorization({ consent: 'deny' }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'the user denied consent, yet the server issued an authorization code']);
  });

  test('fail: a description with a double quote or non-ASCII; a repeated error', () => {
    const quoted = run('authorization-error-well-formed', errorResponse({ error: 'invalid_request', error_description: 'bad "scope"' }, { response_type: undefined }));
    assert.deepEqual([quoted.verdict, quoted.message], ['fail', 'error_description has characters outside %x20-21 / %x23-5B / %x5D-7E: "bad \\"scope\\""']);
    assert.equal(run('authorization-error-well-formed', errorResponse({ error: 'access_denied', error_description: 'refusé' }, {}, { consent: 'deny' })).verdict, 'fail');
    const twice = redirectedTo(`${REGISTERED}?error=access_denied&error=server_error&state=${STATE}`, 'registered', { consent: 'deny' });
    assert.equal(run('authorization-error-well-formed', twice).message, 'error repeated 2 times');
  });

  test('warn, lenient: an undefined code, or a code that does not fit', () => {
    const made = run('authorization-error-well-formed', errorResponse({ error: 'bad_request' }, { response_type: undefined }));
    assert.deepEqual([made.verdict, made.level, made.message], ['warn', 'SHOULD', 'error=bad_request is not a code RFC 6749 §4.1.2.1 (or OpenID Connect) defines']);
    const dup = errorResponse({ error: 'invalid_scope' });
    dup.request = { ...dup.request, url: `${dup.request.url}&scope=openid` };
    assert.equal(run('authorization-error-well-formed', dup).message, 'error=invalid_scope where invalid_request fits: the request repeats scope');
  });

  test('skip: an error page, a success response of a valid request, a redirect elsewhere', () => {
    assert.equal(run('authorization-error-well-formed', errorPage()).verdict, 'skip');
    assert.equal(run('authorization-error-well-formed', authorization()).verdict, 'skip');
    assert.equal(run('authorization-error-well-formed', variantAccepted('other-host')).verdict, 'skip');
  });
});

describe('no-unauthenticated-error-redirect', () => {
  const invalidScope = { scope: 'openid not-a-scope-of-this-server' };

  test('pass: login first, then the error redirect', () => {
    const o = run('no-unauthenticated-error-redirect', errorResponse({ error: 'invalid_scope' }, invalidScope));
    assert.deepEqual([o.verdict, o.level], ['pass', 'SHOULD']);
    assert.match(o.actual ?? '', /^login → consent, then redirect to the registered redirect URI/);
  });

  test('pass: an error page', () => {
    assert.equal(run('no-unauthenticated-error-redirect', errorPage()).verdict, 'pass');
  });

  test('warn at SHOULD (MAY under rfc6749: a pass with a note; never fail): straight to the client with the error', () => {
    const e = immediateErrorResponse({ error: 'unsupported_response_type' }, { response_type: 'foo' });
    assert.deepEqual(seen(run('no-unauthenticated-error-redirect', e)), {
      verdict: 'warn', level: 'SHOULD', expected: 'a login page before any redirect to the client, or an error page',
      actual: `no page of the server shown; redirect to the registered redirect URI ${e.outcome.url}`,
      message: `the server redirected a browser without a session straight to ${REGISTERED} with error=unsupported_response_type, before any login: `
        + 'a malicious client\'s registered redirect URI becomes a phishing redirect through this server',
    });
    const r6749 = run('no-unauthenticated-error-redirect', e, { profile: 'rfc6749' });
    assert.deepEqual([r6749.verdict, r6749.level], ['pass', 'MAY']);
    assert.match(r6749.message, /^optional \(MAY\) under this profile, not done: the server redirected a browser without a session/);
    assert.deepEqual(vl(run('no-unauthenticated-error-redirect', e, { profile: 'oauth2.1' })), ['warn', 'SHOULD']);
  });

  test('skip: prompt=none (silent authentication); not the first authorization of the scenario', () => {
    const silent = immediateErrorResponse({ error: 'login_required' }, { prompt: 'none' });
    assert.equal(run('no-unauthenticated-error-redirect', silent).message, 'prompt=none is silent authentication, the exception RFC 9700 §4.11.2 makes');
    const later = { ...immediateErrorResponse({ error: 'invalid_scope' }, invalidScope), step: 1 };
    assert.equal(run('no-unauthenticated-error-redirect', later, { all: [authorization(), later] }).verdict, 'skip');
  });
});

describe('redirect-fragment-attached', () => {
  test('pass: the Location carries #_', () => {
    const e = redirectedTo(`${callback()}#_`);
    assert.deepEqual([run('redirect-fragment-attached', e).verdict, run('redirect-fragment-attached', e).actual], ['pass', 'Location ends with #_']);
  });

  const noFragment = 'the redirect to the client has no fragment: a fragment of an earlier URL would be reattached to it (harmless with exact redirect URI matching)';

  test('not done at MAY: no fragment on the Location (a pass with a note)', () => {
    assert.deepEqual(seen(run('redirect-fragment-attached', authorization())), {
      verdict: 'pass', level: 'MAY', expected: 'a fragment (e.g. #_) on the Location of the redirect to the client', actual: '303 Location without a fragment',
      message: `optional (MAY) under this profile, not done: ${noFragment}`,
    });
  });

  test('warn when a scenario raises it to SHOULD', () => {
    assert.deepEqual(seen(run('redirect-fragment-attached', authorization(), { level: 'SHOULD' })), {
      verdict: 'warn', level: 'SHOULD', expected: 'a fragment (e.g. #_) on the Location of the redirect to the client', actual: '303 Location without a fragment', message: noFragment,
    });
  });

  test('skip: the response in the fragment; form_post; an error page', () => {
    assert.equal(run('redirect-fragment-attached', redirectedTo(urlWith(REGISTERED, { code: CODE, state: STATE }, 'fragment'))).verdict, 'skip');
    assert.equal(run('redirect-fragment-attached', formPosted()).verdict, 'skip');
    assert.equal(run('redirect-fragment-attached', errorPage()).verdict, 'skip');
  });
});

describe('form-post-response-mode', () => {
  test('pass: the response POSTed to the registered URI', () => {
    assert.deepEqual(seen(run('form-post-response-mode', formPosted())), {
      verdict: 'pass', level: 'MAY', expected: 'a POST of the response to the registered redirect URI', actual: `POST to ${REGISTERED}`, message: 'holds',
    });
  });

  test('not done: the mode ignored (response in the query), or refused; a warning at SHOULD', () => {
    const params = authorizeParams({ response_mode: 'form_post' });
    const ignored = run('form-post-response-mode', authorization({ request: { url: authorizeUrl(params), params } }));
    assert.deepEqual([ignored.verdict, ignored.level, ignored.message], ['pass', 'MAY', 'optional (MAY) under this profile, not done: response_mode=form_post was not honoured: the response came in a URL']);
    assert.match(ignored.actual ?? '', /^GET redirect to the registered redirect URI .* with the response in the query$/);
    const refused = run('form-post-response-mode', errorPage({ request: { url: authorizeUrl(params), params } }), { level: 'SHOULD' });
    assert.deepEqual([refused.verdict, refused.message], ['warn', 'response_mode=form_post was refused']);
  });

  test('skip: a request without response_mode=form_post', () => {
    assert.equal(run('form-post-response-mode', authorization()).verdict, 'skip');
  });
});

describe('redirect-not-derived-from-host', () => {
  test('pass: a relative Location to the server\'s own login page', () => {
    const o = run('redirect-not-derived-from-host', hostProbe({ host: 'attacker.example' }, redirectResponse('/interaction/abc')));
    assert.deepEqual([o.verdict, o.level, o.expected, o.actual], ['pass', 'MAY', 'no redirect to, and no link to, attacker.example', '303, Location: /interaction/abc']);
  });

  test('breached (reported at MAY with a note; warn at SHOULD): the Location built from the Host header', () => {
    const e = hostProbe({ host: 'attacker.example' }, redirectResponse('https://attacker.example/interaction/abc'));
    const message = 'the authorization endpoint redirected to https://attacker.example/interaction/abc, a host taken from the host header (host: attacker.example)';
    assert.deepEqual([run('redirect-not-derived-from-host', e).verdict, run('redirect-not-derived-from-host', e).message], ['pass', `optional (MAY) under this profile, not done: ${message}`]);
    assert.deepEqual(vl(run('redirect-not-derived-from-host', e, { level: 'SHOULD' })), ['warn', 'SHOULD']);
  });

  test('breached: a page linking to the X-Forwarded-Host; Forwarded host= is read too', () => {
    const page = htmlResponse(200, '<form action="https://attacker.example/login" method="post"></form>');
    const o = run('redirect-not-derived-from-host', hostProbe({ 'X-Forwarded-Host': 'attacker.example' }, page), { level: 'SHOULD' });
    assert.deepEqual([o.verdict, o.message], ['warn', 'the page the authorization endpoint served links to //attacker.example, a host taken from the x-forwarded-host header']);
    const f = run('redirect-not-derived-from-host', hostProbe({ forwarded: 'for=1.2.3.4;host="attacker.example";proto=https' }, redirectResponse('https://attacker.example/x')), { level: 'SHOULD' });
    assert.equal(f.message, 'the authorization endpoint redirected to https://attacker.example/x, a host taken from the forwarded header (forwarded: attacker.example)');
  });

  test('skip: no other host named; the real host in Host is not an injection', () => {
    assert.equal(run('redirect-not-derived-from-host', hostProbe({}, redirectResponse('/x'))).verdict, 'skip');
    assert.equal(run('redirect-not-derived-from-host', hostProbe({ host: '127.0.0.1:4000' }, redirectResponse('/x'))).verdict, 'skip');
  });
});

test('variant fixtures carry their variant', () => {
  assert.equal(variantRequest('fragment').redirectUri?.variant, 'fragment');
});
