/**
 * code-challenge-not-exposed (AR-06) — the authorization response does not hand the code_challenge
 * back in a form anyone can read: not as a parameter value, not inside the code as plain text, as a
 * readable JWT claim, or as the raw SHA-256 bytes (base64url-decoded code, any alignment), nor as hex.
 * A challenge that only the server can decrypt is allowed (RFC 7636 §4.4) and not detectable, so a
 * pass means "not found", never "proven absent".
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.4
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, responseParams } from '../outcome.js';
import { challengeOf } from '../pkce.js';

export const codeChallengeNotExposed: CheckDefinition<'authorization'> = {
  id: 'code-challenge-not-exposed',
  title: 'The authorization response does not expose the code_challenge',
  catalog: ['AR-06'],
  requirements: ['RFC7636-4.4'],
  level: 'MUST',
  quote: 'The server MUST NOT include the "code_challenge" value in client requests in a form that other entities can extract.',
  on: 'authorization',
  evaluate(e) {
    const sent = challengeOf(e);
    if (!sent) return { holds: 'n/a', reason: 'the request carried no code_challenge' };
    const params = responseParams(e);
    if (!params) return { holds: 'n/a', reason: 'no authorization response reached the client' };
    const expected = 'no trace of the code_challenge in the response parameters or the code';
    const found = exposures(params, sent.challenge, sent.method);
    const actual = found.length ? found.join('; ') : `not found in ${Object.keys(params).join(', ')} (${describeOutcome(e)})`;
    if (found.length) return { holds: false, expected, actual, message: `the code_challenge can be read from the authorization response: ${found[0]}` };
    return { holds: true, expected, actual };
  },
};

function exposures(params: Record<string, string[]>, challenge: string, method: string): string[] {
  const found: string[] = [];
  const hash = method === 'S256' ? Buffer.from(challenge, 'base64url') : undefined;
  const hex = hash?.length === 32 ? hash.toString('hex') : undefined;
  for (const [name, values] of Object.entries(params)) {
    for (const v of values) {
      if (name === 'code_challenge') found.push('a code_challenge parameter');
      else if (v.includes(challenge)) found.push(`in the ${name} parameter, verbatim`);
      else if (hex && v.toLowerCase().includes(hex)) found.push(`in the ${name} parameter, as hex`);
      else if (decodedSegments(v).some((d) => d.toString('latin1').includes(challenge))) found.push(`in the ${name} parameter, base64url-decoded (e.g. a JWT claim)`);
      else if (hash?.length === 32 && decodedSegments(v).some((d) => d.includes(hash))) found.push(`in the ${name} parameter, as the raw SHA-256 once base64url-decoded`);
    }
  }
  return found;
}

/** The value, and each of its dot-separated parts, base64url-decoded at every alignment. */
function decodedSegments(value: string): Buffer[] {
  const parts = new Set([value, ...value.split('.')]);
  const out: Buffer[] = [];
  for (const p of parts) {
    if (!/^[A-Za-z0-9_-]{8,}={0,2}$/.test(p)) continue;
    for (let shift = 0; shift < 4; shift++) out.push(Buffer.from(p.slice(shift), 'base64url'));
  }
  return out;
}
