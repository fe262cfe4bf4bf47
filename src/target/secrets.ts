/**
 * The secrets a target profile holds, for the run's redactor, whatever field holds them: client
 * secrets, private keys, the users' passwords, and every other value the interaction rules type into
 * the server's pages (a one-time code, a PIN, a value from `{{env.NAME}}` or `${env:NAME}`), save the
 * usernames.
 */
import { keySecrets, loadClientKey } from './client-key.js';
import { authMethods } from './auth-methods.js';
import type { TargetProfile } from './schema.js';
import { expandTemplate, hasRunTimePlaceholder, templateValues } from './templates.js';

export function profileSecrets(profile: TargetProfile, env: NodeJS.ProcessEnv = process.env): [value: string, kind: string][] {
  const out: [string, string][] = [];
  for (const c of Object.values(profile.clients)) {
    if (c.secret) out.push([c.secret, 'client_secret']);
    if (authMethods(c).includes('private_key_jwt') && c.key) for (const part of keySecrets(loadClientKey(c.key, c.alg))) out.push([part, 'private_key']);
  }
  if (profile.user) out.push([profile.user.password, 'password']);
  if (profile.user2) out.push([profile.user2.password, 'password']);
  const values = templateValues(profile, env);
  const usernames = new Set([profile.user?.username, profile.user2?.username]);
  for (const rule of profile.interaction ?? []) {
    for (const action of [...rule.steps, ...(rule.deny ?? [])]) {
      if (!('fill' in action) || hasRunTimePlaceholder(action.fill.value)) continue;
      const value = expandTemplate(action.fill.value, values);
      if (!usernames.has(value)) out.push([value, 'password']);
    }
  }
  return out;
}
