/**
 * code-race-single-success (TK-03) — the same code redeemed by N concurrent requests, released together,
 * in several rounds (each of a fresh code): in every round exactly one gets tokens, and afterwards at
 * most one of the issued access tokens works at the protected resource. Two successes in any round
 * break single use, whatever the other requests got (a 500 is evidence, not an excuse) and even if the
 * server later revoked the tokens. No success in any round proves nothing (n/a). It judges TK-01's rule
 * (single use) under concurrency, hence both catalog ids.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';
import { roundsLine, summarize, workingAtResource } from '../race-rounds.js';

export const codeRaceSingleSuccess: CheckDefinition<'token-race'> = {
  id: 'code-race-single-success',
  title: 'Concurrent redemptions of one code: exactly one succeeds',
  catalog: ['TK-03', 'TK-01'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-10.5'],
  level: 'MUST',
  quote: 'The client MUST NOT use the authorization code more than once. If an authorization code is used more than once, the authorization server MUST deny the request',
  on: 'token-race',
  evaluate(e) {
    if (e.grant !== 'authorization_code') return { holds: 'n/a', reason: 'a race of refreshes, not of code redemptions' };
    const rounds = summarize(e);
    const total = e.rounds.reduce((n, r) => n + r.exchanges.length, 0);
    if (rounds.every((r) => r.successes === 0)) {
      return { holds: 'n/a', reason: `none of the ${total} concurrent redemptions (${rounds.length} round(s) of ${e.concurrent}) succeeded (${rounds.map((r) => `round ${r.round}: ${r.statuses}`).join('; ')}): the race proves nothing` };
    }
    const working = e.rounds.map(workingAtResource);
    const expected = `in each round, 1 of ${e.concurrent} concurrent redemptions of one code issues tokens; at most 1 access token works afterwards`;
    const actual = roundsLine(e, (r) => (workingAtResource(r) !== undefined ? `, ${workingAtResource(r)} working at the resource afterwards` : ''));
    const doubled = rounds.filter((r) => r.successes > 1);
    if (doubled.length) {
      const worst = doubled.reduce((a, b) => (b.successes > a.successes ? b : a));
      const still = working[worst.round - 1];
      return {
        holds: false, expected, actual,
        message: `a code was redeemed ${worst.successes} times by ${e.rounds[worst.round - 1].exchanges.length} concurrent requests in round ${worst.round} (${doubled.length} of ${rounds.length} rounds with two or more successes)${still !== undefined ? `; ${still} of those access tokens still work` : ''}`,
      };
    }
    const many = working.findIndex((w) => w !== undefined && w > 1);
    if (many >= 0) return { holds: false, expected, actual, message: `${working[many]} access tokens from one code work at the resource (round ${many + 1})` };
    const idle = rounds.filter((r) => r.successes === 0).length;
    return { holds: true, expected, actual, ...(idle ? { note: `${idle} of ${rounds.length} rounds had no success at all` } : {}) };
  },
};
