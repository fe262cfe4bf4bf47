/**
 * Playwright fixtures: per worker, the resolved target (discovery once), the loopback stub and a
 * Chromium whose host-resolver rules send harness hosts to that stub. Per test, a context of its own
 * (scenario-browser.ts: a fresh one, or one starting from the worker's logged-in session).
 */
import { test as base } from '@playwright/test';
import { HarnessError } from '../harness-error.js';
import type { Browser } from 'playwright';
import type { Stub } from '../drive/stub.js';
import { resolveTarget } from '../drive/resolve-target.js';
import type { ResolvedTarget } from '../target/resolve.js';
import { readSettings, type RunSettings } from './env.js';
import { launchHarnessBrowser, stubTlsFromEnv } from './harness-browser.js';
import { ScenarioBrowser } from './scenario-browser.js';
import { loadPlanTarget } from './plan.js';
import { PositiveControls, runPositiveControl } from './positive-control.js';
import { Redactor } from '../evidence/redact.js';
import { profileSecrets } from '../target/secrets.js';

export interface Harness {
  settings: RunSettings;
  target: ResolvedTarget;
  stub: Stub;
  browser: Browser;
  /** This worker's scenario contexts, with the logged-in session they may share. */
  contexts: ScenarioBrowser;
  /** This worker's positive controls, one valid authorization per client, run before a refusal may count. */
  controls: PositiveControls;
  isHarnessHost(host: string): boolean;
}

export const test = base.extend<object, { harness: Harness }>({
  harness: [
    async ({}, use) => {
      const settings = readSettings();
      const profile = loadPlanTarget(settings);
      const target = await resolveTarget(profile).catch(withHint);
      const b = await launchHarnessBrowser(target, undefined, stubTlsFromEnv()).catch(withHint);
      const contexts = new ScenarioBrowser(b.browser);
      const redactor = new Redactor();
      for (const [value, kind] of profileSecrets(profile)) redactor.add(value, kind);
      const controls = new PositiveControls((client) => runPositiveControl(client, { target, page: () => contexts.sharedPage(), isHarnessHost: b.isHarnessHost, redactor }));
      await use({ settings, target, stub: b.stub, browser: b.browser, contexts, controls, isHarnessHost: b.isHarnessHost });
      await b.close();
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
