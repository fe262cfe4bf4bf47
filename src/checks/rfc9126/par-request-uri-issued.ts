/**
 * par-request-uri-issued (PAR-01) — a valid pushed authorization request is answered 201 with a
 * request_uri and its lifetime, expires_in, a positive number.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { describePush } from '../par-evidence.js';

export const parRequestUriIssued: CheckDefinition<'par'> = {
  id: 'par-request-uri-issued',
  title: 'A valid push is answered 201 with a request_uri and expires_in',
  catalog: ['PAR-01'],
  requirements: ['RFC9126-2.2'],
  level: 'MUST',
  quote: 'If the verification is successful, the server MUST generate a request URI and provide it in the response with a 201 HTTP status code.',
  on: 'par',
  evaluate(e) {
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no pushed_authorization_request_endpoint' };
    const { status, json } = e.exchange.response;
    const body = json as Record<string, unknown> | undefined;
    const expected = '201 with request_uri (string) and expires_in (positive number)';
    const actual = describePush(e);
    const missing = [
      ...(status !== 201 ? [`status ${status}, not 201`] : []),
      ...(typeof body?.request_uri !== 'string' ? ['no request_uri'] : []),
      ...(typeof body?.expires_in !== 'number' || !(body.expires_in > 0) ? ['no positive expires_in'] : []),
    ];
    if (!missing.length) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the answer to a valid push is not the one RFC 9126 §2.2 prescribes: ${missing.join(', ')}` };
  },
};
