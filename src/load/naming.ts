/**
 * How error messages name a place in a file: `"pkce" in authorize (step 3)` reads better than
 * `/steps/2/authorize/pkce`. Each loader says how its own structure is called (Naming).
 */
import type { Path } from './yaml-source.js';

export interface Naming {
  /** What the whole document is called: "scenario", "target profile". */
  root: string;
  /** A name for an object at this path, when the default dotted path is not the best. */
  container?(path: Path): string | undefined;
  /** A name for a value at this path, when `"key" in container` is not the best. */
  subject?(path: Path): string | undefined;
}

/** ["clients", "confidential", "redirect_uris", 0] -> "clients.confidential.redirect_uris[0]". */
export function dotted(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The object at `path`, for "unknown key ... in X" and "missing required key ... in X". */
export function containerName(path: Path, naming: Naming): string {
  if (path.length === 0) return naming.root;
  return naming.container?.(path) ?? dotted(path);
}

/** The value at `path`, as the subject of "X must be ...": `"level"`, `"pkce" in authorize (step 3)`. */
export function subjectName(path: Path, naming: Naming): string {
  if (path.length === 0) return naming.root;
  const custom = naming.subject?.(path);
  if (custom) return custom;
  // The name is the last key with any indexes after it: `"expect[0]" in step 3`.
  let k = path.length - 1;
  while (k > 0 && typeof path[k] === 'number') k--;
  const name = `"${dotted(path.slice(k))}"`;
  return k === 0 ? name : `${name} in ${containerName(path.slice(0, k), naming)}`;
}
