/** resource — calls the protected resource: token in the Authorization header (RFC 6750 §2.1), in the query (§2.3), none, or a made-up one. */
import { randomBytes } from 'node:crypto';
import type { ResourceEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import { refusal, targetOrigins } from '../target/origins.js';
import type { ResourceSpec } from '../scenario/schema.js';
import { earlier, timeouts, type StepContext } from './context.js';
import { missingFrom } from './precondition.js';
import type { DpopProofSent } from '../evidence/fapi.js';
import { dpopAtResource } from './dpop-request.js';

export async function resource(spec: ResourceSpec, ctx: StepContext): Promise<ResourceEvidence> {
  const url = spec.at === 'userinfo' ? userinfoEndpoint(ctx) : ctx.target.resource;
  if (!url) throw new HarnessError('the target profile names no protected resource', 'add `resource:` to the profile, or leave out the `resource` feature');
  const present = spec.present;
  let tokenFrom: number | undefined;
  let value: string | undefined;
  if (present === 'bogus') value = randomBytes(24).toString('base64url');
  else if (present !== 'none') {
    const found = earlier(ctx, 'token', spec.token, (r) => Boolean(r.accessToken));
    if (!found.result.accessToken) throw missingFrom(ctx, found.index, 'an access token', { plain: found.result.plain });
    tokenFrom = found.index;
    value = found.result.accessToken;
  }
  const dpop = spec.dpop === undefined ? undefined : dpopAtResource(ctx, spec.dpop, url, value);
  let proof: DpopProofSent | undefined;
  const call = async () => {
    const p = await dpop?.proof();
    proof = p?.sent;
    return send({
      method: 'GET',
      url,
      headers: present === 'header' || present === 'bogus' ? { authorization: `${dpop ? 'DPoP' : 'Bearer'} ${value}`, ...(p?.header ? { dpop: p.header } : {}) } : {},
      query: present === 'query' ? [['access_token', value!]] : [],
      timeout: timeouts(ctx.target).http,
    });
  };
  const { ex, nonceRetried } = dpop ? await dpop.send(call) : { ex: await call(), nonceRetried: false };
  ctx.results[ctx.index] = { kind: 'other' };
  return { kind: 'resource', step: ctx.index, tokenFrom, presented: present, ...(spec.at === 'userinfo' ? { at: 'userinfo' as const } : {}), ...ex, ...(proof ? { dpop: { ...proof, ...(nonceRetried ? { nonceRetried } : {}) } } : {}) };
}

/** The metadata's userinfo_endpoint (OIDC Discovery), on an origin the profile names. */
function userinfoEndpoint(ctx: StepContext): string {
  const url = ctx.target.endpoints.metadata?.userinfo_endpoint;
  if (typeof url !== 'string') throw new NotApplicable('the server\'s metadata advertises no userinfo_endpoint');
  const refused = refusal(url, targetOrigins(ctx.target));
  if (refused) throw new HarnessError(`the metadata's userinfo_endpoint ${JSON.stringify(url.slice(0, 200))} is not called: ${refused}`, 'add its origin to `allowed_origins` in the target profile if it is the server\'s');
  return url;
}
