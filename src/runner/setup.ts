/**
 * What a run starts before its workers: an embedded authorization server for each embedded configuration
 * its projects use (one per target profile and flaw set, shared by the projects that name the same), and
 * each project's stub certificate; and what it hands the workers and the reporter (config.ts Handoff).
 * Playwright's global setup runs it; `oauth-conformance run` runs it itself while Playwright starts, and
 * hands the result over in a file (global-setup.ts), so the server's start no longer waits on Playwright's.
 */
import { type EmbeddedAddress, type Handoff } from '../config.js';
import { stubCertificate, stubCertificateHosts, type StubTls } from '../drive/stub.js';
import type { EmbeddedServer } from '../../fixtures/servers/embedded/index.js';
import { featureFindings } from '../target/features-vs-metadata.js';
import { resolveTarget } from '../drive/resolve-target.js';
import type { TargetProfile } from '../target/schema.js';
import { safeTerminal } from '../text/terminal.js';
import { embeddedEnv, startEmbeddedTarget } from './embedded.js';
import { loadPlanTarget } from './plan.js';
import type { ProjectOptions } from './projects.js';

export interface RunServers {
  handoff: Handoff;
  /** Notes for the tester (declared features the metadata contradicts), one line each. */
  notes: string[];
  close(): Promise<void>;
}

export async function startRunServers(selected: { name: string; options: ProjectOptions }[]): Promise<RunServers> {
  const projects = selected.map((p) => ({ ...p, target: loadPlanTarget(p.options.target) }));
  const servers = new Map<string, Promise<EmbeddedServer>>();
  const certificates = new Map<string, Promise<StubTls>>();
  const started: Promise<EmbeddedServer>[] = [];
  const embedded: Record<string, EmbeddedAddress> = {};
  const stubTls: Record<string, StubTls> = {};
  const close = () => closeAll(started);
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
    const notes: string[] = [];
    const findings = await Promise.all(projects.map(async (p) => {
      const found = await checkFeatures(p.target, embedded[p.name]);
      notes.push(...found.map((f) => `note${projects.length > 1 ? ` (${safeTerminal(p.name)})` : ''}: ${safeTerminal(f)}`));
      return [p.name, found] as const;
    }));
    return { handoff: { embedded, stubTls, featureFindings: Object.fromEntries(findings) }, notes, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function closeAll(servers: Promise<EmbeddedServer>[]): Promise<void> {
  await Promise.all(servers.map((s) => s.then((x) => x.close(), () => undefined)));
}

/** Declared features against the metadata: contradictions are printed and kept for results.json. */
async function checkFeatures(profile: TargetProfile, address: EmbeddedAddress | undefined): Promise<string[]> {
  try {
    const target = await resolveTarget(profile, address ? embeddedEnv(address) : {});
    return featureFindings(target.features, target.endpoints.metadata);
  } catch {
    return []; // Discovery problems surface in every scenario as harness errors, with their cause.
  }
}
