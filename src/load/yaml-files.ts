/** Expands file and directory arguments into the YAML files they hold. */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadError } from './errors.js';

const YAML_FILE = /\.ya?ml$/;

/**
 * Files as given, directories walked recursively for *.yaml / *.yml in
 * code-point order (the same on every machine, unlike locale order). A file named
 * twice (directly and through a directory) is listed once, so it cannot clash with itself.
 */
export function listYamlFiles(paths: string[]): { files: string[]; errors: LoadError[] } {
  const files: string[] = [];
  const errors: LoadError[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const real = realpathSync(file);
    if (!seen.has(real)) seen.add(real), files.push(file);
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) add(path);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      errors.push({ file: path, line: 0, column: 0, message: 'no such file or directory' });
      continue;
    }
    if (isDirectory) walk(path);
    else add(path);
  }
  return { files, errors };
}
