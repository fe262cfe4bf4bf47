/**
 * refresh-scope-unchanged (RT-06) — a refresh request without a scope gets tokens with exactly the
 * scope originally granted. A returned scope wider than the original fails; narrower is lenient. No
 * scope in the response means identical (RFC 6749 §5.1).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { scopeSet } from '../related.js';
import { issuedAccessToken, sentParam, tokenBody } from '../token-response.js';

export const refreshScopeUnchanged: CheckDefinition<'token'> = {
  id: 'refresh-scope-unchanged',
  title: 'A refresh without a scope keeps the original scope',
  catalog: ['RT-06'],
  requirements: ['RFC6749-6', 'RFC6749-5.1'],
  level: 'MUST',
  quote: '[scope] if omitted is treated as equal to the scope originally granted by the resource owner. […] If a new refresh token is issued, the refresh token scope MUST be identical to that of the refresh token included by the client in the request.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: `a ${e.grant} grant, not a refresh` };
    if (sentParam(e, 'scope') !== undefined) return { holds: 'n/a', reason: 'the refresh request asked for a scope (refresh-scope-not-escalated judges that)' };
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: 'the refresh was refused: no scope to compare' };
    if (e.originalScope === undefined) return { holds: 'n/a', reason: 'the originally granted scope is unknown' };
    const returned = tokenBody(e)?.scope;
    const expected = `scope "${e.originalScope}" (or no scope member: identical)`;
    if (typeof returned !== 'string') return { holds: true, expected, actual: 'no scope in the response (identical, RFC 6749 §5.1)' };
    const actual = `scope "${returned}"`;
    const original = scopeSet(e.originalScope);
    const now = scopeSet(returned);
    const added = [...now].filter((s) => !original.has(s));
    const lost = [...original].filter((s) => !now.has(s));
    if (added.length) return { holds: false, expected, actual, message: `the refresh widened the scope: ${added.join(' ')} added to "${e.originalScope}"` };
    if (lost.length) return { holds: 'lenient', expected, actual, message: `the refresh narrowed the scope: ${lost.join(' ')} dropped from "${e.originalScope}"` };
    return { holds: true, expected, actual };
  },
};
