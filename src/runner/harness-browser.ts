/**
 * The harness's browser for one target: the loopback stub that every redirect URI and attacker host
 * resolves to, and a Chromium whose host-resolver rules send those hosts there. Shared by the run's
 * worker fixture and `doctor`.
 */
import { chromium, type Browser } from 'playwright';
import { chromiumExecutable, launchArgs, type TargetTrust } from '../drive/chromium.js';
import { startStub, type Stub, type StubTls } from '../drive/stub.js';
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

/** Where the run's global setup leaves the stub certificate (JSON StubTls) for the workers. */
export const STUB_TLS_ENV = 'OC_STUB_TLS';

export function stubTlsFromEnv(env: NodeJS.ProcessEnv = process.env): StubTls | undefined {
  try {
    const tls = env[STUB_TLS_ENV] ? JSON.parse(env[STUB_TLS_ENV]) as StubTls : undefined;
    return tls?.cert && tls.key ? tls : undefined;
  } catch {
    return undefined; // malformed: the worker makes its own
  }
}

/** The names the stub's certificate must cover: each harness host, and the wildcards as they are. */
export function stubCertificateHosts(profile: TargetProfile): string[] {
  const hosts = harnessHosts(profile);
  return hosts.map((h) => h.replace(/^\*\./, '')).concat(hosts.filter((h) => h.startsWith('*.')));
}

/** `tls`: the stub certificate the run's global setup made (OC_STUB_TLS), else one is made here. */
export async function launchHarnessBrowser(target: ResolvedTarget, trust?: TargetTrust, tls?: StubTls): Promise<HarnessBrowser> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new HarnessError('no Chromium found', 'run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary');
  const hosts = harnessHosts(target.profile);
  const stub = await startStub(stubCertificateHosts(target.profile), tls);
  try {
    // A target with its own CA (the embedded https server's) is trusted by that CA's key.
    const certificates = [...(trust?.certificates ?? []), ...(target.ca ? [target.ca] : [])];
    const browser = await chromium.launch({ executablePath, args: launchArgs(stub, hosts, targetHosts(target), { ...trust, certificates }) }).catch((err: Error) => {
      throw new HarnessError(`Chromium did not start (${executablePath}): ${err.message.split('\n')[0]}`, 'check OC_CHROMIUM, or run `npm run setup`');
    });
    return {
      stub,
      browser,
      isHarnessHost: isHarnessHostOf(hosts, loopbackRedirectHosts(target.profile).length ? { targetAuthorities: targetAuthorities(target) } : undefined),
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
