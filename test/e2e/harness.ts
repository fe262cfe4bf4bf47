/**
 * The harness's own end-to-end rig: the embedded server (optionally with flaws), the loopback stub and
 * a real Chromium, running scenarios through executeScenario in-process — the same path the runner
 * takes, without Playwright Test around it, so every flaw can be run in seconds.
 */
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import type { FlawName } from '../../fixtures/servers/embedded/index.js';
import { chromiumExecutable, launchArgs } from '../../src/drive/chromium.js';
import { startStub, type Stub } from '../../src/drive/stub.js';
import { Redactor } from '../../src/evidence/redact.js';
import { embeddedEnv, startEmbeddedFor } from '../../src/runner/embedded.js';
import { ROOT } from '../../src/runner/env.js';
import { executeScenario, type ScenarioOutcome } from '../../src/runner/execute.js';
import { loadPlanScenarios, loadPlanTarget } from '../../src/runner/plan.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import type { Profile } from '../../src/spec/levels.js';
import type { ResolvedTarget } from '../../src/steps/context.js';
import { harnessHosts, isHarnessHostOf, resolveTarget, targetHosts } from '../../src/target/resolve.js';
import type { TargetProfile } from '../../src/target/schema.js';
import { profileSecrets } from '../../src/target/secrets.js';

export const EMBEDDED_PROFILE = path.join(ROOT, 'fixtures/targets/embedded.yaml');

export function defaultScenarios(): LoadedScenario[] {
  return loadPlanScenarios({ target: EMBEDDED_PROFILE, suites: [path.join(ROOT, 'suites')], profile: 'rfc9700', reportDir: '', flaws: [] });
}

export function embeddedProfile(): TargetProfile {
  return loadPlanTarget({ target: EMBEDDED_PROFILE, suites: [], profile: 'rfc9700', reportDir: '', flaws: [] });
}

export interface Rig {
  target: ResolvedTarget;
  run(scenarios: LoadedScenario[], profile?: Profile, concurrency?: number): Promise<Map<string, ScenarioOutcome>>;
  close(): Promise<void>;
}

/** Starts server + stub + browser for one profile (the embedded one by default) and flaw set. */
export async function startRig(opts: { flaws?: FlawName[]; profile?: TargetProfile } = {}): Promise<Rig> {
  const profile = opts.profile ?? embeddedProfile();
  const server = await startEmbeddedFor(profile, opts.flaws);
  let stub: Stub | undefined;
  let browser: Browser | undefined;
  try {
    const target = await resolveTarget(profile, embeddedEnv(server));
    const hosts = harnessHosts(profile);
    stub = await startStub(hosts);
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: launchArgs(stub, hosts, targetHosts(target), target.ca ? [target.ca] : []) });
    const b = browser;
    const isHarnessHost = isHarnessHostOf(hosts);
    return {
      target,
      async run(scenarios, judged = 'rfc9700', concurrency = 3) {
        const results = new Map<string, ScenarioOutcome>();
        const queue = [...scenarios];
        const worker = async () => {
          for (let s = queue.shift(); s; s = queue.shift()) {
            const context = await b.newContext();
            try {
              let page: import('playwright').Page | undefined;
              results.set(s.scenario.id, await executeScenario(s, { target, profile: judged, page: async () => (page ??= await context.newPage()), isHarnessHost, redactor: redactorFor(profile) }));
            } finally {
              await context.close();
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return results;
      },
      async close() {
        await b.close();
        await stub!.close();
        await server.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await stub?.close();
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

/** The checks of an outcome that did not hold (fail or warn), as "check:verdict". */
export function breaches(o: ScenarioOutcome): string[] {
  return [...new Set(o.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'warn').map((c) => `${c.check}:${c.verdict}`))].sort();
}
