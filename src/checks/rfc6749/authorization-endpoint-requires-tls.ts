/**
 * authorization-endpoint-requires-tls (TLS-01) — the authorization endpoint is not served over plain
 * http: a request to its http:// variant gets no answer, an error, or a redirect to https. A page, or a
 * redirect that continues the flow over http (e.g. to an http login page), fails. Only judged on a probe
 * sent with `scheme: http` (scenarios gate it on the `https` feature: a loopback test server on http has
 * nothing to judge).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.9
 */
import type { CheckDefinition } from '../types.js';
import { classifyPlainHttpAnswer, describePlainHttpAnswer, sentOverPlainHttp } from '../transport.js';

export const authorizationEndpointRequiresTls: CheckDefinition<'probe'> = {
  id: 'authorization-endpoint-requires-tls',
  title: 'The authorization endpoint is not served over plain http',
  catalog: ['TLS-01'],
  requirements: ['RFC6749-3.1', 'RFC6749-10.9'],
  level: 'MUST',
  quote: 'the authorization server MUST require the use of TLS as described in Section 1.6 when sending requests to the authorization endpoint.',
  on: 'probe',
  evaluate(e) {
    if (e.endpoint !== 'authorization' || !sentOverPlainHttp(e)) return { holds: 'n/a', reason: 'the probe was not sent to the authorization endpoint over plain http' };
    const expected = 'no answer, an error, or a redirect to https';
    const a = classifyPlainHttpAnswer(e);
    const actual = describePlainHttpAnswer(a);
    if (a.kind === 'served') return { holds: false, expected, actual, message: `the authorization endpoint answered ${a.status} over plain http` };
    if (a.kind === 'redirect' && !a.toHttps) {
      return { holds: false, expected, actual, message: `the authorization endpoint, requested over plain http, redirected to ${a.location || 'a URL'} without https` };
    }
    if (a.kind === 'redirect' && !a.sameHost) return { holds: true, expected, actual, note: 'redirected to https on another host, not to the https endpoint' };
    return { holds: true, expected, actual };
  },
};
