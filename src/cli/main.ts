/** The `oauth-conformance` command: run, validate, list. */
import { CHECKS } from '../checks/index.js';
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { readSettings } from '../runner/env.js';
import { loadPlanScenarios } from '../runner/plan.js';
import { levelFor } from '../spec/levels.js';
import { parse, UsageError } from './args.js';
import { run } from './run.js';
import { table } from './table.js';
import { validate } from './validate.js';

const USAGE = `usage: oauth-conformance <command> [options]

commands:
  run [suite paths]     run scenarios (default: suites/) against a target (default: the embedded server)
      --target <profile.yaml>   target profile (default fixtures/targets/embedded.yaml)
      --profile <name>          rfc6749 | rfc9700 | oauth2.1 (default rfc9700): the levels rules are judged at
      --grep <text>             only scenarios whose id or title matches (a regular expression)
      --workers <n>             parallel browsers (default 2)
      --report-dir <dir>        where reports go (default reports/latest)
      --flaw <name>             embedded target only: inject a named flaw (repeatable) — negative controls
      --shard <i/n>             run shard i of n (for CI machines)
  validate [paths]      check scenario files and target profiles; runs nothing
  list                  list scenarios and checks

exit codes: 0 no failure · 1 a MUST failed · 2 bad input or harness error`;

const out = (s: string) => process.stdout.write(`${s}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command ?? 'run') {
    case 'run': {
      const { values, positionals } = parse(rest, {
        target: { type: 'string' }, grep: { type: 'string' }, workers: { type: 'string' }, 'report-dir': { type: 'string' },
        profile: { type: 'string' }, flaw: { type: 'string', multiple: true }, shard: { type: 'string' },
      });
      return run({ ...values, reportDir: values['report-dir'], suites: positionals }, out);
    }
    case 'validate':
      return validate(parse(rest, {}).positionals, out);
    case 'list': {
      parse(rest, {});
      const scenarios = loadPlanScenarios(readSettings());
      out(table(['SCENARIO', 'RULES', 'LEVEL', 'FEATURES', 'TITLE'], scenarios.map(({ scenario: s }) => [s.id, s.catalog.join(' '), s.level, (s.features ?? []).join(' '), s.title]), 80));
      out(`\n${scenarios.length} scenarios\n`);
      out(table(['CHECK', 'RULES', 'LEVEL (rfc6749/rfc9700/oauth2.1)', 'AMBIENT', 'TITLE'], CHECKS.map((c) => [
        c.id, c.catalog.join(' '), (['rfc6749', 'rfc9700', 'oauth2.1'] as const).map((p) => levelFor(c.level, p)).join('/'), c.ambient ? 'yes' : '', c.title,
      ]), 80));
      return 0;
    }
    case 'help': case '--help': case '-h':
      out(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`);
    else if (err instanceof LoadFailed) process.stderr.write(`${err.errors.map(formatLoadError).join('\n')}\n`);
    else process.stderr.write(`oauth-conformance: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
