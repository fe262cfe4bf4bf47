/** probe — one raw request to a named endpoint (CORS, methods, transport), recorded whole. */
import type { ProbeEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import type { ProbeSpec } from '../scenario/schema.js';
import { client, timeouts, type StepContext } from './context.js';

export async function probe(spec: ProbeSpec, ctx: StepContext): Promise<ProbeEvidence> {
  const { endpoints, resource } = ctx.target;
  const base = spec.endpoint === 'resource' ? resource : endpoints[spec.endpoint];
  if (!base) throw new HarnessError(`the target has no ${spec.endpoint} endpoint URL`);
  const url = new URL(base);
  if (spec.scheme === 'http') url.protocol = 'http:';
  const c = ctx.target.profile.clients.confidential ? client(ctx, 'confidential') : undefined;
  const values: Record<string, string> = { 'client.id': c?.id ?? '', redirect_uri: c?.redirect_uris[0] ?? '' };
  const expand = (v: string) => v.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, k: string) => values[k] ?? m);
  const ex = await send({
    method: spec.method,
    url: url.toString(),
    headers: spec.headers,
    query: Object.entries(spec.params ?? {}).map(([k, v]) => [k, expand(v)]),
    timeout: timeouts(ctx.target).http,
  });
  ctx.results[ctx.index] = { kind: 'other' };
  return { kind: 'probe', step: ctx.index, endpoint: spec.endpoint, purpose: spec.purpose, ...ex };
}
