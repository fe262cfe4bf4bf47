/**
 * The Location of every redirect a page's navigations received, read from the DevTools protocol.
 * Chromium drops a redirect whose target it refuses to follow (`javascript:`, `data:`): the request
 * fails and Playwright never reports the redirect response, so its Location — the evidence that the
 * server sent the user there — is only in the protocol's raw response headers.
 */
import type { Page } from 'playwright';

export interface RedirectLocations {
  /** The Location last received in answer to a request for this URL, made absolute (raw if it does not parse). */
  of(url: string): string | undefined;
  /** Forgets what earlier flows on this page received. */
  clear(): void;
}

interface RequestWillBeSent { requestId: string; request: { url: string } }
interface ExtraInfo { requestId: string; statusCode?: number; headers: Record<string, string> }

const watchers = new WeakMap<Page, Promise<RedirectLocations>>();

/** The page's watcher, made once per page (a page shared by scenarios keeps its protocol session). */
export function redirectLocationsOf(page: Page): Promise<RedirectLocations> {
  let w = watchers.get(page);
  if (!w) watchers.set(page, (w = watch(page)));
  return w;
}

async function watch(page: Page): Promise<RedirectLocations> {
  const session = await page.context().newCDPSession(page);
  // One protocol id follows a request through its redirects: remember the URL it is at now.
  const urlOf = new Map<string, string>();
  const locations = new Map<string, string>();
  session.on('Network.requestWillBeSent', (e: RequestWillBeSent) => { urlOf.set(e.requestId, e.request.url); });
  session.on('Network.responseReceivedExtraInfo', (e: ExtraInfo) => {
    const url = urlOf.get(e.requestId);
    const status = e.statusCode ?? 0;
    if (!url || status < 300 || status >= 400) return;
    const location = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (location) locations.set(url, URL.canParse(location, url) ? new URL(location, url).toString() : location);
  });
  await session.send('Network.enable');
  return {
    of: (url) => locations.get(url),
    clear: () => { urlOf.clear(); locations.clear(); },
  };
}
