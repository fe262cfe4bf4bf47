/**
 * Loopback redirect URIs (`http://127.0.0.1:PORT/cb`, `http://localhost:PORT/cb`, RFC 8252 §7.3):
 * host-resolver rules cannot send an IP literal (nor, reliably, `localhost`) to the stub, so these
 * requests are answered in the browser itself, from the DevTools protocol's Fetch domain, before they
 * are sent. Playwright's own routing does not see the request a redirect starts; this does. Nothing
 * reaches whatever listens on that port (a developer's real client app would redeem the code), no
 * refused connection leaves a late Chromium error page behind, and the page ends on the redirect URI
 * with the stub's neutral page, as for a host-mapped redirect URI.
 */
import type { CDPSession, Page } from 'playwright';
import { STUB_HEADERS, STUB_PAGE } from './stub.js';

interface RequestPaused { requestId: string; request: { url: string } }

const installed = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Answers, on this page, every request to `hosts` (loopback names) that `isHarnessHost` (given the
 * URL's host and port) calls the harness's; the target's own requests on those hosts go on unchanged.
 * Once per page: a page shared by scenarios keeps its interception.
 */
export function answerLoopbackRedirects(page: Page, hosts: readonly string[], isHarnessHost: (host: string) => boolean): Promise<CDPSession> {
  let s = installed.get(page);
  if (!s) installed.set(page, (s = install(page, hosts, isHarnessHost)));
  return s;
}

async function install(page: Page, hosts: readonly string[], isHarnessHost: (host: string) => boolean): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  const body = Buffer.from(STUB_PAGE).toString('base64');
  const responseHeaders = Object.entries(STUB_HEADERS).map(([name, value]) => ({ name, value }));
  session.on('Fetch.requestPaused', (e: RequestPaused) => {
    const host = URL.canParse(e.request.url) ? new URL(e.request.url).host : undefined;
    const answer = host !== undefined && isHarnessHost(host)
      ? session.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 200, responseHeaders, body })
      : session.send('Fetch.continueRequest', { requestId: e.requestId });
    answer.catch(() => undefined); // the page closed, or the request was cancelled meanwhile
  });
  // `*` in a pattern also covers the port; both schemes, since a client may register either.
  const patterns = hosts.flatMap((h) => ['http', 'https'].map((scheme) => ({ urlPattern: `${scheme}://${h}*`, requestStage: 'Request' as const })));
  await session.send('Fetch.enable', { patterns });
  return session;
}
