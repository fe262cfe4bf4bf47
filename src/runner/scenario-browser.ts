/**
 * The browser contexts scenarios run in, one worker's worth. A login is a full trip through the
 * target's own pages, and each new page costs Chromium a renderer process (about a quarter of a
 * second), so a worker keeps one context and page — one returning user's browser, logged in after the
 * first flow — for every scenario that can share it: those land on the client without the login page.
 * A scenario gets a fresh context when its rules judge the pages a first-time visitor meets (checks
 * marked `freshBrowser`), or when it needs those pages itself: a consent to deny, a page to frame.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import { CHECKS_BY_ID } from '../checks/index.js';
import { GUARDED_CONTEXT } from '../drive/page-guard.js';
import type { Scenario } from '../scenario/schema.js';

export interface ScenarioPages {
  /** The scenario's page, created on first use (metadata and back-channel scenarios need none). */
  page(): Promise<Page>;
  /** Closes a fresh context; the shared one stays for the next scenario. */
  close(): Promise<void>;
  /** Whether this scenario runs in the worker's shared, logged-in browser. */
  readonly reusesSession: boolean;
}

/** Why a scenario needs a browser no earlier scenario has touched, or undefined when it may share one. */
export function freshBrowserReason(s: Scenario): string | undefined {
  for (const step of s.steps) {
    if ('frame' in step) return 'it frames the server\'s page';
    if ('authorize' in step && step.authorize.consent === 'deny') return 'it denies consent, which a remembered grant would skip';
    for (const e of step.expect ?? []) {
      const id = typeof e === 'string' ? e : e.check;
      if (CHECKS_BY_ID.get(id)?.freshBrowser) return `${id} judges the pages a first-time visitor meets`;
    }
  }
  return undefined;
}

const CONTEXT_OPTIONS = { locale: 'en-US', ...GUARDED_CONTEXT };

export class ScenarioBrowser {
  private shared?: Promise<Page>;

  constructor(private readonly browser: Browser) {}

  open(s: Scenario): ScenarioPages {
    const reusesSession = freshBrowserReason(s) === undefined;
    if (reusesSession) return { reusesSession, page: () => this.sharedPage(), close: async () => undefined };
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    return {
      reusesSession,
      page: async () => (page ??= await (context ??= await this.browser.newContext(CONTEXT_OPTIONS)).newPage()),
      close: async () => { await context?.close(); },
    };
  }

  /**
   * The shared page (also the positive controls', between scenarios); made again if an earlier scenario
   * left it closed (a crash, a timeout's teardown).
   */
  async sharedPage(): Promise<Page> {
    const page = await this.shared?.catch(() => undefined);
    if (page && !page.isClosed()) return page;
    await page?.context().close().catch(() => undefined);
    this.shared = this.browser.newContext(CONTEXT_OPTIONS).then((c) => c.newPage());
    return this.shared;
  }
}
