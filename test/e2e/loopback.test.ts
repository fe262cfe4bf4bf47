/**
 * Loopback redirect URIs (issue 11 item 14): the embedded server with every client registered on
 * http://127.0.0.1:PORT/… or http://localhost:PORT/… (fixtures/targets/embedded-loopback.yaml). The whole
 * default suite runs without a harness error while a developer's client app listens on the port (it would
 * get, and could redeem, the codes): the browser answers those URIs itself (src/drive/loopback.ts), and
 * the app sees nothing. With nothing listening (Chromium would leave a late error page behind), the
 * scenarios that play with the redirect URI itself: any request that escaped the browser would have
 * reached the listening app in the first run, so a second whole suite would only repeat it.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../../src/runner/env.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { isHarnessHostOf } from '../../src/target/resolve.js';
import { defaultScenarios, loadProfile, startRig } from './harness.js';

const PROFILE = path.join(ROOT, 'fixtures/targets/embedded-loopback.yaml');

/** A free loopback port; with `listen`, an app stays there and records what reaches it. */
async function clientApp(listen: boolean): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const app = http.createServer((req, res) => { hits.push(req.url ?? ''); res.end('<!doctype html><title>my app</title>signed in'); });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const port = (app.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => { app.closeAllConnections(); app.close(() => resolve()); });
  if (!listen) await close();
  return { port, hits, close: listen ? close : async () => undefined };
}

/** Nothing listening: the redirect URI and authorization response sections, PAR, and the flows asserted below. */
const PASSING = ['code-flow-no-tokens-in-urls', 'public-client-pkce-flow', 'state-echoed-special-characters', 'iss-in-success-response', 'iss-in-error-response'];
const NOTHING_LISTENING = (s: LoadedScenario) => /\/(redirect-uri|authorization-response|rfc9126|rfc9207)\//.test(s.file) || PASSING.includes(s.scenario.id);

async function fullRun(listen: boolean) {
  const app = await clientApp(listen);
  const saved = process.env.OC_LOOPBACK_PORT;
  process.env.OC_LOOPBACK_PORT = String(app.port);
  try {
    const rig = await startRig({ profile: loadProfile(PROFILE) });
    try {
      return { results: await rig.run(defaultScenarios().filter((s) => listen || NOTHING_LISTENING(s)), 'rfc9700', 2), hits: app.hits };
    } finally {
      await rig.close();
    }
  } finally {
    if (saved === undefined) delete process.env.OC_LOOPBACK_PORT;
    else process.env.OC_LOOPBACK_PORT = saved;
    await app.close();
  }
}

describe('loopback redirect URIs', () => {
  for (const listen of [false, true]) {
    test(`${listen ? 'the default suite, a client app listening on the port' : 'the redirect URI scenarios, nothing listening on the port'}: no error, no failure, the app never reached`, async () => {
      const { results, hits } = await fullRun(listen);
      assert.ok(results.size >= (listen ? 250 : 60), `${results.size} scenarios ran`);
      const troubled = [...results].filter(([, o]) => o.verdict === 'error' || o.verdict === 'fail').map(([id, o]) => `${id}: ${o.verdict}: ${o.reason}`);
      assert.deepEqual(troubled, []);
      assert.deepEqual(hits, [], 'no request reached the port: the browser answered it');
      for (const id of PASSING) {
        assert.equal(results.get(id)?.verdict, 'pass', `${id}: ${results.get(id)?.reason}`);
      }
    });
  }

  test('which hosts are the harness\'s: a loopback host and port that is not the target\'s, any port (RFC 8252 §7.3)', () => {
    const is = isHarnessHostOf(['client.oauth-conformance.test'], { targetAuthorities: ['127.0.0.1:4000'] });
    assert.equal(is('127.0.0.1:9999'), true);
    assert.equal(is('localhost:9999'), true);
    assert.equal(is('[::1]:8080'), true);
    assert.equal(is('127.0.0.1'), true, 'port 80: the RU-13 variants');
    assert.equal(is('127.0.0.1:4000'), false, 'the target itself');
    assert.equal(is('client.oauth-conformance.test'), true);
    assert.equal(is('client.oauth-conformance.test:8443'), true, 'a host name, whatever the port');
    assert.equal(is('example.com'), false);
    const hostMapped = isHarnessHostOf(['client.oauth-conformance.test']);
    assert.equal(hostMapped('127.0.0.1:9999'), false, 'without loopback redirect URIs, loopback is not the harness\'s');
  });
});
