/**
 * Guards a browser page the target's content is loaded into, from the DevTools protocol (its own
 * session, so Playwright's routing is untouched):
 *  - origins: every request of the page — navigations, each redirect hop, frames, subresources — is
 *    paused (Fetch domain) and goes on only to an origin the profile names or a harness host; any other
 *    origin or scheme fails with ERR_BLOCKED_BY_CLIENT and is recorded. The resolver rules already make
 *    unnamed hosts unresolvable; this also covers other ports of a named host (an internal loopback service).
 *  - bytes: each response is counted as the renderer receives it, decoded (a gzip bomb counts at its
 *    inflated size); one beyond MAX_RESPONSE_BYTES, or a page whose responses pass MAX_PAGE_BYTES, has
 *    the page closed at once, which frees its renderer: the violation names the page and the limit.
 *  - time: `withinFlow` closes the page when a flow outlives its timeout (a page whose script never
 *    yields would otherwise hang every evaluate, wait and screenshot).
 * Popups are closed and service workers blocked (GUARDED_CONTEXT): no flow needs one, and they would
 * escape the guard; WebSockets to other origins are closed before they connect.
 */
import type { Page } from 'playwright';
import { HarnessError } from '../harness-error.js';
import { browserOrigins, refusal, type OriginSource } from '../target/origins.js';

/** One response, decoded, at most. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** All responses of one page load together. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** Blocked requests remembered per page (a page may retry forever). */
const MAX_BLOCKED = 500;
/** How long past its timeout a flow may take to wind down before its page is closed. */
const FLOW_GRACE_MS = 5000;

/**
 * Chromium flags bounding what a page can take: one renderer for a page and its frames (so the page's
 * protocol session sees every frame's requests), and a ceiling on each renderer's JavaScript heap.
 */
export const PAGE_LIMIT_FLAGS = ['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process', '--js-flags=--max-old-space-size=512'];

/**
 * Options of every browser context the target's pages open in: no service workers (a worker's own
 * requests are not the page's, so the guard would not see them).
 */
export const GUARDED_CONTEXT = { serviceWorkers: 'block' } as const;

export interface PagePolicy {
  /** Origins the profile names. */
  origins: readonly string[];
  /** Hosts of the harness (redirect URIs, attacker hosts): they resolve to the stub, on any port. */
  isHarnessHost(host: string): boolean;
}

export interface Blocked { url: string; type: string; why: string }

interface Guard {
  ready: Promise<void>;
  blocked: Blocked[];
  violation?: string;
  /** The main frame's document while it is loading. */
  loading?: { requestId: string; url: string; bytes: number; since: number };
}

const guards = new WeakMap<Page, Guard>();

/** Guards the page (once; a page shared by scenarios keeps its guard) and returns it. */
export async function guardPage(page: Page, policy: PagePolicy): Promise<Page> {
  let g = guards.get(page);
  if (!g) {
    g = { blocked: [], ready: Promise.resolve() };
    guards.set(page, g);
    g.ready = install(page, policy, g);
  }
  await g.ready;
  return page;
}

/**
 * The pages of `page()`, each guarded for the target (its origins, the harness's hosts): what every
 * step and positive control drives the browser through.
 */
export function guardedPages(page: () => Promise<Page>, target: OriginSource, isHarnessHost: (host: string) => boolean): () => Promise<Page> {
  // Worked out when a page is first asked for: many scenarios never open one.
  let policy: PagePolicy | undefined;
  return async () => guardPage(await page(), (policy ??= { origins: browserOrigins(target), isHarnessHost }));
}

/** Why a URL may not be loaded in the browser, or undefined. data: and blob: hold no network access. */
export function browserRefusal(url: string, policy: PagePolicy): string | undefined {
  if (/^(data|blob|about):/i.test(url)) return undefined;
  const why = refusal(url, policy.origins);
  if (!why) return undefined;
  try {
    if (policy.isHarnessHost(new URL(url).host)) return undefined;
  } catch { /* not a URL: refused */ }
  return why;
}

/** The page's blocked requests since `from` (an index from `blockedCount`). */
export function blockedSince(page: Page, from: number): Blocked[] {
  return guards.get(page)?.blocked.slice(from) ?? [];
}

export function blockedCount(page: Page): number {
  return guards.get(page)?.blocked.length ?? 0;
}

/**
 * Runs a flow on the page within its timeout: when it outlives it (plus a grace to wind down), the page
 * is closed. A page closed for a limit (time or bytes) turns the flow's failure, whatever it was, into
 * a HarnessError naming the limit.
 */
export async function withinFlow<T>(page: Page, timeoutMs: number, flow: () => Promise<T>): Promise<T> {
  const g = guards.get(page);
  const timer = setTimeout(() => {
    if (g && !g.violation) g.violation = `the flow did not end within its timeout of ${timeoutMs} ms (page ${page.url()}): the page was closed`;
    void page.close().catch(() => undefined);
  }, timeoutMs + FLOW_GRACE_MS);
  try {
    const result = await flow();
    if (g?.violation) throw limitError(g.violation);
    return result;
  } catch (err) {
    if (g?.violation) throw limitError(g.violation);
    // A flow that failed while its page was still loading: that page never ending is the cause to name.
    const l = g?.loading;
    if (l && err instanceof HarnessError && Date.now() - l.since > 1000) {
      void page.close().catch(() => undefined);
      throw new HarnessError(`${err.message}; the page at ${l.url} was still loading after ${Math.round((Date.now() - l.since) / 1000)} s (${(l.bytes / 1024 / 1024).toFixed(1)} MiB received): it was closed`, err.hint, err.screenshot);
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function limitError(violation: string): HarnessError {
  return new HarnessError(violation, 'the target served more than a login page needs (docs/SECURITY.md, "bounds"); raise `timeouts.flow` if the server is only slow');
}

async function install(page: Page, policy: PagePolicy, g: Guard): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const send = (method: string, params: object) => { void (session.send as (m: string, p: object) => Promise<unknown>)(method, params).catch(() => undefined); };

  session.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string }; resourceType: string }) => {
    const why = browserRefusal(e.request.url, policy);
    if (!why) return send('Fetch.continueRequest', { requestId: e.requestId });
    if (g.blocked.length < MAX_BLOCKED) g.blocked.push({ url: e.request.url, type: e.resourceType, why });
    send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' });
  });

  // Bytes by request, as the renderer receives them (decoded); the page's total since its last navigation.
  const received = new Map<string, { url: string; bytes: number }>();
  let pageBytes = 0;
  const { frameTree } = await session.send('Page.getFrameTree');
  const mainFrame = frameTree.frame.id;
  session.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; type?: string; frameId?: string }) => {
    received.set(e.requestId, { url: e.request.url, bytes: 0 });
    if (e.type === 'Document' && e.frameId === mainFrame) {
      pageBytes = 0;
      g.loading = { requestId: e.requestId, url: e.request.url, bytes: 0, since: Date.now() };
    }
  });
  session.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    const r = received.get(e.requestId);
    if (!r || g.violation) return;
    r.bytes += e.dataLength;
    pageBytes += e.dataLength;
    if (g.loading?.requestId === e.requestId) g.loading.bytes = r.bytes;
    if (r.bytes > MAX_RESPONSE_BYTES) exceeded(`the response at ${r.url} exceeded ${mib(MAX_RESPONSE_BYTES)} (decoded): the page was closed`);
    else if (pageBytes > MAX_PAGE_BYTES) exceeded(`the page at ${page.url()} exceeded ${mib(MAX_PAGE_BYTES)} in all its responses (decoded): the page was closed`);
  });
  const forget = (e: { requestId: string }) => {
    received.delete(e.requestId);
    if (g.loading?.requestId === e.requestId) g.loading = undefined;
  };
  session.on('Network.loadingFinished', forget);
  session.on('Network.loadingFailed', forget);
  const exceeded = (message: string) => {
    g.violation = message;
    void page.close().catch(() => undefined);
  };

  page.on('popup', (popup) => { g.blocked.push({ url: popup.url(), type: 'Popup', why: 'a popup (closed)' }); void popup.close().catch(() => undefined); });
  await session.send('Network.enable');
  // WebSockets are not paused by Fetch: Playwright's WebSocket routing (in the page) closes those to
  // other origins before they connect.
  await page.routeWebSocket(() => true, (ws) => {
    const why = browserRefusal(ws.url().replace(/^ws/, 'http'), policy);
    if (!why) return ws.connectToServer();
    g.blocked.push({ url: ws.url(), type: 'WebSocket', why });
    void ws.close({ code: 1008, reason: 'blocked by oauth-conformance' }).catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}


function mib(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}
