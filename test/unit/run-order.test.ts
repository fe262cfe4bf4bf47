/** The order tests are declared in: the scenarios that wait on the server's clock first, the rest as planned. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../src/runner/env.js';
import { loadPlanScenarios } from '../../src/runner/plan.js';
import { runOrder, waitsOnServerClock } from '../../src/runner/run-order.js';
import type { ScenarioStep } from '../../src/scenario/schema.js';

/** A step as written in YAML: the loader fills the defaults the type requires. */
const waits = (step: object) => waitsOnServerClock(step as ScenarioStep);

const plan = loadPlanScenarios({ target: path.join(ROOT, 'fixtures/targets/embedded.yaml'), suites: [path.join(ROOT, 'suites')], profile: 'rfc9700', reportDir: '', flaws: [] });

test('a push waiting out its request_uri and device polls an interval apart wait on the clock; immediate polls do not', () => {
  assert.equal(waits({ par: { client: 'confidential', wait: 'expiry' } }), true);
  assert.equal(waits({ par: { client: 'confidential' } }), false);
  assert.equal(waits({ device: { client: 'public' } }), true, 'after-approval by default');
  assert.equal(waits({ device: { client: 'public', approve: false, polls: ['before-approval', 'fast'] } }), false);
  assert.equal(waits({ device: { client: 'public', polls: ['other-client', 'replay'] } }), true);
  assert.equal(waits({ authorize: {} }), false);
});

test('the default suite: its clock-bound scenarios first, each group in the plan\'s order, nothing lost', () => {
  const ordered = runOrder(plan).map((l) => l.scenario.id);
  assert.deepEqual([...ordered].sort(), plan.map((l) => l.scenario.id).sort());
  const first = ordered.slice(0, ordered.findIndex((id) => !plan.find((l) => l.scenario.id === id)!.scenario.steps.some(waitsOnServerClock)));
  assert.ok(first.includes('par-request-uri-expires') && first.includes('device-code-single-use') && first.includes('device-flow-completes'), first.join(', '));
  assert.ok(!first.includes('device-slow-down') && !first.includes('device-user-code-entropy'), 'their polls do not wait');
  const inPlan = (ids: string[]) => plan.map((l) => l.scenario.id).filter((id) => ids.includes(id));
  assert.deepEqual(first, inPlan(first));
  const rest = ordered.slice(first.length);
  assert.deepEqual(rest, inPlan(rest));
});
