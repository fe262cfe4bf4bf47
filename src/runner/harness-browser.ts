/**
 * The harness's browser for one target: the loopback stub that every redirect URI and attacker host
 * resolves to, and a Chromium whose host-resolver rules send those hosts there. Shared by the run's
 * worker fixture and `doctor`.
 */
import { chromium, type Browser } from 'playwright';
import { chromiumExecutable, launchArgs, type TargetTrust } from '../drive/chromium.js';
import { startStub, type Stub } from '../drive/stub.js';
import { HarnessError } from '../harness-error.js';
import type { ResolvedTarget } from '../steps/context.js';
import { harnessHosts, isHarnessHostOf, targetHosts } from '../target/resolve.js';

export interface HarnessBrowser {
  stub: Stub;
  browser: Browser;
  isHarnessHost(host: string): boolean;
  close(): Promise<void>;
}

export async function launchHarnessBrowser(target: ResolvedTarget, trust?: TargetTrust): Promise<HarnessBrowser> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new HarnessError('no Chromium found', 'run `npm run setup` (installs Debian\'s chromium), or set OC_CHROMIUM to a Chromium binary');
  const hosts = harnessHosts(target.profile);
  const stub = await startStub(hosts.map((h) => h.replace(/^\*\./, '')).concat(hosts.filter((h) => h.startsWith('*.'))));
  try {
    // A target with its own CA (the embedded https server's) is trusted by that CA's key.
    const certificates = [...(trust?.certificates ?? []), ...(target.ca ? [target.ca] : [])];
    const browser = await chromium.launch({ executablePath, args: launchArgs(stub, hosts, targetHosts(target), { ...trust, certificates }) }).catch((err: Error) => {
      throw new HarnessError(`Chromium did not start (${executablePath}): ${err.message.split('\n')[0]}`, 'check OC_CHROMIUM, or run `npm run setup`');
    });
    return {
      stub,
      browser,
      isHarnessHost: isHarnessHostOf(hosts),
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
