/**
 * device-user-code-entropy (DV-06) — the user code can take enough values that guessing one within its
 * lifetime is infeasible under rate limiting: at least 2^20 values (RFC 8628 §6.1 gives 8 characters of
 * a 20-letter alphabet, 34.5 bits, as its example). Measured on the code's length and the character
 * classes it uses, an upper bound: a code can carry no more.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-6.1
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { notStarted } from '../device-evidence.js';

const MIN_BITS = 20;

export const deviceUserCodeEntropy: CheckDefinition<'device'> = {
  id: 'device-user-code-entropy',
  title: 'The user code has enough possible values',
  catalog: ['DV-06'],
  requirements: ['RFC8628-6.1', 'RFC8628-5.1'],
  level: 'SHOULD',
  quote: 'the user code SHOULD have enough entropy that when combined with rate limiting and other mitigations makes a brute-force attack infeasible',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    if (!e.userCode) return { holds: 'n/a', reason: 'no user_code in the response' };
    const chars = e.userCode.replace(/[-\s]/g, '');
    const classes: [RegExp, number][] = [[/[A-Z]/, 26], [/[a-z]/, 26], [/[0-9]/, 10]];
    const alphabet = classes.reduce((n, [re, size]) => n + (re.test(chars) ? size : 0), 0) || 2;
    const bits = chars.length * Math.log2(alphabet);
    const expected = `at most 1 in 2^${MIN_BITS} chance per guess (length and alphabet)`;
    const actual = `${chars.length} characters of an alphabet of at most ${alphabet}: ≤ ${bits.toFixed(1)} bits`;
    if (bits < MIN_BITS) return { holds: false, expected, actual, message: `the user code can take at most 2^${bits.toFixed(1)} values: guessable within its lifetime` };
    return { holds: true, expected, actual };
  },
};
