/**
 * The one place that decides which Chromium runs and how. Order: OC_CHROMIUM (the tester's choice, read by src/config.ts), then
 * Playwright's own downloaded browser if present, then the system's. Within each, the headless shell
 * comes first: it is the same engine without the desktop browser around it, and drives an
 * authorization flow about three times faster (measured: ~0.6 s against ~1.8 s per flow, scratch
 * loop in bench/). Debian packages both: chromium-headless-shell and chromium.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { LaunchOptions } from 'playwright';
import { config } from '../config.js';
import { PAGE_LIMIT_FLAGS } from './page-guard.js';

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumExecutable(chosen: string | undefined = config().chromium): string | undefined {
  if (chosen) return chosen;
  return playwrightChromium().find((p) => existsSync(p)) ?? SYSTEM_CHROMIUM.find((p) => existsSync(p));
}

/**
 * Where Playwright keeps the browsers it downloads (its registry's folders): when none holds a Chromium,
 * it has none, and the command line need not load Playwright (a few hundred ms of every run's start) to learn so.
 */
function playwrightBrowsersFolders(): string[] {
  const chosen = process.env.PLAYWRIGHT_BROWSERS_PATH;
  if (chosen && chosen !== '0') return [path.resolve(chosen)];
  const local = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), '.local-browsers');
  if (chosen === '0') return [local];
  const home = os.homedir();
  const cache = process.platform === 'darwin' ? path.join(home, 'Library', 'Caches')
    : process.platform === 'win32' ? (process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
    : (process.env.XDG_CACHE_HOME ?? path.join(home, '.cache'));
  return [path.join(cache, 'ms-playwright'), local];
}

/** Playwright's headless shell (a sibling of its full browser's folder), then the full browser. */
function playwrightChromium(): string[] {
  const hasChromium = (dir: string) => { try { return readdirSync(dir).some((name) => name.startsWith('chromium')); } catch { return false; } };
  if (!playwrightBrowsersFolders().some(hasChromium)) return [];
  let full: string;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright');
    full = chromium.executablePath();
  } catch {
    return []; // Playwright's browser is not installed: fall through to the system one.
  }
  const dir = path.dirname(path.dirname(full));
  const shellDir = path.join(path.dirname(dir), path.basename(dir).replace(/^chromium-/, 'chromium_headless_shell-'));
  return [path.join(shellDir, 'chrome-headless-shell-linux64', 'chrome-headless-shell'), path.join(shellDir, 'chrome-linux', 'headless_shell'), full];
}

/** Flags for a closed network: Chromium's background services would only fail and add noise. */
export const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/**
 * Host-resolver rules: harness hosts go to the stub (any port, so a port-changed redirect URI is still
 * observed); the target's own hosts resolve normally; every other name fails to resolve, so nothing
 * leaves the machine by accident.
 */
export function hostResolverRules(stubPort: number, harnessHosts: string[], targetHosts: string[]): string {
  const rules = harnessHosts.map((h) => `MAP ${h} 127.0.0.1:${stubPort}`);
  rules.push('MAP * ~NOTFOUND', ...['localhost', '127.0.0.1', ...targetHosts].map((h) => `EXCLUDE ${h}`));
  return rules.join(', ');
}

/**
 * What the browser trusts beyond the system's CAs, by key: leaves accepted with `doctor --ca` or
 * `--insecure` (their key hashes), and certificates (PEM) such as the CA of an embedded https server.
 * Chromium ignores a certificate error when any certificate of the chain presented has a listed key.
 */
export interface TargetTrust { spkiHashes?: string[]; certificates?: string[] }

/**
 * What every harness Chromium starts with, whatever the target: the binary and the flags of a closed
 * network. The run hands these to Playwright's own browser fixture (`use.launchOptions` in
 * playwright.config.ts); the target's flags (targetLaunchArgs) are added per worker.
 */
export function harnessLaunchOptions(): LaunchOptions {
  return { executablePath: chromiumExecutable(), args: [...QUIET_FLAGS, ...PAGE_LIMIT_FLAGS] };
}

export function launchArgs(stub: { port: number; spkiHash: string }, harnessHosts: string[], targetHosts: string[], trust: TargetTrust = {}): string[] {
  return [...QUIET_FLAGS, ...PAGE_LIMIT_FLAGS, ...targetLaunchArgs(stub, harnessHosts, targetHosts, trust)];
}

/** The flags for one target: where its names resolve, and which certificates beyond the system's are trusted. */
export function targetLaunchArgs(stub: { port: number; spkiHash: string }, harnessHosts: string[], targetHosts: string[], trust: TargetTrust = {}): string[] {
  return [
    `--host-resolver-rules=${hostResolverRules(stub.port, harnessHosts, targetHosts)}`,
    // Trust only the stub's generated certificate (and the target's named ones), not every certificate.
    `--ignore-certificate-errors-spki-list=${[stub.spkiHash, ...(trust.spkiHashes ?? []), ...(trust.certificates ?? []).map(spkiHash)].join(',')}`,
  ];
}

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo (PEM or DER), the form --ignore-certificate-errors-spki-list takes. */
export function spkiHash(cert: string | Buffer): string {
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
