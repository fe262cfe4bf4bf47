/**
 * Playwright fixtures: per worker, the resolved target (discovery once), the loopback stub and a
 * Chromium whose host-resolver rules send harness hosts to that stub. Per test, a fresh context.
 */
import { test as base } from '@playwright/test';
import { chromium, type Browser } from 'playwright';
import { chromiumExecutable, launchArgs } from '../drive/chromium.js';
import { startStub, type Stub } from '../drive/stub.js';
import { HarnessError } from '../harness-error.js';
import type { ResolvedTarget } from '../steps/context.js';
import { harnessHosts, isHarnessHostOf, resolveTarget, targetHosts } from '../target/resolve.js';
import { readSettings, type RunSettings } from './env.js';
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
      const target = await resolveTarget(profile).catch(withHint);
      const hosts = harnessHosts(profile);
      const stub = await startStub(hosts.map((h) => h.replace(/^\*\./, '')).concat(hosts.filter((h) => h.startsWith('*.'))));
      const executablePath = chromiumExecutable();
      if (!executablePath) {
        throw new HarnessError('no Chromium found', 'run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary');
      }
      const browser = await chromium.launch({ executablePath, args: launchArgs(stub, hosts, targetHosts(target)) }).catch((err: Error) => {
        throw new HarnessError(`Chromium did not start (${executablePath}): ${err.message.split('\n')[0]}`, 'check OC_CHROMIUM, or run `npm run setup`');
      }).catch(withHint);
      await use({ settings, target, stub, browser, isHarnessHost: isHarnessHostOf(hosts) });
      await browser.close();
      await stub.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

/**
 * A worker fixture's error reaches the reporter as Playwright's message only: the hint goes into the
 * message, on its own line, where the reporter finds it (src/report/reporter.ts).
 */
function withHint(err: unknown): never {
  if (err instanceof HarnessError && err.hint) throw new HarnessError(`${err.message}\nhint: ${err.hint}`);
  throw err;
}
