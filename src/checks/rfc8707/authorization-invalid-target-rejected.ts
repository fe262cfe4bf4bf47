/**
 * authorization-invalid-target-rejected (RI-03) — an authorization request whose `resource` is malformed
 * (a fragment, a relative URI) or unknown to the server gets no code: an error response (invalid_target)
 * or the server's error page. A refusal, judged beside the same client's valid authorization request.
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
 */
import type { CheckDefinition } from '../types.js';
import { refusalOf } from '../outcome.js';

export const authorizationInvalidTargetRejected: CheckDefinition<'authorization'> = {
  id: 'authorization-invalid-target-rejected',
  title: 'An authorization request for a malformed or unknown resource is refused',
  catalog: ['RI-03'],
  requirements: ['RFC8707-2'],
  level: 'SHOULD',
  quote: 'If the authorization server fails to parse the provided value(s) or does not consider the resource(s) acceptable, it should reject the request with an error response using the error code "invalid_target"',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const resource = e.request.params.resource;
    if (resource === undefined) return { holds: 'n/a', reason: 'the request named no resource' };
    const r = refusalOf(e);
    const expected = 'no code; error=invalid_target';
    if (!r.refused) return { holds: false, expected, actual: `delivered ${r.delivered.join(', ')}`, message: `an authorization request for the resource ${JSON.stringify(resource.slice(0, 100))} was granted` };
    const actual = r.error ? `error=${r.error}` : 'refused (no error code)';
    return { holds: true, expected, actual, ...(r.error && r.error !== 'invalid_target' ? { note: `refused, but with error=${r.error} instead of invalid_target` } : {}) };
  },
};
