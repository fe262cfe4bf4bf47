/**
 * The synchronized sender (src/drive/release-together.ts) against a real loopback server: every
 * request arrives complete only once all are primed, within a millisecond or so of each other; a
 * request that cannot connect is recorded as `failed`, and the others' answers are kept.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { releaseTogether } from '../../src/drive/release-together.js';
import type { HttpRequest } from '../../src/drive/http.js';

describe('releaseTogether', () => {
  let server: http.Server;
  let url: string;
  /** When each request's headers and its complete body arrived (ms, hrtime). */
  const seen: { headers: number; complete: number; body: string }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const headers = performance.now();
      let body = '';
      req.on('data', (d: Buffer) => { body += d; });
      req.on('end', () => {
        seen.push({ headers, complete: performance.now(), body });
        res.writeHead(seen.length % 2 ? 200 : 500, { 'content-type': 'application/json' }).end(JSON.stringify({ n: seen.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (u = url): HttpRequest => ({ method: 'POST', url: u, form: [['grant_type', 'authorization_code'], ['code', 'abc']], timeout: 5000 });

  test('8 requests: all headers in before any body completes; the bodies complete together', async () => {
    seen.length = 0;
    const { exchanges, primed } = await releaseTogether(Array.from({ length: 8 }, () => request()));
    assert.equal(primed, 8);
    assert.equal(seen.length, 8);
    for (const s of seen) assert.equal(s.body, 'grant_type=authorization_code&code=abc');
    const lastHeaders = Math.max(...seen.map((s) => s.headers));
    const completes = seen.map((s) => s.complete);
    assert.ok(Math.min(...completes) > lastHeaders, 'no body completed before every request had sent its headers');
    const spread = Math.max(...completes) - Math.min(...completes);
    assert.ok(spread < 15, `bodies completed within ${spread.toFixed(1)} ms`);
    assert.deepEqual(exchanges.map((x) => x.response.status).sort(), [200, 200, 200, 200, 500, 500, 500, 500]);
    assert.equal(exchanges[0].request.body, 'grant_type=authorization_code&code=abc');
    assert.equal(exchanges[0].request.headers['content-type'], 'application/x-www-form-urlencoded');
  });

  test('a request that cannot connect is evidence (failed, status 0); the others are answered', async () => {
    seen.length = 0;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/token`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { exchanges, primed } = await releaseTogether([request(), request(dead), request()]);
    assert.equal(primed, 2);
    assert.equal(exchanges[1].response.status, 0);
    assert.match(exchanges[1].failed!, /ECONNREFUSED/);
    assert.deepEqual([exchanges[0], exchanges[2]].map((x) => [x.failed, x.response.status > 0]), [[undefined, true], [undefined, true]]);
  });
});
