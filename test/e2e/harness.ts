/**
 * The harness's own end-to-end rig: a target server (the embedded one, optionally with flaws, or any
 * other fixture server), the loopback stub and a real Chromium, running scenarios through
 * executeScenario in-process — the same path the runner takes, without Playwright Test around it, so
 * every flaw can be run in seconds.
 */
import path from 'node:path';
import { after } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import { Redactor } from '../../src/evidence/redact.js';
import { embeddedEnv, startEmbeddedTarget } from '../../src/runner/embedded.js';
import { ROOT } from '../../src/runner/env.js';
import { executeScenario, type ScenarioOutcome } from '../../src/runner/execute.js';
import { harnessHostTest, launchHarnessBrowser, type HarnessBrowser } from '../../src/runner/harness-browser.js';
import { stubCertificateHosts } from '../../src/drive/stub.js';
import { ScenarioBrowser } from '../../src/runner/scenario-browser.js';
import { PositiveControls, runPositiveControl } from '../../src/runner/positive-control.js';
import { ambientRules } from '../../src/report/ambient.js';
import type { AmbientRule } from '../../src/results/results.js';
import { loadPlanScenarios, loadPlanTarget } from '../../src/runner/plan.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Profile } from '../../src/spec/levels.js';
import { resolveTarget } from '../../src/drive/resolve-target.js';
import { harnessHosts, targetHosts, type ResolvedTarget } from '../../src/target/resolve.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { profileSecrets } from '../../src/target/secrets.js';

export const EMBEDDED_PROFILE = path.join(ROOT, 'fixtures/targets/embedded.yaml');

export function defaultScenarios(): LoadedScenario[] {
  return loadPlanScenarios({ target: EMBEDDED_PROFILE, suites: [path.join(ROOT, 'suites')], profile: 'rfc9700', reportDir: '', flaws: [] });
}

export function embeddedProfile(): TargetProfile {
  return loadProfile(EMBEDDED_PROFILE);
}

export function loadProfile(file: string): TargetProfile {
  return loadPlanTarget({ target: file, suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });
}

/** A server the rig starts for a profile, on a free loopback port. */
export interface TargetServer { issuer: string; resourceUrl?: string; ca?: string; close(): Promise<void> }
export type StartServer = (profile: TargetProfile) => Promise<TargetServer>;

export function embeddedServer(flaws: FlawName[] = []): StartServer {
  return (profile) => startEmbeddedTarget(profile, flaws);
}

/** The profile pointed at the server the rig started (the embedded one through its environment variables). */
export function resolveFor(profile: TargetProfile, server: TargetServer): Promise<ResolvedTarget> {
  if (profile.embedded) return resolveTarget(profile, embeddedEnv(server));
  return resolveTarget({ ...profile, issuer: server.issuer, endpoints: undefined, resource: server.resourceUrl ?? profile.resource });
}

/** Scenarios per lane below which a run opens no further lane (see Rig.run). */
const PER_LANE = 8;

export interface Rig {
  target: ResolvedTarget;
  run(scenarios: LoadedScenario[], profile?: Profile, concurrency?: number): Promise<Map<string, ScenarioOutcome>>;
  /**
   * Runs the scenarios `times` times over, in turn, on one lane: signed in once, as a worker running
   * them again would be. The outcomes of each time.
   */
  repeat(scenarios: LoadedScenario[], times: number, profile?: Profile): Promise<Map<string, ScenarioOutcome>[]>;
  close(): Promise<void>;
}

/**
 * The harness browsers of this test file's rigs, one per launch configuration (the stub's certificate
 * hosts, the hosts the resolver rules name, a target's CA): rigs on servers that differ only in their
 * port share one (the detection matrix's rows too), and start no Chromium of their own. Closed when the
 * file's tests are done; one that crashed or was closed is launched again.
 */
const browsers = new Map<string, Promise<HarnessBrowser>>();
after(() => closeSharedBrowsers());

/** Closes the shared browsers (after every test of the file; a script using the rig calls it itself). */
export async function closeSharedBrowsers(): Promise<void> {
  for (const b of browsers.values()) await (await b.catch(() => undefined))?.close();
  browsers.clear();
}

export async function sharedBrowser(target: ResolvedTarget): Promise<HarnessBrowser> {
  const key = JSON.stringify([stubCertificateHosts(target.profile), harnessHosts(target.profile), targetHosts(target), target.ca ?? '']);
  const current = browsers.get(key);
  const old = await current?.catch(() => undefined);
  if (!old?.browser.isConnected() && browsers.get(key) === current) {
    void old?.close().catch(() => undefined);
    browsers.set(key, launchHarnessBrowser(target));
  }
  const launched = await browsers.get(key)!;
  // The stub and browser are shared; which hosts are the harness's is this target's (its loopback redirect URIs).
  return { ...launched, isHarnessHost: harnessHostTest(target), close: async () => undefined };
}

/**
 * Starts server + stub + browser for one profile: the embedded server (with `flaws`) by default, or
 * the server `start` returns; the browser is the file's shared one for this launch configuration.
 */
export async function startRig(opts: { flaws?: FlawName[]; profile?: TargetProfile; start?: StartServer; raceRounds?: number } = {}): Promise<Rig> {
  const profile = opts.profile ?? embeddedProfile();
  const server = await (opts.start ?? embeddedServer(opts.flaws))(profile);
  try {
    const target = await resolveFor(profile, server);
    const h = await sharedBrowser(target);
    const lanes: Lane[] = [];
    const lane = (judged: Profile) => {
      const l = startLane(h, target, profile, { raceRounds: opts.raceRounds, profile: judged });
      lanes.push(l);
      return l;
    };
    return {
      target,
      async run(scenarios, judged = 'rfc9700', concurrency = 3) {
        const results = new Map<string, ScenarioOutcome>();
        const queue = [...scenarios];
        const worker = async () => {
          const l = lane(judged);
          for (let s = queue.shift(); s; s = queue.shift()) results.set(s.scenario.id, await l.run(s));
        };
        // A lane signs in and runs its positive controls once: a few scenarios go on one lane, not one each.
        await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(scenarios.length / PER_LANE)) }, worker));
        return results;
      },
      async repeat(scenarios, times, judged = 'rfc9700') {
        const l = lane(judged);
        const outs: Map<string, ScenarioOutcome>[] = [];
        for (let i = 0; i < times; i++) {
          const results = new Map<string, ScenarioOutcome>();
          for (const s of scenarios) results.set(s.scenario.id, await l.run(s));
          outs.push(results);
        }
        return outs;
      },
      async close() {
        await Promise.all(lanes.map((l) => l.close()));
        await server.close();
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * One runner worker's worth against one target: its own contexts and shared session
 * (src/runner/scenario-browser.ts), and its own positive controls, one per client, run before its
 * first refusal may count.
 */
export interface Lane { run(s: LoadedScenario): Promise<ScenarioOutcome>; close(): Promise<void> }

export function startLane(h: HarnessBrowser, target: ResolvedTarget, profile: TargetProfile, o: { profile?: Profile; raceRounds?: number } = {}): Lane {
  // The contexts this lane opens, closed with it: a shared browser outlives the lane.
  const opened: BrowserContext[] = [];
  const browser = { newContext: async (options?: BrowserContextOptions) => { const c = await h.browser.newContext(options); opened.push(c); return c; } };
  const contexts = new ScenarioBrowser(browser as Browser);
  const redactor = () => redactorFor(profile);
  const controls = new PositiveControls((client) => runPositiveControl(client, { target, page: () => contexts.sharedPage(), isHarnessHost: h.isHarnessHost, redactor: redactor() }));
  return {
    async run(s) {
      const pages = contexts.open(s.scenario);
      try {
        return await executeScenario(s, { target, profile: o.profile ?? 'rfc9700', page: pages.page, isHarnessHost: h.isHarnessHost, redactor: redactor(), raceRounds: o.raceRounds, positiveControl: (client) => controls.for(client) });
      } finally {
        await pages.close();
      }
    },
    async close() { await Promise.all(opened.map((c) => c.close().catch(() => undefined))); },
  };
}

/** A scenario's redactor, knowing the profile's secrets as the runner's does. */
export function redactorFor(profile: TargetProfile): Redactor {
  const r = new Redactor();
  for (const [value, kind] of profileSecrets(profile)) r.add(value, kind);
  return r;
}

/** The run-wide ambient rules of a rig's run, each judged once over every scenario's responses (steps from 0). */
export function ambientOf(outcomes: Map<string, ScenarioOutcome>): AmbientRule[] {
  return ambientRules([...outcomes].map(([id, o]) => ({ id, ambient: o.ambient })));
}

/** The checks of an outcome that did not hold (fail or warn), as "check:verdict". */
export function breaches(o: ScenarioOutcome): string[] {
  return [...new Set(o.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'warn').map((c) => `${c.check}:${c.verdict}`))].sort();
}
