/**
 * authorization-code-entropy (AR-05) — authorization codes cannot be guessed: over the codes this
 * scenario collected (several authorize steps; judged on the last one), no code repeats and a
 * heuristic estimate of their entropy reaches 128 bits (MUST) and 160 bits (SHOULD; below it is
 * reported as lenient). The estimate is shared with the token checks (src/checks/entropy.ts) and
 * reported as an estimate: a pass means "no sign of weakness", a failure is a finding.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 */
import type { AuthorizationEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { judgeEntropy } from '../entropy.js';

/** Codes need a few more samples than tokens: positions that happen to agree would be taken for structure. */
const MIN_CODES = 3;

export const authorizationCodeEntropy: CheckDefinition<'authorization'> = {
  id: 'authorization-code-entropy',
  title: 'Authorization codes are unique and carry at least 128 bits of entropy (estimated)',
  catalog: ['AR-05'],
  requirements: ['RFC6749-10.10', 'RFC6749-4.1.2'],
  level: 'MUST',
  quote: 'The probability of an attacker guessing generated tokens (and other credentials not intended for handling by end-users) MUST be less than '
    + 'or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160).',
  on: 'authorization',
  evaluate(e, ctx) {
    const all = ctx.all.includes(e) ? ctx.all : [...ctx.all, e];
    const codes = all.filter((x): x is AuthorizationEvidence => x.kind === 'authorization' && x.step <= e.step).flatMap(codeOf);
    if (codes.length < MIN_CODES) {
      return { holds: 'n/a', reason: `${codes.length} authorization code(s) reached the client in this scenario so far: the estimate needs at least ${MIN_CODES}` };
    }
    const distinct = new Set(codes).size;
    if (distinct < codes.length) {
      return {
        holds: false, expected: `${codes.length} distinct codes`, actual: `${distinct} distinct among ${codes.length}`,
        message: 'the same authorization code was issued for more than one authorization request',
      };
    }
    return judgeEntropy(codes, 'authorization code');
  },
};

function codeOf(a: AuthorizationEvidence): string[] {
  const o = a.outcome;
  if (o.type !== 'redirect' || o.target !== 'registered') return [];
  const code = o.query.code?.[0] ?? o.fragment.code?.[0];
  return code ? [code] : [];
}
