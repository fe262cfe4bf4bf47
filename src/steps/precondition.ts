/**
 * A step that needs what an earlier step should have produced (a code, a refresh token, an access
 * token) and did not get it. Whose problem that is depends on what the server answered there:
 * - a legitimate answer — an OAuth error (4xx with `error`), or a success without the artefact (a server
 *   that issues no refresh token to a public client, or does not rotate one) — makes the rest of the
 *   scenario not applicable: `skip`, quoting the answer (a rule that answer breaks is judged by its own
 *   check, where a scenario expects it);
 * - anything else — no evidence, a server error, a body that is not OAuth — is the harness's `error`,
 *   as for any step (token-request.ts).
 * A refusal of the profile's own plain request (an authorization, or the redemption of its code) is an
 * error too: that request is valid, so the profile (client, credentials, redirect URI, scope) or the
 * server is wrong, and every scenario would skip silently. A refusal of a plain refresh is an answer:
 * servers may refuse some clients refreshes by policy (client authentication required).
 */
import { describeBody } from '../drive/http.js';
import type { AuthorizationEvidence, Evidence, HttpExchange } from '../evidence/types.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { AuthorizeSpec } from '../scenario/schema.js';
import type { Feature } from '../spec/features.js';
import type { StepContext } from './context.js';

/** The profile's own valid authorization request: nothing in the step manipulates it. */
export function plainAuthorization(spec: AuthorizeSpec, features: ReadonlySet<Feature>): boolean {
  const defaultPkce = features.has('pkce') ? 'S256' : 'none';
  return (spec.response_type ?? 'code') === 'code' && spec.scope === undefined && (spec.pkce ?? defaultPkce) === defaultPkce
    && (spec.redirect_uri ?? 'registered') === 'registered' && spec.state !== 'omit' && spec.consent !== 'deny'
    && !Object.keys(spec.extra ?? {}).length && !spec.omit?.length && !spec.duplicate?.length && spec.resource === undefined;
}

/** Server strings are data: quoted, and cut short. */
const quoted = (v: unknown, max = 160) => JSON.stringify(String(v).length > max ? `${String(v).slice(0, max)}…` : String(v));

/**
 * The error to throw when step `from` gave step `ctx.index` no `what`. `plain`: the earlier step was the
 * profile's valid request, unmanipulated (authorizations and code redemptions: see above).
 */
export function missingFrom(ctx: StepContext, from: number, what: string, o: { plain?: boolean; hint?: string } = {}): NotApplicable | HarnessError {
  const needs = `${what} from step ${from + 1}`;
  const ev = ctx.evidence.find((e) => e.step === from);
  const answer = ev && legitimateAnswer(ev);
  // The runner prefixes "step N is not applicable: ".
  if (answer && !(answer.refusal && o.plain)) return new NotApplicable(`it needs ${needs}, but ${answer.text}`);
  if (answer) {
    return new HarnessError(`step ${ctx.index + 1} needs ${needs}, but ${answer.text}, though it was the profile's own valid request`,
      'check the client (id, credentials, redirect URI) and the scope in the target profile');
  }
  return new HarnessError(`step ${ctx.index + 1} needs ${needs}, but ${ev ? describe(ev) : 'that step left no evidence'}`, o.hint);
}

/** What the server answered, when it is a legitimate answer; `refusal`: it refused the request. */
function legitimateAnswer(e: Evidence): { text: string; refusal: boolean } | undefined {
  if (e.kind === 'authorization') {
    const o = e.outcome;
    const error = oauthErrorOf(e);
    if (error) return { text: `the server refused that authorization request: ${error}`, refusal: true };
    if (o.type === 'error-page' && o.status !== undefined && o.status >= 400 && o.status < 500) {
      return { text: `the server refused that authorization request on its own page (HTTP ${o.status}: ${quoted(o.title || o.text, 80)})`, refusal: true };
    }
    return undefined;
  }
  if (e.kind !== 'token') return undefined;
  const { status } = e.response;
  const body = objectOf(e.response.json);
  if (!body) return undefined;
  if (status >= 200 && status < 300 && typeof body.access_token === 'string') {
    const members = Object.keys(body).filter((k) => /^[\w.-]{1,40}$/.test(k)).slice(0, 12);
    return { text: `the server issued none there (${status} with ${members.join(', ')})`, refusal: false };
  }
  if (status >= 400 && status < 500 && typeof body.error === 'string') {
    const desc = typeof body.error_description === 'string' ? `, error_description=${quoted(body.error_description)}` : '';
    return { text: `the server refused that request: ${status} error=${quoted(body.error)}${desc}`, refusal: true };
  }
  return undefined;
}

function oauthErrorOf(e: AuthorizationEvidence): string | undefined {
  const o = e.outcome;
  if (o.type !== 'redirect') return undefined;
  const p = o.query.error ? o.query : o.fragment.error ? o.fragment : undefined;
  if (!p) return undefined;
  return [`error=${quoted(p.error[0])}`, ...(p.error_description ?? []).slice(0, 1).map((d) => `error_description=${quoted(d)}`)].join(', ');
}

function describe(e: Evidence): string {
  if (e.kind === 'authorization') {
    const o = e.outcome;
    return o.type === 'redirect' ? `that authorization ended with a redirect without a code or an error (${o.base})` : `that authorization ended on an error page${o.status ? ` (HTTP ${o.status})` : ''}`;
  }
  if ('response' in e) return `the server answered ${(e as HttpExchange).response.status} (${describeBody((e as HttpExchange).response)})`;
  return `that step was a ${e.kind} step`;
}

function objectOf(j: unknown): Record<string, unknown> | undefined {
  return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
}
