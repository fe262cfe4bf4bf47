/**
 * Verdicts that hold on servers configured otherwise than the embedded default (issue 11, items 9, 11,
 * 18): each test reproduces a server behaviour with a configuration or flaw of the embedded server, run
 * through the real harness (server, stub, Chromium), and asserts the exact verdicts: no false `fail`, no
 * `error`, no vacuous `pass`, and the reason naming what the server did.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startEmbeddedServer, type FlawName } from '../../fixtures/servers/embedded/index.js';
import { ROOT } from '../../src/runner/env.js';
import type { ScenarioOutcome } from '../../src/runner/execute.js';
import { NO_SERVER_PAGE } from '../../src/checks/frame.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { authMethod } from '../../src/target/auth-methods.js';
import { breaches, defaultScenarios, loadProfile, startRig, type StartServer } from './harness.js';

const profileOf = (name: string): TargetProfile => loadProfile(path.join(ROOT, 'fixtures/targets', `${name}.yaml`));
const ALL = defaultScenarios();
const pick = (ids: string[]) => ids.map((id) => {
  const s = ALL.find((x) => x.scenario.id === id);
  assert.ok(s, `no scenario ${id}`);
  return s;
});

async function runOn(profile: TargetProfile, ids: string[], o: { flaws?: FlawName[]; start?: StartServer; judged?: 'rfc6749' | 'rfc9700' } = {}): Promise<Map<string, ScenarioOutcome>> {
  const rig = await startRig({ profile, flaws: o.flaws, start: o.start });
  try {
    return await rig.run(pick(ids), o.judged ?? 'rfc9700');
  } finally {
    await rig.close();
  }
}

const verdicts = (m: Map<string, ScenarioOutcome>) => Object.fromEntries([...m].map(([id, o]) => [id, o.verdict]));
const show = (m: Map<string, ScenarioOutcome>) => JSON.stringify([...m].map(([id, o]) => [id, o.verdict, o.reason]), null, 1);
const all = (ids: string[], verdict: string) => Object.fromEntries(ids.map((id) => [id, verdict]));

/** The scenarios whose user denies consent. */
const DENIALS = ['authorization-error-access-denied', 'state-echoed-on-access-denied', 'iss-in-error-response'];

describe('item 9: a denial is judged only when deny steps ran on a consent page', () => {
  test('control: with a consent page and deny steps, the denial scenarios pass', async () => {
    const out = await runOn(profileOf('embedded'), DENIALS);
    assert.deepEqual(verdicts(out), all(DENIALS, 'pass'), show(out));
    const auth = out.get('authorization-error-access-denied')!.evidence.find((e) => e.kind === 'authorization');
    assert.ok(auth?.kind === 'authorization' && auth.denied === true, 'the evidence records that deny steps ran');
  });

  test('a server that approves on login (no consent page), with a profile that can deny: skip, "no consent page was shown"', async () => {
    const profile = profileOf('embedded-no-consent');
    // The profile a user copies from the default one: a consent rule with deny steps that never gets a page.
    const withConsentRule = { ...profile, interaction: [...profile.interaction, ...profileOf('embedded').interaction.filter((r) => r.name === 'consent')] };
    const out = await runOn(withConsentRule, DENIALS);
    assert.deepEqual(verdicts(out), all(DENIALS, 'skip'), show(out));
    for (const o of out.values()) {
      assert.match(o.reason ?? '', /^step \d+ is not applicable: no consent page was shown to deny \(only login ran: the server approved on login, or remembered an earlier consent; the flow ended with a redirect to the registered redirect URI with code\)$/, show(out));
      assert.equal(breaches(o).length, 0);
      // What happened is kept as evidence, and says nothing was denied.
      const auth = o.evidence.find((e) => e.kind === 'authorization');
      assert.ok(auth?.kind === 'authorization' && auth.denied === false && auth.interactions.join() === 'login', show(out));
    }
  });

  test('embedded-no-consent as it is (no deny steps anywhere): skip, naming the missing deny steps', async () => {
    const out = await runOn(profileOf('embedded-no-consent'), DENIALS);
    assert.deepEqual(verdicts(out), all(DENIALS, 'skip'), show(out));
    for (const o of out.values()) assert.match(o.reason ?? '', /nothing was denied: no interaction rule of the profile has `deny` steps \(login ran, approving any consent page;/, show(out));
  });

  test('a consent page no rule knows, in a scenario expecting a refusal: the profile\'s error (with the hint), never a skip or a verdict', async () => {
    const profile = profileOf('embedded');
    const blind = { ...profile, interaction: profile.interaction.map((r) => (r.name === 'consent' ? { ...r, when: { role: 'button', name: 'No such button' } } : r)), timeouts: { action: 2000, flow: 30000, http: 10000 } };
    const out = await runOn(blind, ['authorization-error-access-denied']);
    const o = out.get('authorization-error-access-denied')!;
    assert.equal(o.verdict, 'error', show(out));
    assert.match(o.reason ?? '', /the user was to deny consent, but the flow stopped on http:\/\/127\.0\.0\.1:\d+\/interaction\/\S+ \(after login\), a page no interaction rule matched/);
    assert.match(o.error?.hint ?? '', /add or fix the consent rule/);
  });

  test('a consent page, but a profile without deny steps (the approve steps ran instead): skip, not fail', async () => {
    const profile = profileOf('embedded');
    const noDeny = { ...profile, interaction: profile.interaction.map(({ deny: _deny, ...rule }) => rule) };
    const out = await runOn(noDeny, DENIALS);
    assert.deepEqual(verdicts(out), all(DENIALS, 'skip'), show(out));
    for (const o of out.values()) assert.match(o.reason ?? '', /no interaction rule of the profile has `deny` steps \(login → consent ran, approving any consent page;/, show(out));
  });
});

/** The public client's refresh scenarios, and a confidential one beside them. */
const PUBLIC_REFRESH = ['refresh-token-rotated', 'refresh-token-reuse-detected', 'refresh-token-race'];

describe('item 11: a precondition the server legitimately lacks is skip with its answer', () => {
  /** The default profile's server, with refresh tokens for the public client as `publicRefreshTokens` says. */
  const publicRefresh = (publicRefreshTokens: false | 'refused'): StartServer => (p) => startEmbeddedServer({
    clients: Object.values(p.clients).map((c) => ({ id: c.id, secret: c.secret, auth: authMethod(c), redirect_uris: c.redirect_uris })),
    users: [p.user!],
    publicRefreshTokens,
  });
  const confidentialOnly = publicRefresh(false);

  test('the public client\'s refresh refused (client authentication required): skip quoting the answer, no error, no vacuous pass', async () => {
    const ids = ['refresh-token-rotated', 'refresh-token-reuse-detected', 'refresh-scope-unchanged'];
    const out = await runOn(profileOf('embedded'), ids, { start: publicRefresh('refused') });
    assert.deepEqual(verdicts(out), { 'refresh-token-rotated': 'skip', 'refresh-token-reuse-detected': 'skip', 'refresh-scope-unchanged': 'pass' }, show(out));
    assert.equal(out.get('refresh-token-rotated')!.reason,
      'none of the scenario\'s own checks could judge: refresh-token-rotated: the refresh was refused (400 error=invalid_request): nothing to judge');
    assert.match(out.get('refresh-token-reuse-detected')!.reason ?? '',
      /^step 5 is not applicable: it needs a refresh token from step 3, but the server refused that request: 400 error="invalid_request", error_description="[^"]+"$/);
  });

  test('no refresh token for the public client: its refresh scenarios skip quoting the answer; the confidential one still passes', async () => {
    const out = await runOn(profileOf('embedded'), [...PUBLIC_REFRESH, 'refresh-scope-unchanged'], { start: confidentialOnly });
    assert.deepEqual(verdicts(out), { ...all(PUBLIC_REFRESH, 'skip'), 'refresh-scope-unchanged': 'pass' }, show(out));
    for (const id of PUBLIC_REFRESH) {
      assert.match(out.get(id)!.reason ?? '', /^step 3 is not applicable: it needs a refresh token from step 2, but the server issued none there \(200 with access_token, expires_in, id_token, scope, token_type\)$/, show(out));
      assert.equal(out.get(id)!.error, undefined);
    }
  });

  for (const judged of ['rfc6749', 'rfc9700'] as const) {
    test(`a server that does not rotate: the reuse scenario skips under ${judged} (no error, no fail); rotation is judged by its own scenario`, async () => {
      const out = await runOn(profileOf('embedded'), ['refresh-token-reuse-detected', 'refresh-token-rotated'], { flaws: ['refresh-token-not-rotated'], judged });
      assert.deepEqual(verdicts(out), { 'refresh-token-reuse-detected': 'skip', 'refresh-token-rotated': judged === 'rfc6749' ? 'pass' : 'fail' }, show(out));
      assert.match(out.get('refresh-token-reuse-detected')!.reason ?? '', /had not been rotated by an earlier refresh: nothing was replayed/, show(out));
    });
  }
});

describe('item 18: refresh-scope-not-escalated confirms an escalation before calling it one', () => {
  test('extra scope silently dropped and scope omitted: lenient (warn), introspection confirming the original scope', async () => {
    const out = await runOn(profileOf('embedded'), ['refresh-scope-not-escalated'], { flaws: ['refresh-scope-dropped-silently'] });
    const o = out.get('refresh-scope-not-escalated')!;
    assert.equal(o.verdict, 'warn', show(out));
    assert.deepEqual(breaches(o), ['refresh-scope-not-escalated:warn']);
    const c = o.checks.find((x) => x.check === 'refresh-scope-not-escalated')!;
    assert.match(c.actual ?? '', /no scope member; the token carries "openid" according to introspection/);
    assert.match(c.message, /silently dropped instead of refused with invalid_scope, and the response omits scope, which RFC 6749 §5\.1 requires/);
  });

  test('negative control: a real escalation still fails', async () => {
    const out = await runOn(profileOf('embedded'), ['refresh-scope-not-escalated'], { flaws: ['refresh-scope-escalation'] });
    assert.deepEqual(breaches(out.get('refresh-scope-not-escalated')!), ['refresh-scope-not-escalated:fail'], show(out));
  });
});

describe('item 10: page checks judge pages of the server only', () => {
  /**
   * A server with no page at all (an auto-approving development server): its authorization endpoint
   * answers every request at once with a redirect to the redirect URI, with a code. Purpose-built: the
   * embedded server always shows a page to a first-time visitor, and a frame never carries its session.
   */
  const noPages: StartServer = async () => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/.well-known/oauth-authorization-server') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, response_types_supported: ['code'] }));
      } else if (url.pathname === '/authorize' && url.searchParams.get('redirect_uri')) {
        const to = new URL(url.searchParams.get('redirect_uri')!);
        to.searchParams.set('code', randomBytes(16).toString('base64url'));
        const state = url.searchParams.get('state');
        if (state) to.searchParams.set('state', state);
        res.writeHead(302, { location: to.toString() }).end();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { issuer, close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }) };
  };

  test('a framed request that redirects straight to the redirect URI: the harness\'s stub page is not judged (skip, saying so)', async () => {
    const { embedded: _, known_deviations: __, ...profile } = profileOf('embedded');
    const pageless = { ...profile, features: ['authorization-code'], interaction: [] } as TargetProfile;
    const ids = ['authorization-page-not-framable', 'no-third-party-subresources'];
    const out = await runOn(pageless, ids, { start: noPages });
    assert.deepEqual(verdicts(out), all(ids, 'skip'), show(out));
    const frame = out.get('authorization-page-not-framable')!;
    assert.deepEqual(frame.checks.map((c) => [c.check, c.verdict, c.message]), [
      ['clickjacking-prevented', 'skip', NO_SERVER_PAGE], ['csp-frame-ancestors', 'skip', NO_SERVER_PAGE],
    ]);
    const ev = frame.evidence.find((e) => e.kind === 'frame');
    // The stub's page did render in the attacker's frame: judged as the server's, it would have been a false fail.
    assert.ok(ev?.kind === 'frame' && ev.atHarness === true && ev.rendered, show(out));
    assert.match(out.get('no-third-party-subresources')!.reason ?? '', /never showed a page of the server/);
  });
});
