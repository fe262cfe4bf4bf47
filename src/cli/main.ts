/** The `oauth-conformance` command: run, merge, validate, list, init, doctor. */
import path from 'node:path';
import { CHECKS } from '../checks/index.js';
import { coverage, readCoverageFile } from '../scenario/coverage.js';
import type { LoadedScenario } from '../scenario/load.js';
import { LoadFailed, formatLoadError } from '../load/errors.js';
import { readSettings, ROOT } from '../runner/env.js';
import { loadPlanScenarios } from '../runner/plan.js';
import { levelFor } from '../spec/levels.js';
import { parse, UsageError } from './args.js';
import { doctorCommand } from './doctor.js';
import { init } from './init.js';
import { merge } from './merge.js';
import { run } from './run.js';
import { table } from './table.js';
import { validate } from './validate.js';
import { safeTerminalLines } from '../text/terminal.js';

const USAGE = `usage: oauth-conformance <command> [options]

commands:
  run [suite paths]     run scenarios (default: suites/) against a target (default: the embedded server)
      --target <profile.yaml>   target profile (default fixtures/targets/embedded.yaml); repeat it to run several
                                targets in one run, each a Playwright project named by the profile's name
      --profile <name>          rfc6749 | rfc9700 | oauth2.1 (default rfc9700): the levels rules are judged at
      --grep <text>             only scenarios whose id or title matches (a regular expression)
      --workers <n>             parallel browsers (default 2; Playwright's own --workers)
      --report-dir <dir>        where reports go (default reports/latest)
      --flaw <name>             embedded target only: inject a named flaw (repeatable) — negative controls
      --shard <i/n>             run shard i of n (CI machines); writes a blob report to <report-dir>/blob/shard-i-of-n
      --slow                    include scenarios tagged slow (left out by default)
      --race-rounds <n>         rounds of every race scenario, each with a fresh code or refresh token (default: the scenario's, 5)
      --fail-on <must|should>   what fails the gate (default must; should: a SHOULD warning too)
      --baseline <results.json> compare with an earlier run; the gate then fails on new failures only
  merge <blob dirs...>  merge the blob reports of a sharded run into the reports of one run
      --report-dir <dir>        where reports go (default reports/latest)
      --fail-on, --baseline     as for run
  init                  write a draft target profile from the server's metadata
      --issuer <url>            the server's issuer: RFC 8414 metadata, then OpenID Connect Discovery
      --authorization-endpoint <url> --token-endpoint <url>
                                endpoints, when the server publishes no metadata
      --resource <url>          a protected resource that accepts the access tokens
      --name <name>             profile name (default: the issuer's host)
      --out <file>              where to write it (default <name>.yaml); --force overwrites
  doctor                check a target profile before a full run, one line per check with its fix
      --target <profile.yaml>   the profile to check (required)
      --ca <file.pem>           trust this CA too (a private CA) · --insecure: accept any certificate
      --report-dir <dir>        where a failure's screenshot goes (default reports/doctor)
      exit: 0 all good · 1 a problem found · 2 bad input (the profile does not load)
  validate [paths]      check scenario files and target profiles; runs nothing
  list [--coverage]     list scenarios and checks; --coverage: catalog rows covered per section

reports (in the report dir): results.json, summary.html, junit.xml, results.sarif, summary.md, playwright/,
  allure-results/; with GITHUB_ACTIONS=true also annotations and $GITHUB_STEP_SUMMARY (see docs/CI.md)

exit codes: 0 the gate passed · 1 the gate failed (a MUST failed; see --fail-on, --baseline) · 2 bad input or harness error`;

const GATE_OPTIONS = { 'fail-on': { type: 'string' }, baseline: { type: 'string' } } as const;

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
  const [command, ...rest] = argv;
  switch (command ?? 'run') {
    case 'run': {
      const { values, positionals } = parse(rest, {
        target: { type: 'string', multiple: true }, grep: { type: 'string' }, workers: { type: 'string' }, 'report-dir': { type: 'string' },
        profile: { type: 'string' }, flaw: { type: 'string', multiple: true }, shard: { type: 'string' }, slow: { type: 'boolean' },
        'race-rounds': { type: 'string' }, ...GATE_OPTIONS,
      });
      return run({ ...values, reportDir: values['report-dir'], failOn: values['fail-on'], raceRounds: values['race-rounds'], suites: positionals }, out);
    }
    case 'merge': {
      const { values, positionals } = parse(rest, { 'report-dir': { type: 'string' }, ...GATE_OPTIONS });
      return merge({ dirs: positionals, reportDir: values['report-dir'], failOn: values['fail-on'], baseline: values.baseline }, out);
    }
    case 'init': {
      const { values } = parse(rest, {
        issuer: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' }, resource: { type: 'string' },
        'authorization-endpoint': { type: 'string' }, 'token-endpoint': { type: 'string' },
      });
      return init({ ...values, authorizationEndpoint: values['authorization-endpoint'], tokenEndpoint: values['token-endpoint'] }, out);
    }
    case 'doctor': {
      const { values } = parse(rest, { target: { type: 'string' }, ca: { type: 'string' }, insecure: { type: 'boolean' }, 'report-dir': { type: 'string' } });
      return doctorCommand({ ...values, reportDir: values['report-dir'] }, out);
    }
    case 'validate':
      return validate(parse(rest, {}).positionals, out);
    case 'list': {
      const { values } = parse(rest, { coverage: { type: 'boolean' } });
      const scenarios = loadPlanScenarios(readSettings());
      if (values.coverage) return listCoverage(scenarios);
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
    const text = err instanceof UsageError ? `error: ${err.message}\n\n${USAGE}`
      : err instanceof LoadFailed ? err.errors.map(formatLoadError).join('\n')
        : `oauth-conformance: internal error: ${(err as Error).stack ?? String(err)}`;
    process.stderr.write(`${safeTerminalLines(text)}\n`);
    process.exitCode = 2;
  },
);
