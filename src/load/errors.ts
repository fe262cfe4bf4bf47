/**
 * Load errors: every problem found in a YAML file, with the place to fix it. Loaders collect them
 * all instead of stopping at the first, so one run shows every mistake in a suite.
 */
export interface LoadError {
  file: string;
  /** 1-based; 0 when the problem is the file itself (missing, unreadable). */
  line: number;
  /** 1-based; 0 together with line. */
  column: number;
  message: string;
  hint?: string;
}

/** `file:line:col: message`, plus an indented hint line (the format editors and CI annotate). */
export function formatLoadError(e: LoadError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  return `${where}: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
}

/** Reading order within one file: by line, then column (stable, so ties keep their order). */
export function byPosition(a: LoadError, b: LoadError): number {
  return a.line - b.line || a.column - b.column;
}

/** Thrown by callers that cannot go on without the files; the message lists every error. */
export class LoadFailed extends Error {
  readonly errors: LoadError[];
  constructor(errors: LoadError[]) {
    super(errors.map(formatLoadError).join('\n'));
    this.name = 'LoadFailed';
    this.errors = errors;
  }
}
