/**
 * No false alarm, no vacuous pass (issue 11, items 9, 10, 11, 18), where a real run is impractical:
 * - the scenario verdict from its checks (verdict.ts);
 * - preconditions the server refused, through executeScenario with back-channel steps against a small
 *   token endpoint on loopback that answers as the servers seen did (refresh refused for a public
 *   client, a server error, no rotation);
 * - a probe of the authorization endpoint asking as a browser does (a server that content-negotiates);
 * - checks on evidence fixtures: a denial that was no denial, the harness's own page in a frame, a server
 *   error instead of a refusal.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CheckOutcome } from '../../src/checks/types.js';
import { NO_SERVER_PAGE } from '../../src/checks/frame.js';
import type { FrameEvidence } from '../../src/evidence/types.js';
import { Redactor } from '../../src/evidence/redact.js';
import { HarnessError, NotApplicable } from '../../src/harness-error.js';
import { executeScenario } from '../../src/runner/execute.js';
import { scenarioVerdict } from '../../src/runner/verdict.js';
import { deriveFacts } from '../../src/scenario/facts.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { Profile } from '../../src/spec/levels.js';
import type { StepContext } from '../../src/steps/context.js';
import type { ResolvedTarget } from '../../src/target/resolve.js';
import { missingFrom } from '../../src/steps/precondition.js';
import { run, seen } from '../fixtures/evidence/judging.js';
import {
  CODE, ISSUER, REGISTERED, STATE, authorization, authorizationDenied, authorizeParams, authorizeUrl, callback, errorPage, tokenError,
} from '../fixtures/evidence/builders.js';

function outcome(over: Partial<CheckOutcome>): CheckOutcome {
  return { check: 'x', title: 'x', catalog: [], requirements: [], level: 'MUST', verdict: 'pass', message: 'holds', step: 0, ambient: false, ...over };
}

describe('the scenario verdict rests on its own checks (verdict.ts)', () => {
  test('only ambient checks held, its own all skipped: skip with the own check\'s reason, never pass', () => {
    const checks = [outcome({ check: 'token-response-no-store', ambient: true }), outcome({ check: 'refresh-token-rotated', verdict: 'skip', message: 'the refresh was refused: nothing to judge', step: 2 })];
    assert.deepEqual(scenarioVerdict({ checks }), { verdict: 'skip', reason: 'none of the scenario\'s own checks could judge: refresh-token-rotated: the refresh was refused: nothing to judge' });
  });

  test('a premise that failed half-way: skip, even after an own check held', () => {
    const checks = [outcome({ check: 'a' }), outcome({ check: 'b', verdict: 'skip', message: 'not run' })];
    assert.deepEqual(scenarioVerdict({ checks, notApplicable: 'step 3 is not applicable: why' }), { verdict: 'skip', reason: 'step 3 is not applicable: why' });
  });

  test('a premise that failed half-way after a breach: the finding stands, with its own reason', () => {
    const checks = [outcome({ check: 'a', verdict: 'fail', message: 'broken' }), outcome({ check: 'b', verdict: 'skip', message: 'not run' })];
    assert.deepEqual(scenarioVerdict({ checks, notApplicable: 'step 3 is not applicable: why' }), { verdict: 'fail', reason: 'a: broken' });
  });

  test('a harness error never becomes the target\'s fail; a breach seen before it stands with its own reason', () => {
    assert.deepEqual(scenarioVerdict({ checks: [outcome({})], error: { step: 1, message: 'the token endpoint failed\nmore' } }), { verdict: 'error', reason: 'step 2: the token endpoint failed' });
    const checks = [outcome({ check: 'code-race-single-success', verdict: 'fail', message: 'two requests got tokens' })];
    assert.deepEqual(scenarioVerdict({ checks, error: { step: 2, message: 'the token endpoint failed' } }), {
      verdict: 'fail', reason: 'code-race-single-success: two requests got tokens (then step 3: the token endpoint failed)',
    });
  });

  test('an ambient breach does not decide a scenario whose own checks all skipped; a crashed check is the harness\'s error', () => {
    const ownSkipped = outcome({ check: 'refresh-token-reuse-rejected', verdict: 'skip', message: 'nothing was replayed', step: 3 });
    assert.equal(scenarioVerdict({ checks: [outcome({ check: 'token-response-no-store', ambient: true, verdict: 'fail', message: 'no Cache-Control' }), ownSkipped] }).verdict, 'skip');
    assert.equal(scenarioVerdict({ checks: [outcome({ check: 'state-echoed', ambient: true, verdict: 'error', message: 'check state-echoed crashed: x' }), ownSkipped] }).verdict, 'error');
    assert.equal(scenarioVerdict({ checks: [outcome({ verdict: 'error', message: 'crashed' })], notApplicable: 'step 2 is not applicable: why' }).verdict, 'error');
  });

  test('no check at all is the scenario\'s own defect: error', () => {
    assert.equal(scenarioVerdict({ checks: [] }).verdict, 'error');
  });
});

/** A token endpoint on loopback: client_credentials issues a refresh token; a refresh answers as `mode` says. */
type Mode = 'refuse' | 'crash' | 'no-rotation';
let mode: Mode = 'refuse';
let lastAccept: string | undefined;
let introspectedWith: string | undefined;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const json = (status: number, o: unknown) => { res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }); res.end(JSON.stringify(o)); };
    if (req.url?.startsWith('/authorize')) {
      // Content negotiation, as some servers do: JSON for API clients, the error page for browsers.
      lastAccept = req.headers.accept;
      if (/text\/html/.test(req.headers.accept ?? '')) {
        res.writeHead(400, { 'content-type': 'text/html', 'referrer-policy': 'no-referrer' });
        res.end('<!DOCTYPE html><title>Error</title><p>invalid redirect_uri</p>');
      } else json(400, { error: 'invalid_request' });
      return;
    }
    const form = new URLSearchParams(body);
    if (req.url === '/introspect') {
      introspectedWith = req.headers.authorization;
      return json(200, { active: true, scope: 'openid', client_id: 'conf' });
    }
    if (form.get('grant_type') === 'client_credentials') return json(200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 300, refresh_token: 'rt-1', scope: 'openid' });
    if (mode === 'refuse') return json(401, { error: 'invalid_client', error_description: 'client authentication is required to refresh' });
    if (mode === 'crash') { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('oops'); return; }
    return json(200, { access_token: 'at-2', token_type: 'Bearer', expires_in: 300 });
  });
});
let base = '';
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

function loaded(steps: unknown[]): LoadedScenario {
  const s = { id: 'x', title: 'x', features: [], steps } as unknown as Scenario;
  return { scenario: s, file: 'suites/x.yaml', source: '', stepLines: s.steps.map((_, i) => 7 + 2 * i), facts: deriveFacts(s)! };
}

function runScenario(steps: unknown[], profile: Profile = 'rfc9700') {
  const target = {
    features: new Set(['refresh-token']),
    profile: { clients: {
      public: { id: 'pub', auth: 'none', redirect_uris: ['https://c.example/cb'] },
      confidential: { id: 'conf', secret: 'conf-secret', auth: 'client_secret_basic', redirect_uris: ['https://c.example/cb'] },
    } },
    endpoints: { issuer: base, authorization: `${base}/authorize`, token: `${base}/token`, metadata: { introspection_endpoint: `${base}/introspect` } },
  } as unknown as ResolvedTarget;
  return executeScenario(loaded(steps), { target, profile, page: () => { throw new Error('no browser here'); }, isHarnessHost: () => false, redactor: new Redactor() });
}

/** Tokens for the public client, one refresh with them, then one with what that refresh issued. */
const REFRESH_TWICE = [
  { id: 'first', grant: { type: 'client_credentials', client: 'public' } },
  { id: 'rotated', refresh: { token: 'first' }, expect: ['refresh-token-rotated'] },
  { refresh: { token: 'rotated' }, expect: ['refresh-token-family-revoked'] },
];

describe('a precondition the server refused or lacks is skip with its answer; the harness\'s trouble stays error', () => {
  test('the public client\'s refresh refused (client authentication required): skip quoting the answer, though ambient checks held', async () => {
    mode = 'refuse';
    const out = await runScenario(REFRESH_TWICE);
    assert.equal(out.verdict, 'skip');
    assert.equal(out.reason, 'step 3 is not applicable: it needs a refresh token from step 2, but the server refused that request: 401 error="invalid_client", '
      + 'error_description="client authentication is required to refresh"');
    assert.equal(out.error, undefined);
    assert.ok(out.ambient.some((c) => c.verdict === 'pass'), 'the ambient checks held on the first token response');
    assert.deepEqual(out.checks.map((c) => [c.check, c.verdict]), [['refresh-token-rotated', 'skip'], ['refresh-token-family-revoked', 'skip']]);
  });

  test('a server error at the precondition is the harness\'s error, never the target\'s fail', async () => {
    mode = 'crash';
    const out = await runScenario(REFRESH_TWICE);
    assert.equal(out.verdict, 'error');
    assert.match(out.reason ?? '', /^step 2: the token endpoint failed: POST .* answered 500/);
  });

  test('no rotation: under RFC 9700 the rotation rule\'s finding stands (not the "issued none" text); under RFC 6749 (MAY) the scenario skips', async () => {
    mode = 'no-rotation';
    const strict = await runScenario(REFRESH_TWICE, 'rfc9700');
    assert.equal(strict.verdict, 'fail');
    assert.match(strict.reason ?? '', /^refresh-token-rotated: the public client's refresh token was not rotated/);
    assert.equal(strict.error, undefined);
    const lax = await runScenario(REFRESH_TWICE, 'rfc6749');
    assert.equal(lax.verdict, 'skip');
    assert.equal(lax.reason, 'step 3 is not applicable: it needs a refresh token from step 2, but the server issued none there (200 with access_token, token_type, expires_in)');
  });

  test('a refresh asking for more scope answered without scope: introspection (as the client) confirms the scope, so no escalation is claimed', async () => {
    mode = 'no-rotation';
    const out = await runScenario([
      { id: 'first', grant: { type: 'client_credentials', client: 'confidential' } },
      { refresh: { token: 'first', scope: 'openid offline_access' }, expect: ['refresh-scope-not-escalated'] },
    ]);
    assert.equal(out.verdict, 'warn', out.reason);
    assert.match(introspectedWith ?? '', /^Basic /);
    const ev = out.evidence.find((e) => e.kind === 'token' && e.grant === 'refresh_token');
    assert.deepEqual(ev?.kind === 'token' && ev.grantedScope, { scope: 'openid', source: `introspection (${base}/introspect)` });
    assert.match(out.reason ?? '', /^refresh-scope-not-escalated: the extra scope offline_access was silently dropped instead of refused with invalid_scope, and the response omits scope/);
  });

  test('an error-page probe asks as a browser, so it judges the HTML page a user sees', async () => {
    const out = await runScenario([{ probe: { endpoint: 'authorization', purpose: 'error page', params: { response_type: 'code' } }, expect: ['referrer-policy-set'] }]);
    assert.match(lastAccept ?? '', /^text\/html/);
    assert.equal(out.verdict, 'pass', out.reason);
    assert.equal(out.checks[0].actual, 'Referrer-Policy: no-referrer');
  });

  test('a scenario\'s own Accept wins, whatever its case, and is the only one sent', async () => {
    await runScenario([{ probe: { endpoint: 'authorization', purpose: 'error page', headers: { Accept: 'application/xml' } }, expect: ['referrer-policy-set'] }]);
    assert.equal(lastAccept, 'application/xml');
  });
});

describe('an authorization the server refused, as a precondition', () => {
  const ctxWith = (ev: ReturnType<typeof authorization>): StepContext => ({ index: 1, evidence: [ev] } as unknown as StepContext);
  const refused = authorization({ outcome: { type: 'redirect', url: callback({ error: 'invalid_request', error_description: 'PKCE is required', state: STATE, iss: ISSUER }), base: REGISTERED, target: 'registered', query: { error: ['invalid_request'], error_description: ['PKCE is required'] }, fragment: {} } });

  test('a deliberate request refused with an OAuth error: not applicable, quoting the error', () => {
    const e = missingFrom(ctxWith(refused), 0, 'an authorization code');
    assert.ok(e instanceof NotApplicable);
    assert.equal(e.message, 'it needs an authorization code from step 1, but the server refused that authorization request: error="invalid_request", error_description="PKCE is required"');
  });

  test('the profile\'s own plain request refused: the harness\'s error (the profile or the server is wrong), with the hint', () => {
    const e = missingFrom(ctxWith(refused), 0, 'an authorization code', { plain: true });
    assert.ok(e instanceof HarnessError);
    assert.equal(e.hint, 'check the client (id, credentials, redirect URI) and the scope in the target profile');
  });

  test('a refusal of the profile\'s own code redemption is the harness\'s error; of a refresh, the server\'s answer', () => {
    const refusedRedemption = tokenError('invalid_client', { step: 0 });
    const ctx = { index: 1, evidence: [refusedRedemption] } as unknown as StepContext;
    const plain = missingFrom(ctx, 0, 'a refresh token', { plain: true });
    assert.ok(plain instanceof HarnessError);
    assert.match(plain.message, /^step 2 needs a refresh token from step 1, but the server refused that request: 400 error="invalid_client", error_description="invalid_client \(from the fixture\)", though it was the profile's own valid request$/);
    assert.match(plain.hint ?? '', /check the client \(id, credentials, redirect URI\)/);
    assert.ok(missingFrom(ctx, 0, 'a refresh token') instanceof NotApplicable);
  });

  test('a 4xx error page for a deliberate request is a refusal; a 5xx page is not', () => {
    assert.ok(missingFrom(ctxWith(errorPage()), 0, 'an authorization code') instanceof NotApplicable);
    const crashed = errorPage({ outcome: { type: 'error-page', url: `${ISSUER}/auth`, status: 500, title: '', text: '' } });
    assert.ok(missingFrom(ctxWith(crashed), 0, 'an authorization code') instanceof HarnessError);
  });
});

describe('item 9 and 18: rules about the error response judge only an error response', () => {
  // Deny steps ran, and the server still issued a code.
  const codeDespiteDenial = authorization({ consent: 'deny', denied: true });

  for (const id of ['state-echoed', 'iss-in-authorization-response']) {
    test(`${id}: a success response to a denied request is not judged (skip, naming what came); a real error response is`, () => {
      const o = run(id, codeDespiteDenial);
      assert.equal(o.verdict, 'skip');
      assert.equal(o.message, 'the user denied consent, yet no error response came (a success response with code): authorization-error-well-formed judges that');
      assert.equal(run(id, authorizationDenied({ denied: true })).verdict, 'pass');
    });
  }

  test('authorization-error-well-formed: a code after a real denial fails; a code where nothing was denied is not a denial', () => {
    assert.equal(run('authorization-error-well-formed', codeDespiteDenial).verdict, 'fail');
    assert.equal(run('authorization-error-well-formed', authorization({ consent: 'deny', denied: false })).verdict, 'skip');
  });
});

describe('item 18: an empty or failing page is no refusal to credit', () => {
  const failing = (status: number, title = '', text = '') => errorPage({ outcome: { type: 'error-page', url: `${ISSUER}/auth`, status, title, text } });

  test('redirect-uri-rejected: an empty 500 is lenient (warn), never a clean pass', () => {
    const o = run('redirect-uri-rejected', failing(500));
    assert.deepEqual([o.verdict, o.level], ['warn', 'SHOULD']);
    assert.equal(o.message, 'the server failed (HTTP 500) instead of refusing: nothing was issued and no redirect made, but a server error is no refusal the harness can credit '
      + '(RFC 6749 §4.1.2.1 asks for an error response, or an error shown to the user)');
    assert.equal(run('redirect-uri-rejected', failing(503, 'Service Unavailable', 'try later')).verdict, 'warn');
  });

  test('redirect-uri-rejected: an empty 400 page tells the user nothing: lenient; an error page that says something passes', () => {
    const o = run('redirect-uri-rejected', failing(400));
    assert.deepEqual([o.verdict, o.message], ['warn',
      'the server answered with an empty page (HTTP 400): nothing was issued and no redirect made, but nobody was told of an error (RFC 6749 §4.1.2.1 asks for an error response, or an error shown to the user)']);
    assert.equal(run('redirect-uri-rejected', errorPage()).verdict, 'pass');
  });

  test('the other refusal checks credit no server error either: pkce-plain-refused on a 500 is lenient; on an error page that says something, passes', () => {
    const params = authorizeParams({ code_challenge_method: 'plain' });
    const plain = (status: number, title: string, text: string) => errorPage({ request: { url: authorizeUrl(params), params }, outcome: { type: 'error-page', url: `${ISSUER}/auth`, status, title, text } });
    assert.deepEqual([run('pkce-plain-refused', plain(500, '', '')).verdict, run('pkce-plain-refused', plain(500, '', '')).level], ['warn', 'SHOULD']);
    assert.equal(run('pkce-plain-refused', plain(400, 'Error', 'unsupported code_challenge_method')).verdict, 'pass');
  });

  test('redirect-uri-required: the same', () => {
    const noRedirectUri = (over: Parameters<typeof errorPage>[0]) => {
      const e = errorPage(over);
      const { redirect_uri: _, ...params } = e.request.params;
      return { ...e, request: { ...e.request, params }, redirectUri: undefined };
    };
    assert.equal(run('redirect-uri-required', noRedirectUri({ outcome: { type: 'error-page', url: `${ISSUER}/auth`, status: 500, title: '', text: '' } })).verdict, 'warn');
    assert.equal(run('redirect-uri-required', noRedirectUri({})).verdict, 'pass');
  });
});

describe('item 10: page checks judge pages of the server only', () => {
  const framed = (over: Partial<FrameEvidence>): FrameEvidence => ({
    kind: 'frame', step: 0, url: `${ISSUER}/auth?client_id=c`, rendered: true, frameUrl: `${ISSUER}/interaction/abc`, headers: {}, ...over,
  });
  const atStub = framed({ frameUrl: `${REGISTERED}?code=${CODE}&state=${STATE}`, atHarness: true });

  for (const [id, breach] of [['clickjacking-prevented', 'fail'], ['csp-frame-ancestors', 'warn']]) {
    test(`${id}: the frame ended on the harness's own stub (no page of the server): skip, saying so; the server's page rendered unguarded: ${breach}`, () => {
      assert.deepEqual(seen(run(id, atStub)), { verdict: 'skip', level: run(id, atStub).level, expected: undefined, actual: undefined, message: NO_SERVER_PAGE });
      assert.equal(run(id, framed({})).verdict, breach);
    });
  }
});
