/**
 * refresh-scope-not-escalated (RT-03) — a refresh request asking for a scope beyond the one originally
 * granted gets no tokens with that scope: invalid_scope. Tokens with only the original scope (the extra
 * silently dropped) are lenient; tokens with the extra scope fail.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
import type { CheckDefinition } from '../types.js';
import { scopeSet } from '../related.js';
import { describeTokenResponse, errorCode, issuedAccessToken, sentParam, tokenBody } from '../token-response.js';

export const refreshScopeNotEscalated: CheckDefinition<'token'> = {
  id: 'refresh-scope-not-escalated',
  title: 'A refresh request cannot add scope to the original grant',
  catalog: ['RT-03'],
  requirements: ['RFC6749-6'],
  level: 'MUST',
  quote: 'The requested scope MUST NOT include any scope not originally granted by the resource owner, and if omitted is treated as equal to the scope originally granted by the resource owner.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: `a ${e.grant} grant, not a refresh` };
    const requested = sentParam(e, 'scope');
    if (requested === undefined) return { holds: 'n/a', reason: 'the refresh request asked for no scope' };
    if (e.originalScope === undefined) return { holds: 'n/a', reason: 'the originally granted scope is unknown' };
    const original = scopeSet(e.originalScope);
    const extra = [...scopeSet(requested)].filter((s) => !original.has(s));
    if (!extra.length) return { holds: 'n/a', reason: `the requested scope "${requested}" is within the original "${e.originalScope}"` };
    const expected = `no tokens; 400 error=invalid_scope (asked for ${extra.join(' ')} beyond "${e.originalScope}")`;
    const actual = describeTokenResponse(e);
    if (!issuedAccessToken(e)) {
      const code = errorCode(e);
      return { holds: true, expected, actual, note: code === 'invalid_scope' ? undefined : `refused, but with ${code ? `error=${code}` : 'no error code'} instead of invalid_scope` };
    }
    const returned = tokenBody(e)?.scope;
    const granted = scopeSet(typeof returned === 'string' ? returned : requested);
    const gained = extra.filter((s) => granted.has(s));
    const shown = typeof returned === 'string' ? `${actual} with scope "${returned}"` : `${actual}, no scope member (so the requested "${requested}")`;
    if (gained.length) return { holds: false, expected, actual: shown, message: `the refresh request escalated the scope: ${gained.join(' ')} granted beyond the original "${e.originalScope}"` };
    return { holds: 'lenient', expected, actual: shown, message: `the extra scope ${extra.join(' ')} was silently dropped instead of refused with invalid_scope` };
  },
};
