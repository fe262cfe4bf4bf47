/**
 * State values. `special` carries the characters sloppy servers mangle: reserved URL characters, a
 * space, a percent sign, and non-ASCII (RFC 6749 allows any VSCHAR; the harness also tries beyond it,
 * since the value is percent-encoded in transit and must come back byte for byte).
 */
import { randomBytes } from 'node:crypto';
import type { AuthorizeSpec } from '../scenario/schema.js';

export function stateValue(spec: AuthorizeSpec['state']): string | undefined {
  if (spec === 'omit') return undefined;
  if (typeof spec === 'object') return spec.value;
  const random = randomBytes(24).toString('base64url');
  return spec === 'special' ? `${random} &=+/?#%;:@,é✓` : random;
}
