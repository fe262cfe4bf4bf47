/**
 * authorization-endpoint-no-cors (AZ-08) — the authorization endpoint does not support CORS: a request
 * (or preflight) from a foreign Origin gets no Access-Control-Allow-Origin that lets that origin read the
 * answer (the origin echoed, or `*`). An Access-Control-Allow-Origin naming some other origin still
 * means CORS is on: lenient.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.6
 */
import type { CheckDefinition } from '../types.js';

const header = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

export const authorizationEndpointNoCors: CheckDefinition<'probe'> = {
  id: 'authorization-endpoint-no-cors',
  title: 'The authorization endpoint does not support CORS',
  catalog: ['AZ-08'],
  requirements: ['RFC9700-2.6'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'However, CORS MUST NOT be supported at the Authorization Endpoint, as the client does not access this endpoint directly; instead, the client '
    + 'redirects the user agent to it.',
  on: 'probe',
  evaluate(e) {
    const origin = header(e.request.headers, 'origin');
    if (e.endpoint !== 'authorization' || !origin) return { holds: 'n/a', reason: 'the probe did not send an Origin to the authorization endpoint' };
    const allow = header(e.response.headers, 'access-control-allow-origin');
    const credentials = header(e.response.headers, 'access-control-allow-credentials');
    const expected = `no Access-Control-Allow-Origin for ${origin}`;
    const actual = allow === undefined
      ? `${e.request.method} answered ${e.response.status} without Access-Control-Allow-Origin`
      : `${e.request.method} answered ${e.response.status} with Access-Control-Allow-Origin: ${allow}${credentials ? `, Access-Control-Allow-Credentials: ${credentials}` : ''}`;
    if (allow === undefined) return { holds: true, expected, actual };
    if (allow.trim() === '*' || allow.trim() === origin) {
      return { holds: false, expected, actual, message: `the authorization endpoint lets ${origin} read its responses (Access-Control-Allow-Origin: ${allow})` };
    }
    return { holds: 'lenient', expected, actual, message: `the authorization endpoint supports CORS (Access-Control-Allow-Origin: ${allow}), though not for ${origin}` };
  },
};
