/**
 * token-endpoint-requires-tls (TLS-02) — the token endpoint is not served over plain http. A harmless
 * invalid request to its http:// variant should get no answer or an error. A redirect to https is
 * lenient (a warning): the request, and any credentials in it, already went in clear. A 2xx fails, and
 * so does an OAuth error in JSON: the token endpoint's own logic ran on a request received in clear, so
 * a real code sent there would have been redeemed in clear (a plain error page, e.g. "TLS required",
 * passes).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.9
 */
import type { CheckDefinition } from '../types.js';
import { errorCode } from '../token-response.js';
import { classifyPlainHttpAnswer, describePlainHttpAnswer, sentOverPlainHttp } from '../transport.js';

export const tokenEndpointRequiresTls: CheckDefinition<'probe'> = {
  id: 'token-endpoint-requires-tls',
  title: 'The token endpoint is not served over plain http',
  catalog: ['TLS-02'],
  requirements: ['RFC6749-3.2', 'RFC6749-10.9'],
  level: 'MUST',
  quote: 'the authorization server MUST require the use of TLS as described in Section 1.6 when sending requests to the token endpoint.',
  on: 'probe',
  evaluate(e) {
    if (e.endpoint !== 'token' || !sentOverPlainHttp(e)) return { holds: 'n/a', reason: 'the probe was not sent to the token endpoint over plain http' };
    const expected = 'no answer or an error; never a token response';
    const a = classifyPlainHttpAnswer(e);
    const actual = describePlainHttpAnswer(a);
    if (a.kind === 'served') return { holds: false, expected, actual, message: `the token endpoint answered ${a.status} over plain http` };
    if (a.kind === 'redirect') {
      return { holds: 'lenient', expected, actual, message: `the token endpoint redirected a plain-http request (${a.status}): the request body had already been sent in clear` };
    }
    const code = a.kind === 'error' ? errorCode(e) : undefined;
    if (code) return { holds: false, expected, actual: `${actual} with error=${code}`, message: `the token endpoint processes token requests received over plain http (it answered error=${code})` };
    return { holds: true, expected, actual };
  },
};
