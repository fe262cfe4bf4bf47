/**
 * The one spec: every scenario of the plan becomes a Playwright test. Playwright's runner loads this file
 * only to list the tests; what a test runs (scenario-test.ts: the harness, its checks, the reports'
 * attachments) is imported by the worker when it runs one, so the listing loads none of it.
 */
import { test } from './fixtures.js';
import { config } from '../config.js';
import { loadPlanScenarios } from './plan.js';
import { runOrder } from './run-order.js';

const settings = config().run;

// Scenarios that wait on the server's clock first (run-order.ts).
for (const loaded of runOrder(loadPlanScenarios(settings))) {
  const s = loaded.scenario;
  test(`${s.id} — ${s.title}`, { tag: (s.tags ?? []).map((t) => `@${t}`) }, async ({ harness, profile }, testInfo) => {
    const { runScenarioTest } = await import('./scenario-test.js');
    await runScenarioTest(loaded, harness, profile, testInfo, settings.raceRounds);
  });
}
