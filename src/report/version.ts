import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../config.js';

/** The harness version from package.json, for reports. */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
