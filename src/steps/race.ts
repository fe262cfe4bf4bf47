/**
 * Races (TK-03, RT-07): the same token request fired N times at once, then what each issued access
 * token does at the protected resource — a server may let two requests through and revoke afterwards.
 */
import type { HttpExchange } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { timeouts, tokensOf, type StepContext } from './context.js';

export interface RaceOutcome {
  exchanges: HttpExchange[];
  /** What each response issued (registered with the redactor). */
  issued: ReturnType<typeof tokensOf>[];
  /** Status at the resource of each issued access token; absent when the target has no resource. */
  resourceStatuses?: (number | undefined)[];
}

export async function race(n: number, fire: () => Promise<HttpExchange>, ctx: StepContext): Promise<RaceOutcome> {
  const exchanges = await Promise.all(Array.from({ length: n }, fire));
  const issued = exchanges.map((ex) => tokensOf(ctx, ex.response.json));
  const url = ctx.target.resource;
  const resourceStatuses = url
    ? await Promise.all(issued.map(async ({ accessToken: t }) => (t ? (await send({ method: 'GET', url, headers: { authorization: `Bearer ${t}` }, timeout: timeouts(ctx.target).http })).response.status : undefined)))
    : undefined;
  ctx.results[ctx.index] = { kind: 'other' };
  return { exchanges, issued, resourceStatuses };
}
