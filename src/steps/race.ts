/**
 * Races (TK-03, RT-07): the same token request fired N times at once, in several rounds, each with a
 * fresh code or refresh token, released together by last-byte synchronization; then what each issued
 * access token does at the protected resource — a server may let two requests through and revoke
 * afterwards. One round proves little: a race window is hit by chance, so a weakness that shows in one
 * round of five must not be missed, and a round that shows it is kept even when a later one fails.
 */
import type { TokenRaceRound } from '../evidence/types.js';
import { send, type HttpRequest } from '../drive/http.js';
import { releaseTogether } from '../drive/release-together.js';
import { HarnessError } from '../harness-error.js';
import { timeouts, tokensOf, type StepContext } from './context.js';

/** Rounds of a race step when neither the scenario nor the command line says. */
export const DEFAULT_RACE_ROUNDS = 5;

export interface RoundRequests {
  /** The N identical requests (each built on its own: a client assertion is single-use). */
  requests: HttpRequest[];
  sentRefreshToken?: string;
}

export interface RacePlan {
  /** The scenario's rounds; `ctx.raceRounds` (the command line) overrides it. */
  rounds?: number;
  /** The requests of round `r`; round 0 uses what the earlier steps produced, later rounds get fresh ones. */
  prepare(round: number): Promise<RoundRequests>;
  /** Status of one more use of each new refresh token (refresh races). */
  afterwards?(refreshTokens: (string | undefined)[], sent: string | undefined): Promise<(number | undefined)[]>;
}

export async function race(ctx: StepContext, plan: RacePlan): Promise<{ rounds: TokenRaceRound[]; plannedRounds: number; stopped?: string }> {
  const plannedRounds = ctx.rerun ? ctx.raceRounds ?? plan.rounds ?? DEFAULT_RACE_ROUNDS : 1;
  const rounds: TokenRaceRound[] = [];
  let stopped: string | undefined;
  for (let r = 0; r < plannedRounds; r++) {
    let prepared: RoundRequests;
    try {
      prepared = await plan.prepare(r);
    } catch (err) {
      // An observed double success stands; without one, the harness's trouble is its error.
      if (!rounds.some((x) => successes(x) > 1)) throw err;
      stopped = `round ${r + 1} could not be prepared: ${(err as Error).message.split('\n')[0]}`;
      break;
    }
    const { exchanges, primed } = await releaseTogether(prepared.requests);
    const issued = exchanges.map((ex) => tokensOf(ctx, ex.response.json));
    const round: TokenRaceRound = { exchanges, primed, ...(prepared.sentRefreshToken ? { sentRefreshToken: prepared.sentRefreshToken } : {}) };
    const url = ctx.target.resource;
    if (url) round.resourceStatuses = await Promise.all(issued.map(({ accessToken: t }) => (t ? statusOf({ method: 'GET', url, headers: { authorization: `Bearer ${t}` }, timeout: timeouts(ctx.target).http }) : undefined)));
    if (plan.afterwards) round.refreshStatuses = await plan.afterwards(issued.map((i) => i.refreshToken), prepared.sentRefreshToken);
    rounds.push(round);
  }
  ctx.results[ctx.index] = { kind: 'other' };
  return { rounds, plannedRounds, ...(stopped ? { stopped } : {}) };
}

/** Requests of a round that got tokens. */
function successes(round: TokenRaceRound): number {
  return round.exchanges.filter((x) => x.response.status >= 200 && x.response.status < 300 && typeof (x.response.json as { access_token?: unknown } | undefined)?.access_token === 'string').length;
}

/** A status for the evidence; a request that got no answer is recorded as no status, not as the harness's error. */
export async function statusOf(r: HttpRequest): Promise<number | undefined> {
  try {
    return (await send(r)).response.status;
  } catch (err) {
    if (err instanceof HarnessError) return undefined;
    throw err;
  }
}

/** N requests, each built on its own. */
export async function times(n: number, build: () => Promise<HttpRequest>): Promise<HttpRequest[]> {
  return Promise.all(Array.from({ length: n }, build));
}
