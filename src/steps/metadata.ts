/** metadata — fetches both metadata documents of the issuer (RFC 8414 §3 path insertion; OpenID Connect Discovery). */
import type { MetadataEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { metadataUrls } from '../target/discover.js';
import type { MetadataSpec } from '../scenario/schema.js';
import { timeouts, type StepContext } from './context.js';

export async function metadata(_spec: MetadataSpec, ctx: StepContext): Promise<MetadataEvidence> {
  const issuer = ctx.target.endpoints.issuer;
  const [rfc8414, oidc] = metadataUrls(issuer);
  const t = timeouts(ctx.target).http;
  const documents = [
    { ...(await send({ method: 'GET', url: rfc8414, timeout: t })), source: 'rfc8414' as const },
    { ...(await send({ method: 'GET', url: oidc, timeout: t })), source: 'oidc' as const },
  ];
  const parsed = documents.filter((d) => d.response.status === 200).map((d) => d.response.json).find((j) => j && typeof j === 'object' && !Array.isArray(j)) as Record<string, unknown> | undefined;
  ctx.results[ctx.index] = { kind: 'other' };
  return { kind: 'metadata', step: ctx.index, issuer, documents, metadata: parsed };
}
