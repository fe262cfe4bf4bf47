/**
 * Playwright fixtures. The project options (projects.ts): `target`, `profile`, `flaws`. Per worker
 * (a worker serves one project): the project's target, resolved (discovery once, the embedded server
 * global setup started for this project), its loopback stub, and Playwright's own `browser`, launched
 * from `use.launchOptions` with the target's flags added (host-resolver rules to the stub, trusted
 * certificates). Per test, a context of its own (scenario-browser.ts: a fresh one, or one starting
 * from the worker's logged-in session). The worker's caches (positive controls, the shared session)
 * are therefore one project's.
 */
import { test as base } from '@playwright/test';
import type { Browser } from 'playwright';
import { handoff } from '../config.js';
import type { Stub } from '../drive/stub.js';
import { HarnessError } from '../harness-error.js';
import type { ResolvedTarget } from '../target/resolve.js';
import type { TargetProfile } from '../target/schema.js';
import { loadPlanTarget } from './plan.js';
import type { PositiveControls } from './positive-control.js';
import { optionsOf, type ProjectOptions } from './projects.js';
import type { ScenarioBrowser } from './scenario-browser.js';

export interface Harness {
  target: ResolvedTarget;
  stub: Stub;
  browser: Browser;
  /** This worker's scenario contexts, with the logged-in session they may share. */
  contexts: ScenarioBrowser;
  /** This worker's positive controls, one valid authorization per client, run before a refusal may count. */
  controls: PositiveControls;
  isHarnessHost(host: string): boolean;
}

interface WorkerFixtures extends ProjectOptions {
  targetProfile: TargetProfile;
  resolvedTarget: ResolvedTarget;
  harnessStub: Stub;
  harness: Harness;
}

const defaults = optionsOf();

export const test = base.extend<object, WorkerFixtures>({
  target: [defaults.target, { scope: 'worker', option: true }],
  profile: [defaults.profile, { scope: 'worker', option: true }],
  flaws: [defaults.flaws, { scope: 'worker', option: true }],

  targetProfile: [async ({ target }, use) => {
    await use(loadPlanTarget(optionsOf({ target }).target));
  }, { scope: 'worker' }],

  // What the fixtures run is imported when a worker sets them up: the runner, listing the tests, loads none of it.
  resolvedTarget: [async ({ targetProfile }, use, workerInfo) => {
    const [{ resolveTarget }, { embeddedEnv }] = await Promise.all([import('../drive/resolve-target.js'), import('./embedded.js')]);
    const address = handoff().embedded[workerInfo.project.name];
    await use(await resolveTarget(targetProfile, address ? embeddedEnv(address) : {}).catch(withHint));
  }, { scope: 'worker', timeout: 60_000 }],

  harnessStub: [async ({ targetProfile }, use, workerInfo) => {
    const { startHarnessStub, stubTlsOf } = await import('./harness-browser.js');
    const stub = await startHarnessStub(targetProfile, stubTlsOf(handoff().stubTls[workerInfo.project.name]));
    await use(stub);
    await stub.close();
  }, { scope: 'worker' }],

  // Playwright's launch options (the config's: executable, closed-network flags), plus this target's.
  launchOptions: [async ({ launchOptions, resolvedTarget, harnessStub }, use) => {
    const { harnessArgs } = await import('./harness-browser.js');
    await use({ ...launchOptions, args: [...(launchOptions.args ?? []), ...harnessArgs(resolvedTarget, harnessStub)] });
  }, { scope: 'worker' }],

  harness: [async ({ browser, resolvedTarget: target, harnessStub: stub }, use) => {
    const [{ ScenarioBrowser }, { Redactor }, { profileSecrets }, { harnessHostTest }, { PositiveControls, runPositiveControl }] = await Promise.all([
      import('./scenario-browser.js'), import('../evidence/redact.js'), import('../target/secrets.js'), import('./harness-browser.js'), import('./positive-control.js'),
    ]);
    const contexts = new ScenarioBrowser(browser);
    const redactor = new Redactor();
    for (const [value, kind] of profileSecrets(target.profile)) redactor.add(value, kind);
    const isHarnessHost = harnessHostTest(target);
    const controls = new PositiveControls((client) => runPositiveControl(client, { target, page: () => contexts.sharedPage(), isHarnessHost, redactor }));
    await use({ target, stub, browser, contexts, controls, isHarnessHost });
  }, { scope: 'worker', timeout: 60_000 }],
});

/**
 * A worker fixture's error reaches the reporter as Playwright's message only: the hint goes into the
 * message, on its own line, where the reporter finds it (src/report/reporter.ts).
 */
function withHint(err: unknown): never {
  if (err instanceof HarnessError && err.hint) throw new HarnessError(`${err.message}\nhint: ${err.hint}`);
  throw err;
}
