#!/usr/bin/env node
// One-command set-up on a fresh machine: npm dependencies, then a Chromium.
// Browser order (the same as src/drive/chromium.ts): OC_CHROMIUM, Playwright's own browser
// (downloaded here when the network allows), then the system's (Debian: apt-get install
// chromium-headless-shell, or chromium). The headless shell drives flows ~3x faster than the full
// browser, so it is installed even when a full Chromium is already there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const say = (s) => process.stdout.write(`setup: ${s}\n`);
const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status === 0;

say('installing npm dependencies (npm ci)');
if (!sh('npm', ['ci', '--no-audit', '--no-fund'])) {
  say('npm ci failed; see above');
  process.exit(1);
}

// The project's own resolver (src/drive/chromium.ts) decides, so set-up and runs agree.
function found() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/drive/chromium.ts').then(m => process.stdout.write(m.chromiumExecutable() ?? ''))"], { encoding: 'utf8' });
  return r.stdout.trim() || undefined;
}

let browser = found();
if (!browser) {
  say("downloading Playwright's Chromium");
  if (!sh('npx', ['playwright', 'install', 'chromium'], { timeout: 300_000 })) say("Playwright's download failed (no network to its CDN?); trying the system package");
  browser = found();
}
const isShell = (p) => /headless[_-]shell/.test(p ?? '');
if (!process.env.OC_CHROMIUM && !isShell(browser) && existsSync('/usr/bin/apt-get')) {
  const root = process.getuid?.() === 0;
  const pre = root ? [] : ['sudo'];
  const run = (args) => sh(pre[0] ?? args[0], pre.length ? args : args.slice(1), { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  say("installing Debian's chromium-headless-shell with apt-get");
  run(['apt-get', 'update', '-qq']);
  if (!run(['apt-get', 'install', '-y', '-qq', 'chromium-headless-shell']) && !browser) {
    say("no chromium-headless-shell package; installing Debian's chromium");
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  }
  browser = found();
}
if (!browser) {
  say('no Chromium could be installed. Install one and point OC_CHROMIUM at it, e.g. OC_CHROMIUM=/usr/bin/chromium');
  process.exit(1);
}
say(`browser: ${browser}`);
say('ready. Next: npm start (runs the default suite against the embedded server), npm test (the harness\'s own tests)');
