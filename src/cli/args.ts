/**
 * Command-line parsing: node's parseArgs over a command's option table (./commands.ts), with `-h`/`--help`
 * asking for that command's help, and unknown options as clear errors (exit 2) with a did-you-mean;
 * main.ts adds the pointer to the command's help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../load/did-you-mean.js';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `-h` or `--help` anywhere before a `--` (after it, everything is a positional). */
export function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** "Unknown option '--wrokers' (did you mean --workers?)" */
function unknownOption(message: string, options: Options): string {
  const given = /^Unknown option '(-{1,2}[^'=]+)/.exec(message)?.[1];
  if (!given) return message;
  const names = Object.entries(options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
  const near = closest(given, [...names, '--help']);
  return `Unknown option '${given}'${near ? ` (did you mean ${near}?)` : ''}`;
}

/** Parses `argv` against `options` (extra keys, such as the help texts of ./commands.ts, are ignored by parseArgs). */
export function parse<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    throw new UsageError(e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOption(e.message, options) : e.message);
  }
}
