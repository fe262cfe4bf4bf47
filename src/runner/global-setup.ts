/**
 * Starts the embedded authorization server when the target profile asks for it, once per run, and
 * hands its address to the workers through the environment, with the stub's certificate. Stopped by the returned teardown.
 */
import { featureFindings } from '../target/features-vs-metadata.js';
import { resolveTarget } from '../drive/resolve-target.js';
import type { TargetProfile } from '../target/schema.js';
import { stubCertificate } from '../drive/stub.js';
import { embeddedEnv, startEmbeddedTarget } from './embedded.js';
import { STUB_TLS_ENV, stubCertificateHosts } from './harness-browser.js';
import { readSettings } from './env.js';
import { safeTerminal } from '../text/terminal.js';
import { loadPlanTarget } from './plan.js';

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
  const settings = readSettings();
  const profile = loadPlanTarget(settings);
  // The workers' stub certificate is made once, while the server starts (fixtures.ts reads it).
  const [server, tls] = await Promise.all([
    profile.embedded ? startEmbeddedTarget(profile, settings.flaws) : undefined,
    stubCertificate(stubCertificateHosts(profile)),
  ]);
  process.env[STUB_TLS_ENV] = JSON.stringify(tls);
  if (!server) return reportFeatures(profile);
  Object.assign(process.env, embeddedEnv(server));
  await reportFeatures(profile);
  return () => server.close();
}

/** Declared features against the metadata: contradictions are printed and kept for results.json. */
async function reportFeatures(profile: TargetProfile): Promise<void> {
  try {
    const target = await resolveTarget(profile);
    const findings = featureFindings(target.features, target.endpoints.metadata);
    process.env.OC_FEATURE_FINDINGS = JSON.stringify(findings);
    for (const f of findings) process.stdout.write(`  note: ${safeTerminal(f)}\n`);
  } catch {
    // Discovery problems surface in every scenario as harness errors, with their cause.
  }
}
