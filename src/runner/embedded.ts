/**
 * Starts the embedded authorization server for a target profile that asks for it (`embedded:`): its
 * clients (with the public key of each private_key_jwt client), its user, flaws and switches. Shared by
 * the run's global setup, `doctor` and the harness's own end-to-end rig.
 */
import type { EmbeddedOptions, EmbeddedServer, FlawName } from '../../fixtures/servers/embedded/index.js';
import { loadClientKey, publicJwk } from '../target/client-key.js';
import { authMethod } from '../target/auth-methods.js';
import type { EmbeddedAddress } from '../config.js';
import { EMBEDDED_ENV } from '../target/resolve.js';
import type { TargetProfile } from '../target/schema.js';

/** `switches`: server behaviour no profile field sets, for the harness's own tests (e.g. PKCE required of every client). */
export async function startEmbeddedTarget(profile: TargetProfile, extraFlaws: readonly string[] = [], switches: Pick<EmbeddedOptions, 'pkceRequired'> = {}): Promise<EmbeddedServer> {
  const { startEmbeddedServer } = await import('../../fixtures/servers/embedded/index.js');
  const e: Partial<NonNullable<TargetProfile['embedded']>> = profile.embedded ?? {};
  return startEmbeddedServer({
    clients: Object.values(profile.clients).map((c) => ({
      id: c.id, secret: c.secret, auth: authMethod(c), redirect_uris: c.redirect_uris,
      ...(authMethod(c) === 'private_key_jwt' && c.key ? { jwks: { keys: [publicJwk(loadClientKey(c.key, c.alg))] } } : {}),
    })),
    users: profile.user ? [profile.user] : [],
    flaws: [...new Set([...(e.flaws ?? []), ...extraFlaws])] as FlawName[],
    https: e.https,
    consent: e.consent,
    refreshTokens: e.refresh_tokens,
    pkceRequired: e.pkce_required,
    fapi2: e.fapi2,
    ...switches,
  });
}

/** What the workers need to find (and trust) the started server: see resolveTarget. */
export function embeddedEnv(server: EmbeddedAddress): Record<string, string> {
  return { [EMBEDDED_ENV.issuer]: server.issuer, [EMBEDDED_ENV.resource]: server.resourceUrl ?? '', [EMBEDDED_ENV.ca]: server.ca ?? '' };
}
