/**
 * Discovery and reachability: the metadata (or the profile's explicit endpoints) resolve, and each
 * endpoint answers HTTP at all. Any status counts: a 400 from an authorization endpoint called
 * without parameters is an answer; a refused connection or a timeout is not.
 */
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import { resolveTarget } from '../drive/resolve-target.js';
import type { ResolvedTarget } from '../target/resolve.js';
import type { TargetProfile } from '../target/schema.js';
import { ok, problem, type Finding } from './finding.js';

export async function discoverTarget(profile: TargetProfile, env: NodeJS.ProcessEnv): Promise<{ target?: ResolvedTarget; finding: Finding }> {
  try {
    const target = await resolveTarget(profile, env);
    const where = target.endpoints.metadataUrl ? `metadata read from ${target.endpoints.metadataUrl}` : 'endpoints as given in the profile (no metadata)';
    return { target, finding: ok(`${where}: authorization ${target.endpoints.authorization}, token ${target.endpoints.token}`) };
  } catch (err) {
    if (!(err instanceof HarnessError)) throw err;
    const fix = `${err.hint ? `${err.hint}; ` : ''}check \`issuer:\` in the profile${profile.endpoints ? ' and `endpoints:`' : ''}`;
    return { finding: problem(`issuer/metadata: ${err.message}`, fix) };
  }
}

export async function checkReachable(what: string, url: string, method: 'GET' | 'POST', timeout: number): Promise<Finding> {
  try {
    const ex = await send({ method, url, timeout, ...(method === 'POST' ? { form: [] } : {}) });
    return ok(`${what} ${url} answers (HTTP ${ex.response.status})`);
  } catch (err) {
    if (!(err instanceof HarnessError)) throw err;
    return problem(`${what} ${url} is unreachable: ${err.message}`, err.hint ?? `check the ${what} URL (profile or metadata)`);
  }
}
