/** resource — calls the protected resource with an access token in the Authorization header (RFC 6750 §2.1). */
import type { ResourceEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import type { ResourceSpec } from '../scenario/schema.js';
import { earlier, timeouts, type StepContext } from './context.js';

export async function resource(spec: ResourceSpec, ctx: StepContext): Promise<ResourceEvidence> {
  const url = ctx.target.resource;
  if (!url) throw new HarnessError('the target profile names no protected resource', 'add `resource:` to the profile, or leave out the `resource` feature');
  const { index: tokenFrom, result } = spec.token
    ? earlier(ctx, 'token', spec.token)
    : earlierWithToken(ctx);
  if (!result.accessToken) throw new HarnessError(`step ${ctx.index + 1} needs an access token, but step ${tokenFrom + 1} issued none`);
  const ex = await send({ method: 'GET', url, headers: { authorization: `Bearer ${result.accessToken}` }, timeout: timeouts(ctx.target).http });
  ctx.results[ctx.index] = { kind: 'resource' };
  return { kind: 'resource', step: ctx.index, tokenFrom, ...ex };
}

function earlierWithToken(ctx: StepContext) {
  for (let i = ctx.index - 1; i >= 0; i--) {
    const r = ctx.results[i];
    if (r?.kind === 'token' && r.accessToken) return { index: i, result: r };
  }
  throw new HarnessError(`step ${ctx.index + 1} needs an earlier token step that issued an access token`);
}
