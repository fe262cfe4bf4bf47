/**
 * The hard fixture server, driven by fixtures/targets/hard.yaml through a real Chromium: every hard
 * page (two-step JavaScript sign-in, CSRF tokens, checkbox consent with an occasional notice, the
 * iframe path, an established session) to tokens; a wrong locator is the harness's `error`, named, in
 * its timeout; and a server whose token errors are not RFC 6749 JSON is judged fairly.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startHardServer, type HardServer, type TokenErrorStyle } from '../../fixtures/servers/hard/index.js';
import type { AuthorizationEvidence } from '../../src/evidence/types.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { ROOT } from '../../src/runner/env.js';
import { loadScenarios, type LoadedScenario } from '../../src/scenario/load.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { breaches, loadProfile, startRig, type Rig } from './harness.js';

const HARD_PROFILE = path.join(ROOT, 'fixtures/targets/hard.yaml');

function scenarios(...files: string[]): LoadedScenario[] {
  const { scenarios: found, errors } = loadScenarios(files.map((f) => path.join(ROOT, f)), { knownChecks: CHECK_IDS });
  assert.deepEqual(errors, []);
  return found;
}

/** A rig on a fresh hard server; `server` is that server, for what only it can tell (who signed in). */
async function hardRig(profile: TargetProfile, tokenErrors?: TokenErrorStyle): Promise<{ rig: Rig; server: () => HardServer }> {
  let server: HardServer | undefined;
  const rig = await startRig({
    profile,
    start: async (p) => (server = await startHardServer({
      clients: Object.entries(p.clients).map(([key, c]) => ({ id: c.id, secret: c.secret, auth: c.auth as 'client_secret_basic' | 'none', redirect_uris: c.redirect_uris, iframeLogin: key === 'second' })),
      users: [p.user, ...(p.user2 ? [p.user2] : [])],
      tokenErrors,
    })),
  });
  return { rig, server: () => server! };
}

function authorizations(o: { evidence: { kind: string }[] }): AuthorizationEvidence[] {
  return o.evidence.filter((e): e is AuthorizationEvidence => e.kind === 'authorization');
}

describe('hard server, happy flow', () => {
  const profile = loadProfile(HARD_PROFILE);
  let hard: Awaited<ReturnType<typeof hardRig>>;
  before(async () => { hard = await hardRig(profile); });
  after(() => hard?.rig.close());

  test('two-step JS sign-in, CSRF, checkbox consent, established session, iframe path: all to tokens', async () => {
    const results = await hard.rig.run(scenarios('test/fixtures/hard-flows', 'suites/rfc7636/public-client-pkce-flow.yaml'));
    for (const [id, o] of results) assert.equal(o.verdict, 'pass', `${id}: ${o.reason}`);

    const session = authorizations(results.get('hard-session-flow')!);
    assert.deepEqual(session.map((a) => a.interactions), [['identifier', 'passphrase', 'consent'], ['consent']], 'the second authorization reuses the session: no sign-in page');
    assert.deepEqual(authorizations(results.get('hard-partner-flow')!)[0].interactions, ['partner-login', 'consent']);
    assert.deepEqual([...hard.server().logins].sort(), ['bob', 'bob', 'bob'], 'three browsers signed in, once each');

    // Request shaping from the profile: its authorization_params on every request, {{random}} fresh each time.
    const params = session.map((a) => a.request.params);
    assert.equal(params[0].audience, 'https://api.hard.test');
    assert.match(params[0].nonce, /^[\w-]{20,}$/);
    assert.notEqual(params[0].nonce, params[1].nonce);
    assert.equal(params[0].scope, 'read write');
  });
});
