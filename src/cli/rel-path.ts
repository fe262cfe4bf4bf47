/** A path as the user would type it: relative to the working directory when inside it, else absolute. */
import path from 'node:path';

export function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
}
