/**
 * The synchronized sender (src/drive/release-together.ts) against a real loopback server: every
 * request's headers and all but its last byte arrive first, then every last byte, within a few
 * milliseconds; a request that cannot connect is recorded as `failed`, and the others' answers are kept.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { releaseTogether } from '../../src/drive/release-together.js';
import type { HttpRequest } from '../../src/drive/http.js';

/**
 * A server in a process of its own (in this process it would share the event loop with the sender and
 * see the bytes late): each answer says when its request's headers and its last body byte arrived.
 */
const SERVER = `
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  const headers = performance.timeOrigin + performance.now();
  const chunks = [];
  req.on('data', (d) => chunks.push(d.length));
  req.on('end', () => {
    const complete = performance.timeOrigin + performance.now();
    res.writeHead(++n % 2 ? 200 : 500, { 'content-type': 'application/json' }).end(JSON.stringify({ headers, complete, chunks }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

describe('releaseTogether', () => {
  let server: ChildProcess;
  let url: string;

  before(async () => {
    server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
    url = `http://127.0.0.1:${port}/token`;
  });
  after(() => { server.kill(); });

  const request = (u = url): HttpRequest => ({ method: 'POST', url: u, form: [['grant_type', 'authorization_code'], ['code', 'abc']], timeout: 5000 });

  test('8 requests, 3 times: every header in before any body completes; the bodies complete together', async () => {
    for (let round = 0; round < 3; round++) {
      const { exchanges, primed } = await releaseTogether(Array.from({ length: 8 }, () => request()));
      assert.equal(primed, 8);
      const seen = exchanges.map((x) => x.response.json as { headers: number; complete: number; chunks: number[] });
      // The body arrives in two parts, all but the last byte before the release, the last byte with it
      // (or whole, when a loaded machine let the server read it only after the release).
      for (const s of seen) assert.ok(['37,1', '38'].includes(s.chunks.join()), `chunks ${s.chunks.join()}`);
      assert.ok(seen.some((s) => s.chunks.length === 2), 'the last byte was held back');
      const lastHeaders = Math.max(...seen.map((s) => s.headers));
      const completes = seen.map((s) => s.complete);
      assert.ok(Math.min(...completes) > lastHeaders, 'no body completed before every request had sent its headers');
      // Sub-millisecond on a quiet machine; the bound leaves room for a loaded one (the server process
      // waits for a core), and is still far below one request's round trip after another.
      const spread = Math.max(...completes) - Math.min(...completes);
      assert.ok(spread < 100, `bodies completed within ${spread.toFixed(1)} ms`);
      assert.deepEqual(exchanges.map((x) => x.response.status).sort(), [200, 200, 200, 200, 500, 500, 500, 500]);
    }
  });

  test('the request is recorded as sent', async () => {
    const { exchanges } = await releaseTogether([request(), request()]);
    assert.equal(exchanges[0].request.body, 'grant_type=authorization_code&code=abc');
    assert.deepEqual(exchanges[0].request.headers, { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' });
  });

  test('a request that cannot connect is evidence (failed, status 0); the others are answered', async () => {
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
