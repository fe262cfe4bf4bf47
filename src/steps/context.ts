/** What steps share while one scenario runs: the resolved target, the browser page, evidence so far. */
import type { Page } from 'playwright';
import type { Evidence } from '../evidence/types.js';
import type { Redactor } from '../evidence/redact.js';
import type { Endpoints } from '../target/discover.js';
import type { ClientProfile, TargetProfile } from '../target/schema.js';
import type { Feature } from '../spec/features.js';
import { HarnessError } from '../harness-error.js';

export interface ResolvedTarget {
  profile: TargetProfile;
  endpoints: Endpoints;
  features: ReadonlySet<Feature>;
  /** Protected resource URL, when the target has one. */
  resource?: string;
}

/** Secrets a step produced for later steps: never written anywhere but through the redactor. */
export interface AuthorizeResult { kind: 'authorize'; client: string; code?: string; redirectUri?: string; verifier?: string }
export interface TokenResult { kind: 'token'; accessToken?: string; refreshToken?: string }
export type StepResult = AuthorizeResult | TokenResult | { kind: 'resource' };

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
}

export function client(ctx: StepContext, key: string): ClientProfile {
  const c = ctx.target.profile.clients[key];
  if (!c) {
    throw new HarnessError(`the target profile has no client "${key}"`, `add clients.${key} to the target profile, or declare only the features it supports`);
  }
  return c;
}

/** The result of a step referred to by id, or the latest one of that kind. */
export function earlier<K extends StepResult['kind']>(ctx: StepContext, kind: K, id?: string): { index: number; result: Extract<StepResult, { kind: K }> } {
  const index = id !== undefined ? ctx.ids.get(id) : ctx.results.map((r, i) => (r?.kind === kind ? i : -1)).filter((i) => i >= 0).pop();
  const result = index === undefined ? undefined : ctx.results[index];
  if (index === undefined || result?.kind !== kind) {
    throw new HarnessError(`step ${ctx.index + 1} needs an earlier ${kind} step${id ? ` with id "${id}"` : ''}`);
  }
  return { index, result: result as Extract<StepResult, { kind: K }> };
}

export function timeouts(t: ResolvedTarget) {
  return { action: t.profile.timeouts?.action ?? 5000, flow: t.profile.timeouts?.flow ?? 20000, http: t.profile.timeouts?.http ?? 10000 };
}
