/**
 * The harness's browser for one target: the loopback stub that every redirect URI and attacker host
 * resolves to, and the Chromium flags that send those hosts there. The run's workers hand the flags to
 * Playwright's own browser fixture (fixtures.ts); `doctor` launches its browser here (launchHarnessBrowser).
 */
import { chromium, type Browser } from 'playwright';
import { chromiumExecutable, harnessLaunchOptions, targetLaunchArgs, type TargetTrust } from '../drive/chromium.js';
import { startStub, stubCertificateHosts, type Stub, type StubTls } from '../drive/stub.js';
import { HarnessError } from '../harness-error.js';
import type { TargetProfile } from '../target/schema.js';
import { harnessHosts, isHarnessHostOf, loopbackRedirectHosts, targetAuthorities, targetHosts, type ResolvedTarget } from '../target/resolve.js';

export interface HarnessBrowser {
  stub: Stub;
  browser: Browser;
  /** Given a URL's host (with its port): see isHarnessHostOf. */
  isHarnessHost(host: string): boolean;
  close(): Promise<void>;
}

/** A stub certificate handed over by the run's global setup (config.ts handoff), when it is one. */
export function stubTlsOf(value: unknown): StubTls | undefined {
  const tls = value as Partial<StubTls> | undefined;
  return tls && typeof tls.cert === 'string' && typeof tls.key === 'string' ? tls as StubTls : undefined;
}

/** The target's stub; `tls`: the certificate the run's global setup made, else one is made here. */
export function startHarnessStub(profile: TargetProfile, tls?: StubTls): Promise<Stub> {
  return startStub(stubCertificateHosts(profile), tls);
}

/** The Chromium flags for this target and stub: host-resolver rules, and the certificates trusted. */
export function harnessArgs(target: ResolvedTarget, stub: Stub, trust?: TargetTrust): string[] {
  // A target with its own CA (the embedded https server's) is trusted by that CA's key.
  const certificates = [...(trust?.certificates ?? []), ...(target.ca ? [target.ca] : [])];
  return targetLaunchArgs(stub, harnessHosts(target.profile), targetHosts(target), { ...trust, certificates });
}

/** Whether a URL's host is the harness's (its stub's) rather than the target's: see isHarnessHostOf. */
export function harnessHostTest(target: ResolvedTarget): (host: string) => boolean {
  return isHarnessHostOf(harnessHosts(target.profile), loopbackRedirectHosts(target.profile).length ? { targetAuthorities: targetAuthorities(target) } : undefined);
}

const LAUNCH_HINT = 'check OC_CHROMIUM, or run `npm run setup`';

/**
 * Playwright's browser fixture failing to launch ("browserType.launch: …", with the whole command
 * line and call log) said as the harness says it: which binary did not start, and why in one line.
 */
export function launchFailure(text: string): { message: string; hint: string } | undefined {
  const m = /^(?:\w*Error: )?browserType\.launch: (.*)/.exec(text);
  if (!m) return undefined;
  const binary = /<launching> (\S+)/.exec(text)?.[1] ?? chromiumExecutable() ?? 'chromium';
  return { message: `Chromium did not start (${binary}): ${m[1]}`, hint: LAUNCH_HINT };
}

export const NO_CHROMIUM_HINT = 'run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary';

/** A stub and a Chromium of its own, outside Playwright Test (`doctor`). */
export async function launchHarnessBrowser(target: ResolvedTarget, trust?: TargetTrust, tls?: StubTls): Promise<HarnessBrowser> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new HarnessError('no Chromium found', NO_CHROMIUM_HINT);
  const stub = await startHarnessStub(target.profile, tls);
  try {
    const base = harnessLaunchOptions();
    const browser = await chromium.launch({ ...base, args: [...(base.args ?? []), ...harnessArgs(target, stub, trust)] }).catch((err: Error) => {
      throw new HarnessError(`Chromium did not start (${executablePath}): ${err.message.split('\n')[0]}`, LAUNCH_HINT);
    });
    return {
      stub,
      browser,
      isHarnessHost: harnessHostTest(target),
      async close() {
        await browser.close();
        await stub.close();
      },
    };
  } catch (err) {
    await stub.close();
    throw err;
  }
}
