/**
 * Once per run, before the workers: starts an embedded authorization server for each embedded
 * configuration the selected projects use (one per target profile and flaw set, shared by the projects
 * that name the same), makes each project's stub certificate, and hands both to the workers by project
 * name (config.ts handOff). Stopped by the returned teardown.
 */
import type { FullConfig } from '@playwright/test';
import { handOff, type EmbeddedAddress } from '../config.js';
import { stubCertificate, type StubTls } from '../drive/stub.js';
import type { EmbeddedServer } from '../../fixtures/servers/embedded/index.js';
import { featureFindings } from '../target/features-vs-metadata.js';
import { resolveTarget } from '../drive/resolve-target.js';
import type { TargetProfile } from '../target/schema.js';
import { safeTerminal } from '../text/terminal.js';
import { embeddedEnv, startEmbeddedTarget } from './embedded.js';
import { stubCertificateHosts } from './harness-browser.js';
import { loadPlanTarget } from './plan.js';
import { selectedProjects } from './projects.js';

export default async function globalSetup(full: FullConfig): Promise<(() => Promise<void>) | void> {
  const projects = selectedProjects(full).map((p) => ({ ...p, target: loadPlanTarget(p.options.target) }));
  const servers = new Map<string, Promise<EmbeddedServer>>();
  const certificates = new Map<string, Promise<StubTls>>();
  const started: Promise<EmbeddedServer>[] = [];
  const embedded: Record<string, EmbeddedAddress> = {};
  const stubTls: Record<string, StubTls> = {};
  try {
    // Servers and certificates are made side by side; the same configuration (or host list) only once.
    await Promise.all(projects.map(async ({ name, options, target }) => {
      const hosts = stubCertificateHosts(target);
      const tls = certificates.get(hosts.join(' ')) ?? certificates.set(hosts.join(' '), stubCertificate(hosts)).get(hosts.join(' '))!;
      let server: Promise<EmbeddedServer> | undefined;
      if (target.embedded) {
        const key = JSON.stringify([options.target, [...options.flaws].sort()]);
        server = servers.get(key);
        if (!server) {
          servers.set(key, (server = startEmbeddedTarget(target, options.flaws)));
          started.push(server);
        }
      }
      const [s, t] = await Promise.all([server, tls]);
      stubTls[name] = t;
      if (s) embedded[name] = { issuer: s.issuer, resourceUrl: s.resourceUrl, ca: s.ca };
    }));
  } catch (err) {
    await closeAll(started);
    throw err;
  }
  handOff({ embedded, stubTls });
  handOff({ featureFindings: Object.fromEntries(await Promise.all(projects.map(async (p) => [p.name, await reportFeatures(p.name, p.target, embedded[p.name], projects.length > 1)] as const))) });
  return started.length ? () => closeAll(started) : undefined;
}

async function closeAll(servers: Promise<EmbeddedServer>[]): Promise<void> {
  await Promise.all(servers.map((s) => s.then((x) => x.close(), () => undefined)));
}

/** Declared features against the metadata: contradictions are printed and kept for results.json. */
async function reportFeatures(project: string, profile: TargetProfile, address: EmbeddedAddress | undefined, named: boolean): Promise<string[]> {
  try {
    const target = await resolveTarget(profile, address ? embeddedEnv(address) : {});
    const findings = featureFindings(target.features, target.endpoints.metadata);
    for (const f of findings) process.stdout.write(`  note${named ? ` (${safeTerminal(project)})` : ''}: ${safeTerminal(f)}\n`);
    return findings;
  } catch {
    return []; // Discovery problems surface in every scenario as harness errors, with their cause.
  }
}
