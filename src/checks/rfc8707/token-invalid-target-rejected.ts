/**
 * token-invalid-target-rejected (RI-02) — a token request whose `resource` is malformed (a fragment, a
 * relative URI) or names no resource the server knows gets no tokens; invalid_target is the error RFC
 * 8707 defines for it (another error code is reported beside a pass). A refusal: it counts only beside
 * the same client's valid token request.
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
 */
import type { CheckDefinition } from '../types.js';
import { refusedWithoutTokens, sentParam } from '../token-response.js';

const WHAT: Record<string, string> = { fragment: 'with a fragment', relative: 'that is a relative URI', unknown: 'the server cannot know' };

export const tokenInvalidTargetRejected: CheckDefinition<'token'> = {
  id: 'token-invalid-target-rejected',
  title: 'A token request for a malformed or unknown resource is refused',
  catalog: ['RI-02'],
  requirements: ['RFC8707-2'],
  level: 'SHOULD',
  quote: 'If the authorization server fails to parse the provided value(s) or does not consider the resource(s) acceptable, it should reject the request with an error response using the error code "invalid_target"',
  on: 'token',
  evaluate(e) {
    const variant = e.variants.find((v) => v.startsWith('resource:'))?.slice('resource:'.length);
    if (!variant || !WHAT[variant]) return { holds: 'n/a', reason: 'the request named no malformed or unknown resource' };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_target',
      accepted: `a token request with a resource ${WHAT[variant]} (${JSON.stringify(sentParam(e, 'resource') ?? '')}) was answered with tokens`,
    });
  },
};
