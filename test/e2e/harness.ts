/**
 * The harness's own end-to-end rig: a target server (the embedded one, optionally with flaws, or any
 * other fixture server), the loopback stub and a real Chromium, running scenarios through
 * executeScenario in-process — the same path the runner takes, without Playwright Test around it, so
 * every flaw can be run in seconds.
 */
import path from 'node:path';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import { Redactor } from '../../src/evidence/redact.js';
import { embeddedEnv, startEmbeddedTarget } from '../../src/runner/embedded.js';
import { ROOT } from '../../src/runner/env.js';
import { executeScenario, type ScenarioOutcome } from '../../src/runner/execute.js';
import { launchHarnessBrowser, type HarnessBrowser } from '../../src/runner/harness-browser.js';
import { ScenarioBrowser } from '../../src/runner/scenario-browser.js';
import { PositiveControls, runPositiveControl } from '../../src/runner/positive-control.js';
import { ambientRules } from '../../src/report/ambient.js';
import type { AmbientRule } from '../../src/results/results.js';
import { loadPlanScenarios, loadPlanTarget } from '../../src/runner/plan.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Profile } from '../../src/spec/levels.js';
import { resolveTarget } from '../../src/drive/resolve-target.js';
import type { ResolvedTarget } from '../../src/target/resolve.js';
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

function embeddedServer(flaws: FlawName[] = []): StartServer {
  return (profile) => startEmbeddedTarget(profile, flaws);
}

/** The profile pointed at the server the rig started (the embedded one through its environment variables). */
function resolveFor(profile: TargetProfile, server: TargetServer): Promise<ResolvedTarget> {
  if (profile.embedded) return resolveTarget(profile, embeddedEnv(server));
  return resolveTarget({ ...profile, issuer: server.issuer, endpoints: undefined, resource: server.resourceUrl ?? profile.resource });
}

export interface Rig {
  target: ResolvedTarget;
  run(scenarios: LoadedScenario[], profile?: Profile, concurrency?: number): Promise<Map<string, ScenarioOutcome>>;
  close(): Promise<void>;
}

/**
 * Starts server + stub + browser for one profile: the embedded server (with `flaws`) by default, or
 * the server `start` returns.
 */
export async function startRig(opts: { flaws?: FlawName[]; profile?: TargetProfile; start?: StartServer; raceRounds?: number } = {}): Promise<Rig> {
  const profile = opts.profile ?? embeddedProfile();
  const server = await (opts.start ?? embeddedServer(opts.flaws))(profile);
  let harness: HarnessBrowser | undefined;
  try {
    const target = await resolveFor(profile, server);
    harness = await launchHarnessBrowser(target);
    const { browser: b, isHarnessHost } = harness;
    const h = harness;
    return {
      target,
      async run(scenarios, judged = 'rfc9700', concurrency = 3) {
        const results = new Map<string, ScenarioOutcome>();
        const queue = [...scenarios];
        // Each lane is a runner worker: its own contexts and shared session (src/runner/scenario-browser.ts),
        // and its own positive controls, one per client, run before its first refusal may count.
        const worker = async () => {
          const contexts = new ScenarioBrowser(b);
          const controls = new PositiveControls((client) => runPositiveControl(client, { target, page: () => contexts.sharedPage(), isHarnessHost, redactor: redactorFor(profile) }));
          for (let s = queue.shift(); s; s = queue.shift()) {
            const pages = contexts.open(s.scenario);
            try {
              results.set(s.scenario.id, await executeScenario(s, { target, profile: judged, page: pages.page, isHarnessHost, redactor: redactorFor(profile), raceRounds: opts.raceRounds, positiveControl: (client) => controls.for(client) }));
            } finally {
              await pages.close();
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return results;
      },
      async close() {
        await h.close();
        await server.close();
      },
    };
  } catch (err) {
    await harness?.close();
    await server.close();
    throw err;
  }
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
