/**
 * Starts the embedded authorization server when the target profile asks for it, once per run, and
 * hands its address to the workers through the environment. Stopped by the returned teardown.
 */
import { EMBEDDED_ENV } from '../target/resolve.js';
import { readSettings } from './env.js';
import { loadPlanTarget } from './plan.js';

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
  const settings = readSettings();
  const profile = loadPlanTarget(settings);
  if (!profile.embedded) return;
  const { startEmbeddedServer } = await import('../../fixtures/servers/embedded/index.js');
  const flaws = [...new Set([...(profile.embedded.flaws ?? []), ...settings.flaws])];
  const server = await startEmbeddedServer({
    clients: Object.values(profile.clients).map((c) => ({ id: c.id, secret: c.secret, auth: c.auth, redirect_uris: c.redirect_uris })),
    users: [profile.user],
    flaws: flaws as never,
  });
  process.env[EMBEDDED_ENV.issuer] = server.issuer;
  process.env[EMBEDDED_ENV.resource] = server.resourceUrl;
  return () => server.close();
}
