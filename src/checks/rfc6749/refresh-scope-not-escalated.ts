/**
 * refresh-scope-not-escalated (RT-03) — a refresh request asking for a scope beyond the one originally
 * granted gets no tokens with that scope: invalid_scope. Tokens with only the original scope (the extra
 * silently dropped) are lenient; tokens with the extra scope fail. A response without `scope` is an
 * escalation only when the server confirms it (introspection or the resource: evidence `grantedScope`);
 * confirmed or not, the omitted `scope` is the format deviation of RFC 6749 §5.1 it is (lenient).
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
    if (typeof returned === 'string') {
      const gained = extra.filter((s) => scopeSet(returned).has(s));
      const shown = `${actual} with scope "${returned}"`;
      if (gained.length) return { holds: false, expected, actual: shown, message: `the refresh request escalated the scope: ${gained.join(' ')} granted beyond the original "${e.originalScope}"` };
      return { holds: 'lenient', expected, actual: shown, message: `the extra scope ${extra.join(' ')} was silently dropped instead of refused with invalid_scope` };
    }
    // No scope member. RFC 6749 §5.1 reads it as "the requested scope", but servers omit it carelessly:
    // an escalation is called one only when the server confirms the token carries the extra scope.
    const omitted = `the response omits scope, which RFC 6749 §5.1 requires when the granted scope differs from the requested "${requested}"`;
    const g = e.grantedScope;
    if (!g) {
      return {
        holds: 'lenient', expected, actual: `${actual}, no scope member; nothing confirmed the scope the token carries (no introspection endpoint, no scope at the resource)`,
        message: `the refresh asking for ${extra.join(' ')} beyond "${e.originalScope}" was not refused, and ${omitted}: either the scope was escalated or silently dropped; the harness could not tell`,
      };
    }
    const gained = extra.filter((s) => scopeSet(g.scope).has(s));
    const shown = `${actual}, no scope member; the token carries "${g.scope}" according to ${g.source}`;
    if (gained.length) return { holds: false, expected, actual: shown, message: `the refresh request escalated the scope: ${gained.join(' ')} granted beyond the original "${e.originalScope}" (confirmed by ${g.source})` };
    return { holds: 'lenient', expected, actual: shown, message: `the extra scope ${extra.join(' ')} was silently dropped instead of refused with invalid_scope, and ${omitted}` };
  },
};
