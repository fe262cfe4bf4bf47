/**
 * no-unauthenticated-error-redirect (OR-01) — in a fresh browser, an erroneous request of a valid
 * client (invalid scope, unknown response_type) is not bounced straight to the client's redirect URI:
 * the server shows its login (and then may redirect the error) or an error page. Otherwise any
 * registered redirect URI of a malicious client becomes a phishing redirect through the trusted
 * server (RFC 9700 §4.11.2, attack 1). RFC 6749 §4.1.2.1 itself specifies the error redirect, so the
 * rule is judged at SHOULD (MAY under the rfc6749 profile), never failed. prompt=none (silent
 * authentication) is the exception the BCP makes, and is not judged.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.11.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';
import { carrying } from '../redirect.js';

export const noUnauthenticatedErrorRedirect: CheckDefinition<'authorization'> = {
  id: 'no-unauthenticated-error-redirect',
  title: 'An erroneous request from a fresh browser is not redirected to the client before the user authenticates',
  catalog: ['OR-01'],
  requirements: ['RFC9700-4.11.2'],
  level: { default: 'SHOULD', rfc6749: 'MAY' },
  quote: 'The authorization server MUST always authenticate the user first and, with the exception of the silent authentication use case, prompt the '
    + 'user for credentials when needed, before redirecting the user. (RFC 9700 §4.11.2; judged at SHOULD since RFC 6749 §4.1.2.1 prescribes the error redirect)',
  on: 'authorization',
  freshBrowser: true,
  expectsRefusal: true,
  evaluate(e, ctx) {
    if ((e.request.params.prompt ?? '').split(' ').includes('none')) {
      return { holds: 'n/a', reason: 'prompt=none is silent authentication, the exception RFC 9700 §4.11.2 makes' };
    }
    if (ctx.all.some((x) => x.kind === 'authorization' && x.step < e.step)) {
      return { holds: 'n/a', reason: 'an earlier authorization of this scenario may have left a session at the server: not a fresh browser' };
    }
    const expected = 'a login page before any redirect to the client, or an error page';
    const o = e.outcome;
    if (o.type === 'error-page') return { holds: true, expected, actual: describeOutcome(e) };
    if (e.interactions.length) return { holds: true, expected, actual: `${e.interactions.join(' → ')}, then ${describeOutcome(e)}` };
    return {
      holds: false, expected, actual: `no page of the server shown; ${describeOutcome(e)}`,
      message: `the server redirected a browser without a session straight to ${o.base}${carrying(o.url)}, before any login: `
        + 'a malicious client\'s registered redirect URI becomes a phishing redirect through this server',
    };
  },
};
