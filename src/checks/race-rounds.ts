/** Reading the rounds of a race (token-race evidence), shared by the race checks. */
import type { RaceExchange, TokenRaceEvidence, TokenRaceRound } from '../evidence/types.js';
import { issuedAccessToken } from './token-response.js';

export interface RoundSummary {
  /** 1-based, as in messages. */
  round: number;
  successes: number;
  /** "200, 200, 400, 500, no answer, …" */
  statuses: string;
}

const works = (s: number | undefined) => s !== undefined && s >= 200 && s < 300;

/** The status of each request of a round, a request without an answer as "no answer". */
function statusesOf(exchanges: RaceExchange[]): string {
  return exchanges.map((x) => (x.failed ? 'no answer' : String(x.response.status))).join(', ');
}

export function summarize(e: TokenRaceEvidence): RoundSummary[] {
  return e.rounds.map((r, i) => ({ round: i + 1, successes: r.exchanges.filter((x) => issuedAccessToken(x)).length, statuses: statusesOf(r.exchanges) }));
}

/** How many of a round's issued access tokens worked at the resource afterwards (undefined without a resource). */
export function workingAtResource(r: TokenRaceRound): number | undefined {
  return r.resourceStatuses ? r.exchanges.filter((x, i) => issuedAccessToken(x) && works(r.resourceStatuses![i])).length : undefined;
}

/** How many of a round's new refresh tokens worked on one more use. */
export function workingRefreshTokens(r: TokenRaceRound): number {
  return (r.refreshStatuses ?? []).filter(works).length;
}

/** "round 3: 2 of 8 issued tokens (statuses 200, 200, 400, …)", one line per round, plus how the race ended early. */
export function roundsLine(e: TokenRaceEvidence, extra: (r: TokenRaceRound) => string = () => ''): string {
  const lines = summarize(e).map((s, i) => {
    const r = e.rounds[i];
    const held = r.primed < r.exchanges.length ? `, ${r.primed} released together` : '';
    return `round ${s.round}: ${s.successes} of ${r.exchanges.length} issued tokens (statuses ${s.statuses}${held})${extra(r)}`;
  });
  if (e.stopped) lines.push(`stopped after ${e.rounds.length} of ${e.plannedRounds} rounds: ${e.stopped}`);
  return lines.join('; ');
}
