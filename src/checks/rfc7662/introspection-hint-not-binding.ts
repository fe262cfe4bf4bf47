/**
 * introspection-hint-not-binding (IN-05) — a token introspected with a wrong token_type_hint (the other
 * type) or one the server does not know is still found: `active: true`, as an introspection of the same
 * token with the right hint said just before (the positive control).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
 */
import type { CheckDefinition } from '../types.js';
import { activeOf, seenActive, tokenName } from '../revocation.js';

export const introspectionHintNotBinding: CheckDefinition<'introspection'> = {
  id: 'introspection-hint-not-binding',
  title: 'A wrong or unknown token_type_hint does not hide a token from introspection',
  catalog: ['IN-05'],
  requirements: ['RFC7662-2.1'],
  level: 'MUST',
  quote: 'If the server is unable to locate the token using the given hint, it MUST extend its search across all of its supported token types.',
  on: 'introspection',
  evaluate(e, ctx) {
    if (e.hint !== 'wrong' && e.hint !== 'unknown') return { holds: 'n/a', reason: 'the hint sent was the token\'s own type, or none' };
    if (e.which === 'bogus' || e.variants?.some((v) => v.startsWith('auth:') || v.startsWith('client:'))) return { holds: 'n/a', reason: 'not the token\'s own client asking as registered about an issued token' };
    const control = seenActive(ctx, e, e.step);
    if (!control) return { holds: 'n/a', reason: `no introspection with the right hint said the ${tokenName(e.which)} was active before` };
    const a = activeOf(e);
    if ('unknown' in a) return { holds: false, expected: '200 with "active": true', actual: a.unknown, message: `introspection with ${e.hint === 'wrong' ? 'the other type as hint' : 'an unknown hint'} failed where the right hint worked (step ${control.step + 1})` };
    const expected = '200 with "active": true';
    const actual = `200 with "active": ${a.active}`;
    if (!a.active) return { holds: false, expected, actual, message: `the ${tokenName(e.which)}, active with the right hint (step ${control.step + 1}), is reported inactive with ${e.hint === 'wrong' ? 'the other type as hint' : 'an unknown hint'}: the server took the hint as binding` };
    return { holds: true, expected, actual };
  },
};
