/** Step kinds, registered by name: the core never branches on the kind (no if-chain to edit for a new one). */
import type { Evidence, EvidenceKind } from '../evidence/types.js';
import type { ScenarioStep, StepKind } from '../scenario/schema.js';
import { authorize } from './authorize.js';
import type { StepContext } from './context.js';
import { frame } from './frame.js';
import { grant } from './grant.js';
import { introspect } from './introspect.js';
import { metadata } from './metadata.js';
import { probe } from './probe.js';
import { refresh } from './refresh.js';
import { resource } from './resource.js';
import { revoke } from './revoke.js';
import { tls } from './tls.js';
import { token } from './token.js';
import { par } from './par.js';
import { device } from './device.js';

type Runner = (spec: never, ctx: StepContext) => Promise<Evidence>;

export const STEPS: Record<StepKind, Runner> = { authorize, token, refresh, grant, resource, introspect, revoke, metadata, probe, frame, tls, par, device };

/** The evidence kind each step yields: what the checks it expects must judge. */
export function evidenceKindOf(step: ScenarioStep): EvidenceKind {
  if ('token' in step) return step.token.concurrent ? 'token-race' : 'token';
  if ('refresh' in step && step.refresh.concurrent) return 'token-race';
  const kind = kindOf(step);
  return ({ authorize: 'authorization', refresh: 'token', grant: 'token', resource: 'resource', introspect: 'introspection', revoke: 'revocation', metadata: 'metadata', probe: 'probe', frame: 'frame', tls: 'tls', par: 'par', device: 'device' } as const)[kind as Exclude<StepKind, 'token'>];
}

export function kindOf(step: ScenarioStep): StepKind {
  return (Object.keys(STEPS) as StepKind[]).find((k) => k in step)!;
}

export function runStep(step: ScenarioStep, ctx: StepContext): Promise<Evidence> {
  const kind = kindOf(step);
  return (STEPS[kind] as (spec: unknown, ctx: StepContext) => Promise<Evidence>)((step as Record<string, unknown>)[kind], ctx);
}
