/**
 * The `oauth-conformance` command: run, merge, validate, list, init, doctor, help (the table of commands and their
 * help: ./commands.ts). Each command's module is imported when it runs: `--help` and a usage error load none of
 * them, and `run` does not load doctor's or init's code.
 */
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { asksForHelp, parse, UsageError } from './args.js';
import { COMMANDS, commandHelp, isCommand, overview, unknownCommand } from './commands.js';
import { safeTerminalLines } from '../text/terminal.js';

/**
 * Everything the command prints. Server text is made safe where it is put into a message; this is the
 * backstop: no control character reaches the terminal, and no line starts a CI workflow command.
 */
const out = (s: string) => process.stdout.write(`${safeTerminalLines(s)}\n`);

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    out(overview());
    return 0;
  }
  const command = first ?? 'run';
  if (!isCommand(command)) throw new UsageError(`${unknownCommand(command)}${command.startsWith('-') ? ' (the command comes first: oauth-conformance <command> [options])' : ''}`);
  if (asksForHelp(rest)) {
    out(commandHelp(command));
    return 0;
  }
  switch (command) {
    case 'run': {
      const { values, positionals } = parse(rest, COMMANDS.run.options);
      return (await import('./run.js')).run({ ...values, reportDir: values['report-dir'], failOn: values['fail-on'], raceRounds: values['race-rounds'], suites: positionals }, out);
    }
    case 'merge': {
      const { values, positionals } = parse(rest, COMMANDS.merge.options);
      return (await import('./merge.js')).merge({ dirs: positionals, reportDir: values['report-dir'], failOn: values['fail-on'], baseline: values.baseline }, out);
    }
    case 'init': {
      const { values } = parse(rest, COMMANDS.init.options);
      return (await import('./init.js')).init({ ...values, authorizationEndpoint: values['authorization-endpoint'], tokenEndpoint: values['token-endpoint'] }, out);
    }
    case 'doctor': {
      const { values } = parse(rest, COMMANDS.doctor.options);
      return (await import('./doctor.js')).doctorCommand({ ...values, reportDir: values['report-dir'] }, out);
    }
    case 'validate':
      return (await import('./validate.js')).validate(parse(rest, COMMANDS.validate.options).positionals, out);
    case 'list': {
      const { values } = parse(rest, COMMANDS.list.options);
      return (await import('./list.js')).list(Boolean(values.coverage), out);
    }
    case 'help': {
      const [topic, ...extra] = parse(rest, COMMANDS.help.options).positionals;
      if (extra.length) throw new UsageError('help takes one command name');
      if (topic === undefined) out(overview());
      else if (isCommand(topic)) out(commandHelp(topic));
      else throw new UsageError(unknownCommand(topic));
      return 0;
    }
  }
}

/** After a usage error: the command's usage line and where its help is, not the whole manual. */
function usageHint(argv: string[]): string {
  const command = argv[0] ?? 'run';
  if (!isCommand(command) || command === 'help') return 'see: oauth-conformance --help';
  return `${commandHelp(command).split('\n')[0]}\nsee: oauth-conformance ${command} --help`;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    const text = err instanceof UsageError ? `error: ${err.message}\n\n${usageHint(process.argv.slice(2))}`
      : err instanceof LoadFailed ? err.errors.map(formatLoadError).join('\n')
        : `oauth-conformance: internal error: ${(err as Error).stack ?? String(err)}`;
    process.stderr.write(`${safeTerminalLines(text)}\n`);
    process.exitCode = 2;
  },
);
