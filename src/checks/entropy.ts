/**
 * A black-box estimate of how guessable issued tokens are (RFC 6749 §10.10: the probability of guessing
 * a token MUST be ≤ 2^-128 and SHOULD be ≤ 2^-160). Heuristic, from a handful of samples, in the spirit
 * of OAuch's estimate: what varies between the tokens, times the bits each varying character can carry.
 *
 *   1. Identical tokens: 0 bits.
 *   2. Structure removed: for tokens of equal length, the positions where every sample has the same
 *      character (UUID hyphens and version nibble, fixed prefixes); otherwise the common prefix and suffix.
 *   3. Alphabet of what is left: hex (16) when only hex digits appear, else digits (10), lower (26) and
 *      upper (26) letters as classes, plus each other symbol seen.
 *   4. Bits per character: log2 of the alphabet, lowered to the observed (Miller–Madow corrected)
 *      Shannon entropy when the characters are clearly skewed (< 80% of the alphabet's bits).
 *   5. Estimate: the shortest varying part × bits per character.
 * It over-estimates generators that look random but are not (a counter run through a hash looks ideal):
 * a pass is "no sign of weakness", a failure is a real finding.
 */
import type { Judgement } from './types.js';

export interface EntropyEstimate {
  bits: number;
  samples: number;
  /** How the number came about, for people. */
  detail: string;
}

/** A token shaped like a JWS/JWT: its characters say nothing of how guessable it is. */
export function jwtAlg(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    return undefined;
  }
}

export function estimateEntropy(samples: readonly string[]): EntropyEstimate {
  const n = samples.length;
  if (new Set(samples).size < n) return { bits: 0, samples: n, detail: `the same value was issued more than once among ${n}` };
  const varying = varyingParts(samples);
  const minLen = Math.min(...varying.map((v) => v.length));
  const chars = varying.join('');
  const alphabet = alphabetSize(chars);
  const ideal = Math.log2(Math.max(alphabet, 1));
  const observed = shannon(chars);
  const perChar = observed < 0.8 * ideal ? observed : ideal;
  const bits = Math.floor(minLen * perChar);
  const skew = perChar < ideal ? ` (skewed: ${observed.toFixed(1)} observed)` : '';
  return { bits, samples: n, detail: `${n} samples; ${minLen} varying characters of a ${alphabet}-symbol alphabet, ≈${perChar.toFixed(1)} bits each${skew}` };
}

function varyingParts(samples: readonly string[]): string[] {
  const chars = samples.map((s) => Array.from(s));
  const len = chars[0].length;
  if (chars.every((c) => c.length === len)) {
    const keep = Array.from({ length: len }, (_, i) => chars.some((c) => c[i] !== chars[0][i]));
    return chars.map((c) => c.filter((_, i) => keep[i]).join(''));
  }
  let pre = 0;
  while (chars.every((c) => pre < c.length && c[pre] === chars[0][pre])) pre++;
  let suf = 0;
  const shortest = Math.min(...chars.map((c) => c.length));
  while (suf < shortest - pre && chars.every((c) => c[c.length - 1 - suf] === chars[0][chars[0].length - 1 - suf])) suf++;
  return chars.map((c) => c.slice(pre, c.length - suf).join(''));
}

function alphabetSize(chars: string): number {
  if (/^[0-9a-f]*$/.test(chars) || /^[0-9A-F]*$/.test(chars)) return 16;
  let size = 0;
  if (/[0-9]/.test(chars)) size += 10;
  if (/[a-z]/.test(chars)) size += 26;
  if (/[A-Z]/.test(chars)) size += 26;
  size += new Set(chars.replace(/[0-9a-zA-Z]/g, '')).size;
  return size;
}

/** Shannon entropy per character with the Miller–Madow small-sample correction. */
function shannon(chars: string): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  const total = chars.length;
  if (!total) return 0;
  let h = 0;
  for (const k of counts.values()) h -= (k / total) * Math.log2(k / total);
  return h + (counts.size - 1) / (2 * total * Math.LN2);
}

/** RFC 6749 §10.10 thresholds: < 128 bits breaks the MUST; < 160 the SHOULD. */
export const MUST_BITS = 128;
export const SHOULD_BITS = 160;

/**
 * Judges a scenario's tokens of one kind (`access token`, `refresh token`) against RFC 6749 §10.10.
 * Signed JWTs are not estimated (guessing one means forging its signature); unsigned ones fail.
 */
export function judgeEntropy(values: readonly string[], what: string): Judgement {
  if (values.length < 2) return { holds: 'n/a', reason: `${values.length} ${what}(s) issued in this scenario so far: an estimate needs at least two` };
  const algs = values.map(jwtAlg);
  const expected = `≥ ${SHOULD_BITS} bits (at least ${MUST_BITS}) of entropy, estimated over the ${what}s of this scenario`;
  if (algs.some((a) => a?.toLowerCase() === 'none')) {
    return { holds: false, expected, actual: `unsigned JWT ${what}s (alg=none)`, message: `the ${what}s are unsigned JWTs (alg=none): anyone can forge one` };
  }
  const signed = algs.find((a) => a !== undefined);
  if (signed) return { holds: 'n/a', reason: `the ${what}s are signed JWTs (alg=${signed}): guessing one means forging its signature, which their characters say nothing about` };
  const est = estimateEntropy(values);
  const actual = `≈${est.bits} bits (${est.detail})`;
  if (est.bits < MUST_BITS) {
    return { holds: false, expected, actual, message: `the ${what}s look guessable: about ${est.bits} bits of entropy, below the ${MUST_BITS} bits RFC 6749 §10.10 requires (heuristic estimate)` };
  }
  if (est.bits < SHOULD_BITS) {
    return { holds: 'lenient', expected, actual, message: `about ${est.bits} bits of entropy in the ${what}s: above the ${MUST_BITS}-bit minimum, below the ${SHOULD_BITS} bits RFC 6749 §10.10 recommends (heuristic estimate)` };
  }
  return { holds: true, expected, actual, note: `no sign of weakness (heuristic estimate from ${est.samples} ${what}s)` };
}
