/**
 * `${env:NAME}` and `${env:NAME:-default}` in string values, so that secrets stay out of profile
 * files. Like the shell, `:-` also applies when the variable is set but empty.
 */
import { dotted } from './naming.js';
import type { Path } from './yaml-source.js';

export interface EnvProblem {
  /** Where the reference is written. */
  path: Path;
  message: string;
  hint?: string;
}

const REFERENCE = /\$\{env:([^}]*)\}/g;
const INNER = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** A copy of `data` with every reference in every string value replaced; map keys are left alone. */
export function substituteEnv(data: unknown, env: NodeJS.ProcessEnv): { value: unknown; problems: EnvProblem[] } {
  const problems: EnvProblem[] = [];
  const walk = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') return substituteString(value, env, path, problems);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return value;
  };
  return { value: walk(data, []), problems };
}

function substituteString(text: string, env: NodeJS.ProcessEnv, path: Path, problems: EnvProblem[]): string {
  return text.replace(REFERENCE, (whole, inner: string) => {
    const match = INNER.exec(inner);
    if (!match) {
      problems.push({
        path,
        message: `malformed environment reference "${whole}" in ${dotted(path)}`,
        hint: 'write ${env:NAME} or ${env:NAME:-default}, NAME of letters, digits and _',
      });
      return whole;
    }
    const [, name, fallback] = match;
    const value = env[name];
    if (fallback !== undefined) return value ? value : fallback;
    if (value === undefined) {
      problems.push({
        path,
        message: `environment variable ${name} is not set (used by ${dotted(path)})`,
        hint: `export it, or write \${env:${name}:-value} for a default`,
      });
      return whole;
    }
    return value;
  });
}
