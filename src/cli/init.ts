/**
 * `oauth-conformance init`: reads the server's metadata (RFC 8414, then OpenID Connect Discovery) and
 * writes a draft target profile; without metadata, from the endpoints given as flags. Never
 * overwrites a file unless told to.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HarnessError } from '../harness-error.js';
import { ROOT } from '../runner/env.js';
import { discover } from '../drive/resolve-target.js';
import type { Endpoints } from '../target/discover.js';
import { DRAFT_ENV, draftProfile } from '../target/draft.js';
import { advertisedFeatures } from '../target/features-vs-metadata.js';
import { UsageError } from './args.js';
import { rel } from './rel-path.js';

export interface InitFlags {
  issuer?: string;
  out?: string;
  name?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  resource?: string;
  force?: boolean;
}

const METADATA_TIMEOUT_MS = 10_000;

export async function init(f: InitFlags, out: (s: string) => void): Promise<number> {
  for (const [flag, value] of [['--issuer', f.issuer], ['--authorization-endpoint', f.authorizationEndpoint], ['--token-endpoint', f.tokenEndpoint], ['--resource', f.resource]] as const) {
    if (value !== undefined && !/^https?:\/\/[^/]/.test(value)) throw new UsageError(`${flag} must be an absolute http(s) URL (got ${JSON.stringify(value)})`);
  }
  if (Boolean(f.authorizationEndpoint) !== Boolean(f.tokenEndpoint)) throw new UsageError('give both --authorization-endpoint and --token-endpoint, or neither');
  const explicit = f.authorizationEndpoint && f.tokenEndpoint ? { authorization: f.authorizationEndpoint, token: f.tokenEndpoint } : undefined;
  if (!f.issuer && !explicit) throw new UsageError('init needs --issuer <url> (its metadata is read), or --authorization-endpoint <url> and --token-endpoint <url>');
  const name = f.name ?? nameOf(f.issuer ?? explicit!.authorization);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(name)) throw new UsageError(`--name must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})`);
  const file = path.resolve(f.out ?? `${name}.yaml`);
  if (existsSync(file) && !f.force) {
    out(`error: ${rel(file)} already exists.\n  hint: give --force to overwrite it, or --out another file.`);
    return 2;
  }

  let found: Endpoints;
  try {
    found = await discover(f.issuer, explicit, METADATA_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof HarnessError)) throw err;
    out(`error: ${err.message}`);
    // The server answered, without metadata: the endpoints are what is missing. Otherwise the cause's own hint.
    const noMetadata = !explicit && err.message.startsWith('no metadata found');
    out(`  hint: ${noMetadata ? 'if the server publishes no metadata, give its endpoints: --authorization-endpoint <url> --token-endpoint <url>' : err.hint ?? 'check the URL'}`);
    return 2;
  }
  const m = found.metadata;
  const methods = m?.token_endpoint_auth_methods_supported;
  const postOnly = Array.isArray(methods) && methods.includes('client_secret_post') && !methods.includes('client_secret_basic');
  const features = m ? advertisedFeatures(m) : ['authorization-code' as const];
  if (found.issuer.startsWith('https:') && !features.includes('https')) features.push('https');
  // --resource names the resource: its feature is declared, not left commented out.
  if (f.resource && !features.includes('resource')) features.push('resource');
  writeFileSync(file, draftProfile({
    name,
    schemaRef: schemaRef(file),
    issuer: f.issuer,
    endpoints: explicit,
    resource: f.resource,
    metadataUrl: found.metadataUrl,
    features,
    scopesSupported: m?.scopes_supported,
    auth: postOnly ? 'client_secret_post' : 'client_secret_basic',
  }));
  out(`wrote ${rel(file)}: ${m ? `endpoints and features from ${found.metadataUrl}` : 'endpoints as given (no metadata)'}; features: ${features.join(', ')}.`);
  out('next:');
  out(`  1. register a client with redirect URI https://client.oauth-conformance.test/cb, and a test user; then`);
  out(`     export ${DRAFT_ENV.clientId}=… ${DRAFT_ENV.clientSecret}=… ${DRAFT_ENV.username}=… ${DRAFT_ENV.password}=…`);
  if (features.includes('implicit')) out('     the metadata lists response_type=token: also register a client allowed the implicit grant (clients.implicit in the draft), or the implicit scenarios skip');
  out(`  2. check the TODOs in ${rel(file)} (scope, features, the login and consent rules)`);
  out(`  3. oauth-conformance doctor --target ${rel(file)}`);
  out(`  4. oauth-conformance run --target ${rel(file)}`);
  return 0;
}

/** The schema for editors: relative when the profile sits inside the project (or beside it), else absolute. */
function schemaRef(file: string): string {
  const schema = path.join(ROOT, 'schemas/target.schema.json');
  const relative = path.relative(path.dirname(file), schema);
  return relative.startsWith('..') && path.relative(ROOT, file).startsWith('..') ? schema : relative.split(path.sep).join('/');
}

/** `auth.example.com` from `https://auth.example.com/realms/x`. */
function nameOf(url: string): string {
  return new URL(url).hostname.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '') || 'target';
}
