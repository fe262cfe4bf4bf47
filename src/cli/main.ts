/** The `oauth-conformance` command: run, merge, validate, list, init, doctor, help (the table of commands and their help: ./commands.ts). */
import path from 'node:path';
import { CHECKS } from '../checks/index.js';
import { coverage, readCoverageFile } from '../scenario/coverage.js';
import type { LoadedScenario } from '../scenario/load.js';
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { readSettings, ROOT } from '../runner/env.js';
import { loadPlanScenarios } from '../runner/plan.js';
import { levelFor, PROFILES } from '../spec/levels.js';
import { asksForHelp, parse, UsageError } from './args.js';
import { COMMANDS, commandHelp, isCommand, overview, unknownCommand } from './commands.js';
import { doctorCommand } from './doctor.js';
import { init } from './init.js';
import { merge } from './merge.js';
import { run } from './run.js';
import { table } from './table.js';
import { validate } from './validate.js';
import { safeTerminalLines } from '../text/terminal.js';

/**
 * Everything the command prints. Server text is made safe where it is put into a message; this is the
 * backstop: no control character reaches the terminal, and no line starts a CI workflow command.
 */
const out = (s: string) => process.stdout.write(`${safeTerminalLines(s)}\n`);

function listCoverage(scenarios: LoadedScenario[]): number {
  const file = readCoverageFile(path.join(ROOT, 'coverage.yaml'));
  const rows = coverage(scenarios, file);
  out(table(['SECTION', 'COVERED', 'OUT OF SCOPE', 'NOT COVERED', 'SCENARIOS', 'TITLE'], rows.map((r) => [
    r.id, String(r.covered.length), String(r.outOfScope.length), r.notCovered.length ? `${r.notCovered.length}: ${r.notCovered.join(' ')}` : '0', String(r.scenarios), r.title,
  ]), 70));
  const total = (k: 'covered' | 'outOfScope' | 'notCovered') => rows.reduce((n, r) => n + r[k].length, 0);
  out(`\n${total('covered')} catalog rows covered, ${total('outOfScope')} out of scope, ${total('notCovered')} not covered; ${scenarios.length} scenarios`);
  for (const r of rows) for (const id of r.outOfScope) out(`  ${id}  out of scope: ${file.out_of_scope![id]}`);
  return 0;
}

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
      return run({ ...values, reportDir: values['report-dir'], failOn: values['fail-on'], raceRounds: values['race-rounds'], suites: positionals }, out);
    }
    case 'merge': {
      const { values, positionals } = parse(rest, COMMANDS.merge.options);
      return merge({ dirs: positionals, reportDir: values['report-dir'], failOn: values['fail-on'], baseline: values.baseline }, out);
    }
    case 'init': {
      const { values } = parse(rest, COMMANDS.init.options);
      return init({ ...values, authorizationEndpoint: values['authorization-endpoint'], tokenEndpoint: values['token-endpoint'] }, out);
    }
    case 'doctor': {
      const { values } = parse(rest, COMMANDS.doctor.options);
      return doctorCommand({ ...values, reportDir: values['report-dir'] }, out);
    }
    case 'validate':
      return validate(parse(rest, COMMANDS.validate.options).positionals, out);
    case 'list': {
      const { values } = parse(rest, COMMANDS.list.options);
      const settings = readSettings();
      const scenarios = loadPlanScenarios(settings);
      if (values.coverage) return listCoverage(scenarios);
      out(table(['SCENARIO', 'RULES', `LEVEL (${settings.profile})`, 'FEATURES', 'TITLE'], scenarios.map(({ scenario: s, facts }) => [s.id, facts.catalog.join(' '), facts.level[settings.profile], (s.features ?? []).join(' '), s.title]), 80));
      out(`\n${scenarios.length} scenarios\n`);
      out(table(['CHECK', 'RULES', `LEVEL (${PROFILES.join('/')})`, 'AMBIENT', 'TITLE'], CHECKS.map((c) => [
        c.id, c.catalog.join(' '), PROFILES.map((p) => levelFor(c.level, p)).join('/'), c.ambient ? 'yes' : '', c.title,
      ]), 80));
      return 0;
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
