/**
 * Sending a token request with the step's manipulations, shared by the token, refresh and grant
 * steps: client authentication variant, duplicated parameters, GET instead of POST.
 */
import type { HttpExchange } from '../evidence/types.js';
import { describeBody, send, type HttpRequest, type Params } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import type { ClientProfile } from '../target/schema.js';
import { clientAuth, type ClientAuthVariant } from './client-auth.js';
import { forgedAssertionAuth, type AssertionContext, type AssertionVariant } from './client-assertion.js';
import { timeouts, type StepContext } from './context.js';

export interface TokenRequestSpec {
  client: ClientProfile;
  auth?: ClientAuthVariant;
  params: Params;
  duplicate?: readonly string[];
  method?: 'POST' | 'GET';
  /** `json`: the body as a JSON object instead of a form. */
  body?: 'form' | 'json';
  /** A forged JWT client assertion instead of the registered authentication (client-assertion.ts). */
  assertion?: { variant: AssertionVariant; context: AssertionContext };
  /** Headers built afresh for every request (a DPoP proof is single-use). */
  headers?: () => Promise<Record<string, string>>;
}

export function tokenRequest(ctx: StepContext, r: TokenRequestSpec): { send: () => Promise<HttpExchange>; build: () => Promise<HttpRequest>; variants: string[]; lastAssertion: () => string | undefined } {
  const get = r.method === 'GET';
  const variants = [
    ...(r.auth && r.auth !== 'as-registered' ? [`auth:${r.auth}`] : []),
    ...(r.duplicate ?? []).map((d) => `duplicate:${d}`),
    ...(get ? ['method:GET'] : []),
    ...(r.body === 'json' ? ['body:json'] : []),
    ...(r.assertion ? [`client_assertion:${r.assertion.variant}`] : []),
  ];
  let last: string | undefined;
  const onSecret = (assertion: string) => { last = assertion; ctx.redactor.add(assertion, 'client_assertion'); };
  const url = ctx.target.endpoints.token;
  // Built per request: a client assertion is single-use (its jti), so each one signs a new one.
  const build = async (): Promise<HttpRequest> => {
    const auth = r.assertion
      ? await forgedAssertionAuth(r.client, r.assertion.variant, url, r.assertion.context, onSecret)
      : await clientAuth(r.client, r.auth, url, onSecret);
    let params: Params = [...r.params, ...auth.form];
    for (const name of r.duplicate ?? []) params = params.flatMap((p) => (p[0] === name ? [p, p] : [p]));
    return {
      method: get ? 'GET' : 'POST',
      url,
      headers: { ...auth.headers, ...(await r.headers?.()) },
      form: get ? undefined : params,
      json: r.body === 'json',
      query: get ? [...params, ...auth.query] : auth.query,
      timeout: timeouts(ctx.target).http,
    };
  };
  return {
    variants,
    lastAssertion: () => last,
    build,
    send: async () => judgeable(await send(await build()), ctx.expectsRefusal),
  };
}

/**
 * A server error (5xx), a redirect, or a success that is not JSON is no answer a token check can judge:
 * the server failed or the URL is not a token endpoint. The harness's `error`, never the target's `fail`.
 * Except where the step expects a refusal: then whatever came back is the refusal (or not), judged on
 * what happened — no tokens is no tokens, and the format rules say what the answer lacked.
 */
function judgeable(ex: HttpExchange, expectsRefusal: boolean): HttpExchange {
  if (expectsRefusal) return ex;
  const { status } = ex.response;
  const where = `${ex.request.method} ${ex.request.url.split('?')[0]}`;
  if (status >= 500) {
    throw new HarnessError(`the token endpoint failed: ${where} answered ${status} (${describeBody(ex.response)})`, 'a server error judges nothing; check the server\'s logs, then run again');
  }
  if (status >= 300 && status < 400) {
    throw new HarnessError(`${where} answered ${status} to ${ex.response.headers.location ?? '(no Location)'}: a redirect, not a token endpoint's answer`, 'is `token_endpoint` the token endpoint itself (the back channel follows no redirects)?');
  }
  if (status >= 200 && status < 300 && ex.response.json === undefined) {
    throw new HarnessError(`${where} answered ${status} with ${describeBody(ex.response)}, not a JSON token response`, 'is `token_endpoint` (metadata or `endpoints.token`) the token endpoint?');
  }
  return ex;
}
