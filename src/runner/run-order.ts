/**
 * The order the runner declares its tests in, which is the order Playwright hands them to free workers
 * (fullyParallel): the scenarios that wait out the server's clock first, then the plan's order. A wait
 * declared late leaves the other workers idle at the end of the run: in the default suite at two workers,
 * par-request-uri-expires (6.6 s of waiting for a request_uri to expire) was the 235th test of 269.
 * Reports keep their own order (results.json by project, file and id).
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { ScenarioStep } from '../scenario/schema.js';

/** Device polls made at once (device.ts); every other kind waits at least the server's polling interval. */
const IMMEDIATE_POLLS = new Set(['before-approval', 'fast', 'other-client']);

/** A step that waits on the server's clock: a push waiting out its request_uri, polls an interval apart. */
export function waitsOnServerClock(step: ScenarioStep): boolean {
  if ('par' in step) return step.par.wait === 'expiry';
  if ('device' in step) return (step.device.polls ?? ['after-approval']).some((p) => !IMMEDIATE_POLLS.has(p));
  return false;
}

export function runOrder(plan: readonly LoadedScenario[]): LoadedScenario[] {
  const waits = (l: LoadedScenario) => l.scenario.steps.some(waitsOnServerClock);
  return [...plan.filter(waits), ...plan.filter((l) => !waits(l))];
}
