/**
 * Drives one authorization request in a real browser and records what happened: every hop of the
 * redirect chain with its `Location` (from the browser's own request/response events, which see
 * redirects that `page.route()` never does), the interaction rules that ran, and where it ended —
 * a redirect to a harness host, or a page of the server.
 */
import type { Page, Request } from 'playwright';
import type { AuthorizationOutcome, Hop, Subresource } from '../evidence/types.js';
import { baseOf, fragmentOf, queryOf, safeUrl } from '../evidence/params.js';
import { HarnessError } from '../harness-error.js';
import { urlPattern } from '../target/url-pattern.js';
import { interact, shot, type InteractionOptions } from './interaction.js';
import { answerLoopbackRedirects } from './loopback.js';
import { redirectLocationsOf } from './redirect-locations.js';

export interface AuthorizeDriveOptions extends Omit<InteractionOptions, 'landed' | 'deadline' | 'gaveUp' | 'navigating'> {
  url: string;
  /** Hosts that belong to the harness (redirect URIs, attacker hosts), given a URL's host with its port. */
  isHarnessHost: (host: string) => boolean;
  /** Loopback hosts whose harness requests are answered in the browser (loopback.ts); none when no redirect URI is loopback. */
  loopbackHosts?: readonly string[];
  registeredRedirectUri: string;
  /** The redirect_uri actually sent, when it is not the registered one. */
  requestedRedirectUri?: string;
  /** The scenario expects the server to refuse: a page no rule knows is then the server's error page. */
  expectRefusal: boolean;
  flowTimeout: number;
}

export interface AuthorizeDriveResult {
  chain: Hop[];
  subresources: Subresource[];
  interactions: string[];
  outcome: AuthorizationOutcome;
}

/** How long a failed navigation's protocol events may lag behind Playwright's. */
const FAILURE_GRACE_MS = 1000;
/** An error page whose load event never comes (a hanging subresource) is judged after this long. */
const ERROR_PAGE_LOAD_MS = 2000;
/** Under a catch-all rule, how long an expected refusal's page must stay unchanged to be judged an error page. */
const QUIET_MS = 500;
/** The `match` that fits every page: it tells nothing about which page this is. */
const CATCH_ALL = '**';
const MAX_SUBRESOURCES = 200;
/** Response headers of the server's pages that rules judge (framing, referrer, caching, CORS). */
const PAGE_HEADERS = ['x-frame-options', 'content-security-policy', 'referrer-policy', 'cache-control', 'access-control-allow-origin'];

export async function driveAuthorization(page: Page, o: AuthorizeDriveOptions): Promise<AuthorizeDriveResult> {
  const chain: Hop[] = [];
  const hops = new Map<Request, Hop>();
  const unanswered = new Map<Request, number>();
  let landing: Hop | undefined;
  let lastDocumentStatus: number | undefined;
  let loaded = false;
  const onLoad = () => { loaded = true; };
  const atStub = (url: string) => { const u = safeUrl(url); return Boolean(u && o.isHarnessHost(u.host)); };
  const subresources: Subresource[] = [];
  const onRequest = (req: Request) => {
    if (!req.isNavigationRequest() || req.frame() !== page.mainFrame()) {
      if (subresources.length < MAX_SUBRESOURCES && !atStub(page.url())) {
        subresources.push({ url: req.url(), type: req.resourceType(), referer: req.headers().referer, page: page.url() });
      }
      return;
    }
    loaded = false;
    unanswered.set(req, Date.now());
    const from = req.redirectedFrom();
    if (from) unanswered.delete(from);
    const hop: Hop = { url: req.url(), method: req.method(), atStub: atStub(req.url()) };
    chain.push(hop);
    hops.set(req, hop);
    if (hop.atStub && !landing) landing = hop;
  };
  // Headers are read asynchronously: every read is awaited (settled) before the chain is used.
  const pending: Promise<void>[] = [];
  const onResponse = (res: import('playwright').Response) => { pending.push(recordResponse(res)); };
  const recordResponse = async (res: import('playwright').Response) => {
    // A redirect is answered once the browser requests its Location (or fails to): see onRequest, onFailed.
    if (res.status() < 300 || res.status() >= 400) unanswered.delete(res.request());
    const hop = hops.get(res.request());
    if (!hop) return;
    hop.status = res.status();
    if (!hop.atStub) lastDocumentStatus = res.status();
    const headers = await res.allHeaders().catch(() => res.headers());
    if (headers.location) hop.location = new URL(headers.location, hop.url).toString();
    if (!hop.atStub) {
      const kept = Object.entries(headers).filter(([k]) => PAGE_HEADERS.includes(k));
      if (kept.length) hop.headers = Object.fromEntries(kept);
    }
  };
  // A redirect the browser could not follow (an unresolvable host, loopback, javascript:) is still the
  // server sending the user there: the Location is the evidence, the failed load is not an error.
  // Failures are judged lazily: the Location of a redirect Chromium refused may arrive just after.
  const asOrigin = new URL(o.url).origin;
  const redirects = await redirectLocationsOf(page);
  redirects.clear();
  if (o.loopbackHosts?.length) await answerLoopbackRedirects(page, o.loopbackHosts, o.isHarnessHost);
  const failures: { req: Request; error: string; at: number }[] = [];
  const onFailed = (req: Request) => {
    unanswered.delete(req);
    if (hops.has(req)) failures.push({ req, error: req.failure()?.errorText ?? 'failed', at: Date.now() });
  };
  // Where a failed hop was sent: its own Location (from the protocol when Chromium refused the redirect),
  // else the Location that led to it.
  const targetOf = ({ req }: { req: Request }): string | undefined => {
    const hop = hops.get(req)!;
    // No response reported for this hop: Chromium may have dropped a redirect it refused to follow.
    if (hop.status === undefined) hop.location ??= redirects.of(req.url());
    const from = req.redirectedFrom();
    return hop.location ?? (from ? hops.get(from)?.location ?? req.url() : undefined);
  };
  const leaves = (target: string | undefined): target is string => Boolean(target && safeUrl(target)?.origin !== asOrigin);
  // A failed hop with no answer on the server's own origin may be a redirect Chromium refused: its Location
  // comes from the protocol, whose events can lag behind Playwright's. Waited for, briefly.
  const understood = (f: { req: Request; at: number }) => hops.get(f.req)!.status !== undefined || leaves(targetOf(f)) || Date.now() - f.at > FAILURE_GRACE_MS;
  // Navigations requested and not yet answered or understood (a request that hangs stops counting after the action timeout).
  const navigating = () => [...unanswered.values()].some((since) => Date.now() - since < o.actionTimeout) || !failures.every(understood);
  const unreachable = (): { url: string; error: string } | undefined => {
    for (const f of failures) {
      const target = targetOf(f);
      if (leaves(target)) return { url: target, error: f.error };
    }
    return undefined;
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  page.on('load', onLoad);
  try {
    const deadline = Date.now() + o.flowTimeout;
    try {
      await page.goto(o.url, { waitUntil: 'commit', timeout: o.flowTimeout });
    } catch (err) {
      while (!landing && !failures.every(understood)) await new Promise((r) => setTimeout(r, 20));
      if (!landing && !unreachable()) throw new HarnessError(`the authorization endpoint did not answer: ${(err as Error).message.split('\n')[0]}`, 'is the target running and its issuer/endpoints right in the profile?');
    }
    // A page answered with an error status is the server's refusal: no login rule will appear on it.
    // So is any page (a 200 too) when a refusal is expected and no rule was written for its URL (only a
    // catch-all `**` fits, or none): a refusal then costs what a redirect costs, not the action timeout.
    // It has settled once loaded and two frames painted, time for an onload redirect to have started
    // (which would fire a navigation request and clear `loaded`): an event, not a fixed sleep. Under a
    // catch-all rule the page must also have stopped changing: its script could still render a login form.
    const gaveUp = async (waited: number) => {
      const errorStatus = (lastDocumentStatus ?? 0) >= 400;
      const url = page.url();
      const ruleWrittenFor = o.rules.some((r) => r.match !== CATCH_ALL && urlPattern(r.match).test(url));
      if (!errorStatus && !(o.expectRefusal && !ruleWrittenFor)) return waited > o.actionTimeout;
      if (waited > ERROR_PAGE_LOAD_MS) return true;
      if (!(loaded && (await framesPainted(page)) && loaded)) return false;
      return errorStatus || !o.rules.some((r) => urlPattern(r.match).test(url)) || (await domQuiet(page, QUIET_MS));
    };
    const end = await interact(page, { ...o, landed: () => Boolean(landing || unreachable()), navigating, deadline, gaveUp });
    await Promise.allSettled(pending);
    const refused = unreachable();
    if (end.type === 'landed' && !landing && refused) {
      return { chain, subresources, interactions: end.ran, outcome: redirectOutcome(refused.url, o, refused.error) };
    }
    if (end.type === 'landed') {
      if (!atStub(page.url())) await page.waitForURL((u) => atStub(u.toString()), { timeout: Math.max(1000, deadline - Date.now()) }).catch(() => undefined);
      // The fragment never reaches a server: take it from the Location that sent the browser there, or the page URL.
      const sentBy = [...chain].reverse().find((h) => h.location && atStub(h.location));
      const url = sentBy?.location ?? (atStub(page.url()) ? page.url() : landing!.url);
      return { chain, subresources, interactions: end.ran, outcome: redirectOutcome(url, o) };
    }
    const status = lastDocumentStatus;
    if (!o.expectRefusal && (status === undefined || status < 400)) {
      const where = end.ran.length ? `after ${end.ran.join(' → ')}` : 'before any interaction';
      const waited = end.type === 'unmatched' && end.waited.length ? `; rule ${end.waited.join(', ')} fitted the URL but its element never showed` : '';
      throw new HarnessError(
        `no interaction rule matched the page ${page.url()} (${where})${waited}, and the browser never reached the redirect URI`,
        'add or fix a rule in the target profile\'s `interaction` for this page (screenshot attached)',
        await shot(page),
      );
    }
    // No screenshot here: the scenario takes one if a rule judged on this page does not hold (execute.ts).
    const [title, body] = await page.evaluate(() => [document.title, document.body?.innerText ?? '']).catch(() => ['', '']);
    const text = body.replace(/\s+/g, ' ').trim().slice(0, 300);
    return { chain, subresources, interactions: end.ran, outcome: { type: 'error-page', url: page.url(), status, title, text } };
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
    page.off('load', onLoad);
  }
}

/** True when the page's document does not change for `ms` (false at its first change, or if it navigates away). */
async function domQuiet(page: Page, ms: number): Promise<boolean> {
  return page.evaluate((quietMs) => new Promise<boolean>((done) => {
    const observer = new MutationObserver(() => { observer.disconnect(); done(false); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { observer.disconnect(); done(true); }, quietMs);
  }), ms).catch(() => false);
}

/** Two animation frames of the page (bounded, should frames be throttled); false if it navigated away meanwhile. */
async function framesPainted(page: Page): Promise<boolean> {
  return page.evaluate(() => new Promise<boolean>((done) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
    setTimeout(() => done(true), 250);
  })).catch(() => false);
}

function redirectOutcome(url: string, o: AuthorizeDriveOptions, unreachable?: string): AuthorizationOutcome {
  const base = baseOf(url);
  const query = queryOf(url);
  let target: 'registered' | 'requested' | 'other' = 'other';
  if (o.requestedRedirectUri && sameTarget(url, o.requestedRedirectUri)) target = 'requested';
  else if (base === baseOf(o.registeredRedirectUri)) target = 'registered';
  return { type: 'redirect', url, base, target, query, fragment: fragmentOf(url), ...(unreachable ? { unreachable } : {}) };
}

/** The landing URL is the requested URI: same base, and every query parameter the URI carried is there. */
function sameTarget(url: string, requested: string): boolean {
  if (baseOf(url) !== baseOf(requested)) return false;
  const want = queryOf(requested);
  const got = queryOf(url);
  return Object.entries(want).every(([k, vs]) => vs.every((v) => got[k]?.includes(v)));
}
