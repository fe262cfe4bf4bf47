/**
 * Requests released together by last-byte synchronization (the technique behind the "single-packet
 * attack"): each request gets a connection of its own, sends its headers and all but the last byte of
 * its body, and waits; once every request has flushed that much, the last bytes go out at once. The
 * server then sees N complete requests within well under a millisecond, whatever the connection setup
 * cost, so a race window of a few milliseconds is hit every time.
 * A request that fails is evidence (`failed`, status 0), never a reason to drop the others' answers.
 */
import type { Readable } from 'node:stream';
import { Client } from 'undici';
import type { RaceExchange } from '../evidence/types.js';
import { connectOptions, exchangeOf, prepared, readCapped, transportError, type HttpRequest } from './http.js';

/** Time between the last request flushing its first part and the release: the kernel delivers it meanwhile. */
const SETTLE_MS = 10;

export interface Released {
  exchanges: RaceExchange[];
  /** How many requests had flushed all but their last byte when the barrier opened (all of them, unless one failed or hung). */
  primed: number;
}

export async function releaseTogether(reqs: HttpRequest[]): Promise<Released> {
  let open!: () => void;
  const barrier = new Promise<void>((resolve) => { open = resolve; });
  let primed = 0;
  let settled = 0;
  let allSettled!: () => void;
  const everyoneReady = new Promise<void>((resolve) => { allSettled = resolve; });
  // Called once per request: flushed (primed) or failed before that.
  const ready = (flushed: boolean) => {
    if (flushed) primed++;
    if (++settled === reqs.length) allSettled();
  };

  const clients = reqs.map((r) => new Client(new URL(r.url).origin, { connect: connectOptions(), pipelining: 1 }));
  try {
    const answers = reqs.map((r, i) => sendHeld(clients[i], r, barrier, ready));
    const deadline = Math.max(...reqs.map((r) => r.timeout));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([everyoneReady, new Promise((resolve) => { timer = setTimeout(resolve, deadline); })]);
    clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    open();
    return { exchanges: await Promise.all(answers), primed };
  } finally {
    await Promise.all(clients.map((c) => c.destroy().catch(() => {})));
  }
}

/** One request whose last body byte waits for the barrier. */
async function sendHeld(client: Client, r: HttpRequest, barrier: Promise<void>, ready: (flushed: boolean) => void): Promise<RaceExchange> {
  const { url, headers, body } = prepared(r);
  const bytes = Buffer.from(body ?? '', 'utf8');
  let signalled = false;
  const signal = (flushed: boolean) => { if (!signalled) { signalled = true; ready(flushed); } };
  async function* held() {
    yield bytes.subarray(0, bytes.length - 1);
    // undici asks for the next chunk only once it has written this one to the socket.
    signal(true);
    await barrier;
    yield bytes.subarray(bytes.length - 1);
  }
  const u = new URL(url);
  const started = Date.now();
  const recorded = { method: r.method, url, headers, body };
  try {
    if (bytes.length < 2) signal(true); // nothing to hold back: sent whole, on release
    if (bytes.length < 2) await barrier;
    const res = await client.request({
      path: `${u.pathname}${u.search}`,
      method: r.method,
      headers: { ...headers, host: u.host, ...(bytes.length ? { 'content-length': String(bytes.length) } : {}) },
      // undici writes an async iterable chunk by chunk (its types list only streams).
      body: bytes.length >= 2 ? held() as unknown as Readable : bytes.length ? bytes : undefined,
      headersTimeout: r.timeout,
      bodyTimeout: r.timeout,
      signal: AbortSignal.timeout(r.timeout),
    });
    const text = await readCapped(res.body);
    return exchangeOf(recorded, res.statusCode, res.headers, text, started);
  } catch (err) {
    signal(false);
    const failed = transportError(`${r.method} ${url.split('?')[0]}`, err, r.timeout).message;
    return { request: recorded, response: { status: 0, headers: {}, body: '' }, durationMs: Date.now() - started, failed };
  }
}
