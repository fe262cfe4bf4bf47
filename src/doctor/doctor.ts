/**
 * `doctor`: checks a target profile before a full run, cheapest first, each check one finding —
 * the profile loads; TLS; metadata and endpoints answer; each client authenticates; the interaction
 * rules get a real browser to the redirect URI; one complete flow ends with tokens. A check that
 * cannot mean anything after an earlier problem is not run. Exit 0 all good, 1 a problem, 2 bad input.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';
import type { Redactor } from '../evidence/redact.js';
import { formatLoadError } from '../load/errors.js';
import { embeddedEnv, startEmbeddedTarget } from '../runner/embedded.js';
import { launchHarnessBrowser, type HarnessBrowser } from '../runner/harness-browser.js';
import { KNOWN_FLAWS } from '../runner/plan.js';
import { featureFindings } from '../target/features-vs-metadata.js';
import { loadTarget } from '../target/load.js';
import type { TargetProfile } from '../target/schema.js';
import { EMBEDDED_ENV } from '../target/resolve.js';
import { profileSecrets } from '../target/secrets.js';
import { checkClient } from './clients.js';
import { checkReachable, discoverTarget } from './endpoints.js';
import { note, ok, problem, skipped, type Finding } from './finding.js';
import { checkFlow } from './flow.js';
import { checkTls } from './tls.js';

export interface DoctorOptions {
  targetFile: string;
  /** PEM text of an extra CA (`--ca`). */
  ca?: string;
  insecure?: boolean;
  reportDir: string;
  redactor: Redactor;
  env?: NodeJS.ProcessEnv;
}

export async function doctor(o: DoctorOptions, report: (f: Finding) => void): Promise<number> {
  const env = { ...(o.env ?? process.env) };
  const { target: profile, errors } = loadTarget(o.targetFile, env, { knownFlaws: KNOWN_FLAWS });
  if (!profile) {
    for (const e of errors) report(problem(`profile: ${formatLoadError({ ...e, hint: undefined })}`, e.hint ?? 'see docs/TARGETS.md'));
    return 2;
  }
  registerSecrets(profile, o.redactor, env);
  report(ok(`profile ${o.targetFile} loads: "${profile.name}", client(s) ${Object.keys(profile.clients).join(', ')}; features ${profile.features.join(', ')}`));

  let problems = 0;
  const tell = (f: Finding) => { if (f.mark === 'problem') problems++; report(f); return f.mark !== 'problem'; };
  const stop = () => { report(skipped('client credentials and the browser flow: not checked until the above is fixed')); return 1; };
  const closers: (() => Promise<void>)[] = [];
  try {
    if (profile.embedded) {
      const server = await startEmbeddedTarget(profile);
      closers.push(() => server.close());
      Object.assign(env, embeddedEnv(server));
      report(note(`embedded target: the built-in server was started at ${server.issuer} for these checks`));
    }
    const timeout = profile.timeouts?.http ?? 10_000;
    // --ca, else the profile's own `ca:` (what a run will trust).
    const ca = o.ca ?? (profile.ca ? readFileSync(profile.ca, 'utf8') : undefined);
    if (ca || o.insecure) setGlobalDispatcher(new Agent({ connect: { ca: ca ? [...tls.rootCertificates, ca] : undefined, rejectUnauthorized: !o.insecure } }));

    // TLS before anything else speaks https: a bad certificate would otherwise show as "unreachable".
    const trusted: string[] = [];
    const seen = new Set<string>();
    const tlsOf = async (urls: (string | undefined)[]) => {
      let fine = true;
      for (const origin of new Set(urls.filter((u): u is string => Boolean(u?.startsWith('https:'))).map((u) => new URL(u).origin))) {
        if (seen.has(origin)) continue;
        seen.add(origin);
        const r = await checkTls(origin, { ca, insecure: o.insecure, timeout });
        if (r.spkiHash && (ca || o.insecure)) trusted.push(r.spkiHash);
        fine = tell(r.finding) && fine;
      }
      return fine;
    };
    if (!(await tlsOf([env[EMBEDDED_ENV.issuer], profile.issuer, profile.endpoints?.authorization, profile.endpoints?.token]))) return stop();
    if (!seen.size) report(note('TLS: not checked, the endpoints are plain http (fine on loopback; a real deployment must use https)'));

    const { target, finding } = await discoverTarget(profile, env);
    if (!tell(finding) || !target) return stop();
    const { endpoints, resource } = target;
    if (!(await tlsOf([endpoints.authorization, endpoints.token, resource]))) return stop();
    const reach = [
      await checkReachable('authorization endpoint', endpoints.authorization, 'GET', timeout),
      await checkReachable('token endpoint', endpoints.token, 'POST', timeout),
      ...(resource ? [await checkReachable('resource', resource, 'GET', timeout)] : []),
    ];
    if (!reach.map(tell).every(Boolean)) return stop();
    for (const f of featureFindings(target.features, endpoints.metadata)) report(note(`features: ${f}`));

    const refused = new Set<string>();
    for (const [key, client] of Object.entries(profile.clients)) {
      if (!tell(await checkClient(key, client, endpoints.token, timeout))) refused.add(key);
    }

    const clientKey = profile.clients.confidential ? 'confidential' : Object.keys(profile.clients)[0];
    let harness: HarnessBrowser;
    try {
      harness = await launchHarnessBrowser(target, { spkiHashes: trusted });
    } catch (err) {
      report(problem(`browser: ${(err as Error).message}`, (err as { hint?: string }).hint ?? 'check the Chromium installation'));
      return 2;
    }
    closers.push(() => harness.close());
    for (const f of await checkFlow({ target, harness, clientKey, redactor: o.redactor, reportDir: o.reportDir, clientRefused: refused.has(clientKey) })) tell(f);
    return problems ? 1 : 0;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

function registerSecrets(profile: TargetProfile, redactor: Redactor, env: NodeJS.ProcessEnv): void {
  for (const [value, kind] of profileSecrets(profile, env)) redactor.add(value, kind);
}
