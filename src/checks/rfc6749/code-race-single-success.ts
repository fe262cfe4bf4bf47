/**
 * code-race-single-success (TK-03) — the same code redeemed by N concurrent requests: exactly one gets
 * tokens, and afterwards at most one of the issued access tokens works at the protected resource.
 * Zero successes proves nothing about the race (n/a). Several successes break single use, even if the
 * server later revoked the tokens: the actual numbers are reported. It judges TK-01's rule (single use)
 * under concurrency, hence both catalog ids.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';
import { issuedAccessToken } from '../token-response.js';

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
    const n = e.exchanges.length;
    const issued = e.exchanges.map(issuedAccessToken);
    const successes = issued.filter(Boolean).length;
    const distinct = new Set(issued.filter(Boolean)).size;
    const statuses = e.resourceStatuses;
    const working = statuses ? statuses.filter((s, i) => issued[i] && s !== undefined && s >= 200 && s < 300).length : undefined;
    const expected = `1 of ${n} concurrent redemptions issues tokens; at most 1 access token works afterwards`;
    const codes = e.exchanges.map((x) => x.response.status).join(', ');
    const actual = `${successes} of ${n} issued tokens (${distinct} distinct access token${distinct === 1 ? '' : 's'}; statuses ${codes})`
      + (working !== undefined ? `; ${working} working at the resource afterwards` : '');
    if (successes === 0) return { holds: 'n/a', reason: `none of the ${n} concurrent redemptions succeeded (statuses ${codes}): the race proves nothing` };
    if (successes > 1) {
      return { holds: false, expected, actual, message: `the code was redeemed ${successes} times by ${n} concurrent requests${working !== undefined ? `; ${working} of the access tokens still work` : ''}` };
    }
    if (working !== undefined && working > 1) return { holds: false, expected, actual, message: `${working} access tokens from one code work at the resource` };
    return { holds: true, expected, actual };
  },
};
