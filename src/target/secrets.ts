/** The secrets a target profile holds, for the run's redactor: client secrets, private keys, the password. */
import { keySecrets, loadClientKey } from './client-key.js';
import type { TargetProfile } from './schema.js';

export function profileSecrets(profile: TargetProfile): [value: string, kind: string][] {
  const out: [string, string][] = [];
  for (const c of Object.values(profile.clients)) {
    if (c.secret) out.push([c.secret, 'client_secret']);
    if (c.auth === 'private_key_jwt' && c.key) for (const part of keySecrets(loadClientKey(c.key, c.alg))) out.push([part, 'private_key']);
  }
  if (profile.user) out.push([profile.user.password, 'password']);
  if (profile.user2) out.push([profile.user2.password, 'password']);
  return out;
}
