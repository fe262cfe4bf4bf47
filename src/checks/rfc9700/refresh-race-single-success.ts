/**
 * refresh-race-single-success (RT-07) — one rotating refresh token used by N concurrent requests,
 * released together, in several rounds (each with a fresh refresh token): in every round at most one
 * request gets tokens. Rotation makes a refresh token single-use (RFC 9700 §4.14.2); a race that mints
 * several token sets forks the family, so a thief racing the client may keep a live refresh token that
 * reuse detection never sees — the actual says whether the forked sets still worked. A server that
 * does not rotate (allowed for confidential clients) may legitimately answer every request: n/a; so
 * is a race where no request succeeded. The catalog marks the rule as derived, hence SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import type { CheckDefinition } from '../types.js';
import { issuedRefreshToken } from '../token-response.js';
import { roundsLine, summarize, workingAtResource, workingRefreshTokens } from '../race-rounds.js';

export const refreshRaceSingleSuccess: CheckDefinition<'token-race'> = {
  id: 'refresh-race-single-success',
  title: 'Concurrent refreshes with one rotating refresh token: at most one succeeds',
  catalog: ['RT-07'],
  requirements: ['RFC9700-4.14.2'],
  level: 'SHOULD',
  quote: 'Refresh token rotation is intended to automatically detect and prevent attempts to use the same refresh token in parallel from different apps/devices.',
  on: 'token-race',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: 'a race of code redemptions, not of refreshes' };
    const rounds = summarize(e);
    if (rounds.every((r) => r.successes === 0)) {
      return { holds: 'n/a', reason: `none of the concurrent refreshes (${rounds.length} round(s) of ${e.concurrent}) succeeded (${rounds.map((r) => `round ${r.round}: ${r.statuses}`).join('; ')}): the race proves nothing` };
    }
    const rotated = e.rounds.some((r) => r.exchanges.some((x) => { const rt = issuedRefreshToken(x); return rt && rt !== r.sentRefreshToken; }));
    if (!rotated) {
      return { holds: 'n/a', reason: 'the server does not rotate this refresh token (no new one issued): concurrent use of a reusable refresh token is not a race' };
    }
    const expected = `in each round, at most 1 of ${e.concurrent} concurrent refreshes with one refresh token issues tokens`;
    const actual = roundsLine(e, (r) => {
      const at = workingAtResource(r);
      return `, afterwards ${workingRefreshTokens(r)} new refresh token(s) worked${at !== undefined ? ` and ${at} access token(s) at the resource` : ''}`;
    });
    const doubled = rounds.filter((r) => r.successes > 1);
    if (!doubled.length) return { holds: true, expected, actual };
    const worst = doubled.reduce((a, b) => (b.successes > a.successes ? b : a));
    const r = e.rounds[worst.round - 1];
    const alive = Math.max(workingRefreshTokens(r), workingAtResource(r) ?? 0);
    return {
      holds: false, expected, actual,
      message: `one rotating refresh token was redeemed ${worst.successes} times by ${r.exchanges.length} concurrent requests in round ${worst.round} (${doubled.length} of ${rounds.length} rounds with two or more successes): the token family forked${alive > 1 ? `, and ${alive} of the resulting token sets still work` : ''}`,
    };
  },
};
