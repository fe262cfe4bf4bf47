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
  const request = {
    method: spec.method,
    url: url.toString(),
    headers: withBrowserAccept(spec.endpoint, spec.headers),
    query: Object.entries(spec.params ?? {}).map(([k, v]) => [k, expand(v)] as [string, string]),
    timeout: timeouts(ctx.target).http,
  };
  let ex;
  try {
    ex = await send(request);
  } catch (err) {
    // For a plain-http probe of an https endpoint, no answer is the answer (TLS-01/02/06): status 0.
    if (spec.scheme !== 'http' || !(err instanceof HarnessError)) throw err;
    ex = { request: { method: request.method, url: request.url, headers: request.headers ?? {} }, response: { status: 0, headers: {}, body: err.message }, durationMs: 0 };
  }
  ctx.results[ctx.index] = { kind: 'other' };
  return { kind: 'probe', step: ctx.index, endpoint: spec.endpoint, purpose: spec.purpose, ...ex };
}

/** What Chromium sends with a navigation: the authorization endpoint is met by browsers, not API clients. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

/**
 * A probe of the authorization endpoint asks as a browser does, so that it gets the page a user would
 * see (a server may answer `Accept: application/json`, the back channel's default, with JSON instead of
 * its error page). A scenario's own Accept wins.
 */
function withBrowserAccept(endpoint: ProbeSpec['endpoint'], headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (endpoint !== 'authorization' || Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'accept')) return headers;
  return { accept: BROWSER_ACCEPT, ...headers };
}
