#!/usr/bin/env node
// One-command set-up on a fresh machine: npm dependencies, then a Chromium.
// Browser order (the same as src/drive/chromium.ts): OC_CHROMIUM, Playwright's own browser
// (downloaded here when the network allows), then the system's (Debian: apt-get install chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const say = (s) => process.stdout.write(`setup: ${s}\n`);
const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status === 0;

say('installing npm dependencies (npm ci)');
if (!sh('npm', ['ci', '--no-audit', '--no-fund'])) {
  say('npm ci failed; see above');
  process.exit(1);
}

function playwrightChromium() {
  const r = spawnSync(process.execPath, ['-e', "import('playwright').then(m => process.stdout.write(m.chromium.executablePath()))"], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return p && existsSync(p) ? p : undefined;
}
const found = () => process.env.OC_CHROMIUM || playwrightChromium() || SYSTEM.find((p) => existsSync(p));

let browser = found();
if (!browser) {
  say("downloading Playwright's Chromium");
  if (!sh('npx', ['playwright', 'install', 'chromium'], { timeout: 300_000 })) say("Playwright's download failed (no network to its CDN?); trying the system package");
  browser = found();
}
if (!browser && existsSync('/usr/bin/apt-get')) {
  const root = process.getuid?.() === 0;
  const pre = root ? [] : ['sudo'];
  say('installing Debian\'s chromium with apt-get');
  const run = (args) => sh(pre[0] ?? args[0], pre.length ? args : args.slice(1), { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  browser = found();
}
if (!browser) {
  say('no Chromium could be installed. Install one and point OC_CHROMIUM at it, e.g. OC_CHROMIUM=/usr/bin/chromium');
  process.exit(1);
}
say(`browser: ${browser}`);
say('ready. Next: npm start (runs the default suite against the embedded server), npm test (the harness\'s own tests)');
