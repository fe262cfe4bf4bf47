/**
 * Playwright fixtures: per worker, the resolved target (discovery once), the loopback stub and a
 * Chromium whose host-resolver rules send harness hosts to that stub. Per test, a fresh context.
 */
import { test as base } from '@playwright/test';
import type { Browser } from 'playwright';
import type { Stub } from '../drive/stub.js';
import type { ResolvedTarget } from '../steps/context.js';
import { resolveTarget } from '../target/resolve.js';
import { readSettings, type RunSettings } from './env.js';
import { launchHarnessBrowser } from './harness-browser.js';
import { loadPlanTarget } from './plan.js';

export interface Harness {
  settings: RunSettings;
  target: ResolvedTarget;
  stub: Stub;
  browser: Browser;
  isHarnessHost(host: string): boolean;
}

export const test = base.extend<object, { harness: Harness }>({
  harness: [
    async ({}, use) => {
      const settings = readSettings();
      const profile = loadPlanTarget(settings);
      const target = await resolveTarget(profile);
      const b = await launchHarnessBrowser(target);
      await use({ settings, target, stub: b.stub, browser: b.browser, isHarnessHost: b.isHarnessHost });
      await b.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});
