/** Starts the embedded authorization server with a profile's clients and user (the run's global setup, `doctor`). */
import type { EmbeddedServer } from '../../fixtures/servers/embedded/index.js';
import type { TargetProfile } from '../target/schema.js';
import { EMBEDDED_ENV } from '../target/resolve.js';

export async function startEmbeddedTarget(profile: TargetProfile, flaws: string[] = []): Promise<EmbeddedServer> {
  // Loaded on demand: a run against another server never loads oidc-provider.
  const { startEmbeddedServer } = await import('../../fixtures/servers/embedded/index.js');
  return startEmbeddedServer({
    clients: Object.values(profile.clients).map((c) => ({ id: c.id, secret: c.secret, auth: c.auth, redirect_uris: c.redirect_uris })),
    users: [profile.user],
    flaws: [...new Set([...(profile.embedded?.flaws ?? []), ...flaws])] as never,
  });
}

/** Where resolveTarget finds a started embedded server. */
export function embeddedEnv(server: Pick<EmbeddedServer, 'issuer'> & { resourceUrl?: string }): Record<string, string> {
  return { [EMBEDDED_ENV.issuer]: server.issuer, ...(server.resourceUrl ? { [EMBEDDED_ENV.resource]: server.resourceUrl } : {}) };
}
