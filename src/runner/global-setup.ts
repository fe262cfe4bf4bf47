/**
 * Once per run, before the workers: the run's servers and stub certificates (setup.ts), handed to the
 * workers and the reporter by project name (config.ts handOff). Under `oauth-conformance run` the command
 * line has started them while Playwright started, and hands them over in a file (OC_SETUP_FILE): this
 * waits for it. Alone (`npx playwright test`), it starts them, and stops them in the returned teardown.
 */
import { readFileSync } from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { config, handOff, type Handoff } from '../config.js';
import { selectedProjects } from './projects.js';
import { startRunServers } from './setup.js';

/** How long the command line may take to start the servers before the run gives up. */
const SETUP_WAIT_MS = 120_000;

export default async function globalSetup(full: FullConfig): Promise<(() => Promise<void>) | void> {
  const file = config().setupFile;
  if (file) {
    handOff(await waitForSetup(file));
    return undefined;
  }
  const servers = await startRunServers(selectedProjects(full));
  for (const note of servers.notes) process.stdout.write(`  ${note}\n`);
  handOff(servers.handoff);
  return servers.close;
}

/** The command line's hand-over: the servers' addresses, or why they could not start (then this run fails as global setup). */
async function waitForSetup(file: string): Promise<Handoff> {
  const until = Date.now() + SETUP_WAIT_MS;
  for (;;) {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch { /* not written yet */ }
    if (text) {
      const got = JSON.parse(text) as { handoff?: Handoff; error?: string };
      if (got.error !== undefined || !got.handoff) throw new Error(got.error ?? 'the command line handed over no servers');
      return got.handoff;
    }
    if (Date.now() > until) throw new Error(`the run's servers did not start within ${SETUP_WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
