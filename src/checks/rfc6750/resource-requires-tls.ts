/**
 * resource-requires-tls (TLS-06) — the protected resource is not served over plain http. With a bearer
 * token in the probe, a 2xx over http fails and a redirect is lenient (the token already went in clear).
 * Without one, only what proves refusal counts: no answer, or a redirect to https; a 401 says nothing
 * about transport and is not judged.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-5.3
 */
import type { CheckDefinition } from '../types.js';
import { classifyPlainHttpAnswer, describePlainHttpAnswer, sentOverPlainHttp } from '../transport.js';

export const resourceRequiresTls: CheckDefinition<'probe'> = {
  id: 'resource-requires-tls',
  title: 'The protected resource is not served over plain http',
  catalog: ['TLS-06'],
  requirements: ['RFC6750-5.2', 'RFC6750-5.3'],
  level: 'MUST',
  quote: 'Clients MUST always use TLS [RFC5246] (https) or equivalent transport security when making requests with bearer tokens.',
  on: 'probe',
  evaluate(e) {
    if (e.endpoint !== 'resource' || !sentOverPlainHttp(e)) return { holds: 'n/a', reason: 'the probe was not sent to the protected resource over plain http' };
    const bearer = /^bearer\s/i.test(Object.entries(e.request.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '');
    const expected = 'no answer, an error, or a redirect to https';
    const a = classifyPlainHttpAnswer(e);
    const actual = `${describePlainHttpAnswer(a)} (${bearer ? 'with' : 'without'} a bearer token)`;
    if (a.kind === 'no-answer' || (a.kind === 'redirect' && a.toHttps && !bearer)) return { holds: true, expected, actual };
    if (!bearer) return { holds: 'n/a', reason: `the probe carried no bearer token, so ${a.kind === 'redirect' ? 'a redirect' : `HTTP ${a.status}`} says nothing about transport` };
    if (a.kind === 'served') return { holds: false, expected, actual, message: `the protected resource served a bearer-token request over plain http (${a.status})` };
    if (a.kind === 'redirect') return { holds: 'lenient', expected, actual, message: `the protected resource redirected a plain-http request (${a.status}): the bearer token had already been sent in clear` };
    return { holds: true, expected, actual };
  },
};
