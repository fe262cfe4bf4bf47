/**
 * The RFC 8707 `resource` parameter a step sends: one of the profile's `resource_indicators`, or a
 * named malformation of it (a fragment, a relative URI, an absolute URI the server cannot know).
 */
import { NotApplicable } from '../harness-error.js';
import type { StepContext } from './context.js';

export type ResourceIndicatorChoice = 'indicator' | 'other' | 'fragment' | 'relative' | 'unknown';

export function resourceIndicator(choice: ResourceIndicatorChoice | undefined, ctx: StepContext): [string, string][] {
  if (choice === undefined) return [];
  const [first, second] = ctx.target.profile.resource_indicators ?? [];
  if (!first) throw new NotApplicable('the profile names no resource_indicators (RFC 8707): add the resource URIs the server knows');
  switch (choice) {
    case 'indicator': return [['resource', first]];
    case 'other':
      if (!second) throw new NotApplicable('the profile names only one of resource_indicators: this needs a second resource of the server');
      return [['resource', second]];
    case 'fragment': return [['resource', `${first.split('#')[0]}#fragment`]];
    case 'relative': return [['resource', '/api']];
    case 'unknown': return [['resource', 'https://unknown-resource.oauth-conformance.test/']];
  }
}
