/** What steps share while one scenario runs: the resolved target, the browser page, evidence so far. */
import type { Page } from 'playwright';
import type { Evidence } from '../evidence/types.js';
import type { Redactor } from '../evidence/redact.js';
import type { ResolvedTarget } from '../target/resolve.js';
import type { ClientProfile, TargetProfile } from '../target/schema.js';
import type { Feature } from '../spec/features.js';
import { HarnessError, NotApplicable } from '../harness-error.js';

/** Secrets a step produced for later steps: never written anywhere but through the redactor. */
export interface AuthorizeResult {
  kind: 'authorize';
  client: string;
  code?: string;
  redirectUri?: string;
  verifier?: string;
  challenge?: string;
  scope: string;
  /** The profile's own valid request, unmanipulated: a refusal of it is no legitimate answer (precondition.ts). */
  plain?: boolean;
}
export interface TokenResult {
  kind: 'token'; client: string; accessToken?: string; refreshToken?: string; scope?: string;
  /** The JWT client assertion the request sent, for a later `client_assertion: replayed` (a secret). */
  assertion?: string;
  /** A code redemption as the profile's client makes it, unmanipulated: a refusal of it is no legitimate answer (precondition.ts). */
  plain?: boolean;
}
/** A pushed authorization request: its request_uri, and what the authorization built with it needs later. */
export interface ParResult {
  kind: 'par'; client: string; requestUri?: string; redirectUri?: string; pkce?: { method: 'S256' | 'plain'; verifier: string; challenge: string }; state?: string; scope: string;
}
export type StepResult = AuthorizeResult | TokenResult | ParResult | { kind: 'other' };

export interface StepContext {
  target: ResolvedTarget;
  /** The page of this scenario's browser context, opened on first use. */
  page(): Promise<Page>;
  isHarnessHost(host: string): boolean;
  redactor: Redactor;
  evidence: Evidence[];
  /** Results by step index, and by step id. */
  results: StepResult[];
  ids: Map<string, number>;
  index: number;
  /** The scenario asserts a refusal on this step (e.g. a manipulated redirect_uri). */
  expectsRefusal: boolean;
  /** Runs an earlier step again, its evidence not kept: each round of a race needs a fresh code or refresh token. */
  rerun?(index: number): Promise<Evidence>;
  /** Rounds of every race step, overriding the scenario's (`run --race-rounds`). */
  raceRounds?: number;
}

/**
 * Client roles a profile may leave out without declaring a feature: a scenario that needs one is not
 * applicable (skip, naming the role), never run on another client the server never allowed the grant.
 */
export const OPTIONAL_CLIENTS: Record<string, string> = {
  implicit: 'a client the server lets use the implicit grant (response_type=token); add clients.implicit to judge how the server hands out such tokens',
  jwt: 'a client authenticating with private_key_jwt (RFC 7523), with its `key`; add clients.jwt to judge client assertions and request objects',
  'jwt-rsa': 'a second client with a key of its own (private_key_jwt), whose key a forged client assertion borrows; add clients.jwt-rsa',
  'hmac-jwt': 'a client authenticating with client_secret_jwt (RFC 7523); add clients.hmac-jwt to judge its assertions',
};

export function client(ctx: StepContext, key: string): ClientProfile {
  const c = ctx.target.profile.clients[key];
  if (!c && Object.hasOwn(OPTIONAL_CLIENTS, key)) throw new NotApplicable(`the profile has no \`${key}\` client: ${OPTIONAL_CLIENTS[key]}`);
  if (!c) {
    throw new HarnessError(`the target profile has no client "${key}"`, `add clients.${key} to the target profile, or declare only the features it supports`);
  }
  return c;
}

/**
 * The result of a step referred to by id, or the latest one of that kind that has `has` (else the latest
 * of that kind, so that the caller can say what it lacks).
 */
export function earlier<K extends StepResult['kind']>(
  ctx: StepContext, kind: K, id?: string, has?: (r: Extract<StepResult, { kind: K }>) => boolean,
): { index: number; result: Extract<StepResult, { kind: K }> } {
  let index: number | undefined;
  if (id !== undefined) index = ctx.ids.get(id);
  else {
    for (let i = ctx.index - 1; i >= 0 && index === undefined; i--) {
      const r = ctx.results[i];
      if (r?.kind === kind && (!has || has(r as Extract<StepResult, { kind: K }>))) index = i;
    }
    for (let i = ctx.index - 1; i >= 0 && index === undefined; i--) if (ctx.results[i]?.kind === kind) index = i;
  }
  const result = index === undefined ? undefined : ctx.results[index];
  if (index === undefined || result?.kind !== kind) {
    throw new HarnessError(`step ${ctx.index + 1} needs an earlier ${kind} step${id ? ` with id "${id}"` : ''}`);
  }
  return { index, result: result as Extract<StepResult, { kind: K }> };
}

export function timeouts(t: ResolvedTarget) {
  return { action: t.profile.timeouts?.action ?? 10000, flow: t.profile.timeouts?.flow ?? 30000, http: t.profile.timeouts?.http ?? 10000 };
}

/** Registers the tokens of a token response with the redactor and returns them. */
export function tokensOf(ctx: StepContext, json: unknown): { accessToken?: string; refreshToken?: string; scope?: string } {
  const body = json as Record<string, unknown> | undefined;
  const str = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string) : undefined);
  ctx.redactor.add(str('access_token'), 'access_token');
  ctx.redactor.add(str('refresh_token'), 'refresh_token');
  ctx.redactor.add(str('id_token'), 'id_token');
  return { accessToken: str('access_token'), refreshToken: str('refresh_token'), scope: str('scope') };
}
