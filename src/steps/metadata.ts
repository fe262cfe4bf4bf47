/** metadata — fetches both metadata documents of the issuer (RFC 8414 §3 path insertion; OpenID Connect Discovery). */
import type { MetadataEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { metadataUrls } from '../target/discover.js';
import type { MetadataSpec } from '../scenario/schema.js';
import { HarnessError } from '../harness-error.js';
import { refusal, targetOrigins } from '../target/origins.js';
import { timeouts, type StepContext } from './context.js';

export async function metadata(spec: MetadataSpec, ctx: StepContext): Promise<MetadataEvidence> {
  const issuer = ctx.target.endpoints.issuer;
  const [rfc8414, oidc] = metadataUrls(issuer);
  const t = timeouts(ctx.target).http;
  const documents = [
    { ...(await send({ method: 'GET', url: rfc8414, timeout: t })), source: 'rfc8414' as const },
    { ...(await send({ method: 'GET', url: oidc, timeout: t })), source: 'oidc' as const },
  ];
  const parsed = documents.filter((d) => d.response.status === 200).map((d) => d.response.json).find((j) => j && typeof j === 'object' && !Array.isArray(j)) as Record<string, unknown> | undefined;
  ctx.results[ctx.index] = { kind: 'other' };
  // The JWKS of an OpenID Provider (ID token signatures, OIDC Core §10.1); only from the metadata's own `jwks_uri`.
  const jwksUri = spec.jwks && typeof parsed?.jwks_uri === 'string' ? parsed.jwks_uri : undefined;
  const refused = jwksUri && refusal(jwksUri, targetOrigins(ctx.target));
  if (refused) throw new HarnessError(`the metadata's jwks_uri ${JSON.stringify(jwksUri.slice(0, 200))} is not fetched: ${refused}`, 'add its origin to `allowed_origins` in the target profile if it is the server\'s');
  const jwks = jwksUri ? await send({ method: 'GET', url: jwksUri, timeout: t }) : undefined;
  return { kind: 'metadata', step: ctx.index, issuer, documents, metadata: parsed, ...(jwks ? { jwks } : {}) };
}
