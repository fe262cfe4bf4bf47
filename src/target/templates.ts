/**
 * `{{...}}` values of a profile, expanded when they are used (typed into a page, sent as an
 * authorization parameter): `{{user.username}}`, `{{user.password}}`, `{{user2.*}}` when the profile
 * has a second user, `{{env.NAME}}` from the environment, `{{random}}` a fresh random value each time.
 * Unlike `${env:NAME}` (substituted once, at load), they are resolved per use.
 */
import { randomBytes } from 'node:crypto';
import type { TargetProfile } from './schema.js';

/** Placeholders with a value only while a step runs: `{{device.user_code}}`, the user code of a device step (RFC 8628). */
const RUN_TIME = new Set(['random', 'device.user_code']);
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export type TemplateValues = Readonly<Record<string, string>>;

export function templateValues(profile: TargetProfile, env: NodeJS.ProcessEnv = process.env): TemplateValues {
  const values: Record<string, string> = {};
  if (profile.user) Object.assign(values, { 'user.username': profile.user.username, 'user.password': profile.user.password });
  if (profile.user2) Object.assign(values, { 'user2.username': profile.user2.username, 'user2.password': profile.user2.password });
  for (const [k, v] of Object.entries(env)) if (v !== undefined) values[`env.${k}`] = v;
  return values;
}

/** The template has a value known only while a step runs (`{{random}}`, `{{device.user_code}}`): no fixed value to know in advance. */
export function hasRunTimePlaceholder(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].some((m) => RUN_TIME.has(m[1]));
}

export function expandTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (m, key: string) => (key === 'random' ? randomBytes(16).toString('base64url') : values[key] ?? m));
}

/** The placeholders of a template that no value answers (reported at load, with the line). */
export function unknownPlaceholders(template: string, values: TemplateValues): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((key) => !RUN_TIME.has(key) && values[key] === undefined);
}
