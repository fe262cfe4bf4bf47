import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The harness version from package.json, for reports. */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
