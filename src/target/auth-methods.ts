/**
 * A client's token endpoint authentication methods: a profile names one, or every method the server
 * accepts for the client (`auth: [client_secret_basic, client_secret_post]`). The first is the one
 * the harness authenticates with; the list is what "as registered" means.
 */
import type { ClientProfile } from './schema.js';

export type AuthMethod = Extract<ClientProfile['auth'], string>;

export function authMethods(c: Pick<ClientProfile, 'auth'>): AuthMethod[] {
  return Array.isArray(c.auth) ? [...c.auth] : [c.auth as AuthMethod];
}

/** The method the harness authenticates with. */
export function authMethod(c: Pick<ClientProfile, 'auth'>): AuthMethod {
  return authMethods(c)[0]!;
}
