/**
 * Every command of `oauth-conformance`, its options and its help, in one table: main.ts parses with
 * these options, and `<command> --help` prints them, so an option cannot exist without its help.
 */
import { closest } from '../load/did-you-mean.js';
import { DEFAULT_PROFILE, PROFILES } from '../spec/levels.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help ("<file>"). */
  value?: string;
  help: string;
  /** Shown in the help only (the command applies its defaults itself, so a default stays in one place). */
  shownDefault?: string;
}

export interface CommandSpec {
  summary: string;
  /** What follows the command name in the usage line, before [options]. */
  args?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  notes?: string[];
}

const GATE = {
  'fail-on': { type: 'string', value: '<must|should>', help: 'what fails the gate; should: a SHOULD warning too', shownDefault: 'must' },
  baseline: { type: 'string', value: '<results.json>', help: 'compare with an earlier run: the gate then fails on new failures only' },
} as const satisfies Record<string, OptionSpec>;

const REPORT_DIR = { type: 'string', value: '<dir>', help: 'where reports go', shownDefault: 'reports/latest' } as const satisfies OptionSpec;

const EXIT_GATE = 'exit: 0 the gate passed · 1 the gate failed (a MUST failed; see --fail-on, --baseline) · 2 bad input or harness error';

export const COMMANDS = {
  run: {
    summary: 'run scenarios against a target (default: all of suites/ against the embedded server)',
    args: '[suite paths...]',
    options: {
      target: { type: 'string', multiple: true, value: '<profile.yaml>', help: 'target profile; repeat it to run several targets in one run, each a Playwright project named by the profile\'s name', shownDefault: 'fixtures/targets/embedded.yaml' },
      profile: { type: 'string', value: '<name>', help: `${PROFILES.join(' | ')}: the levels rules are judged at`, shownDefault: DEFAULT_PROFILE },
      grep: { type: 'string', value: '<regexp>', help: 'only scenarios whose id or title matches' },
      workers: { type: 'string', value: '<n>', help: 'parallel browsers (Playwright\'s own --workers)', shownDefault: '2' },
      'report-dir': REPORT_DIR,
      flaw: { type: 'string', multiple: true, value: '<name>', help: 'embedded target only: inject a named flaw (repeatable) — negative controls' },
      shard: { type: 'string', value: '<i/n>', help: 'run shard i of n (CI machines); writes a blob report to <report-dir>/blob/shard-i-of-n' },
      slow: { type: 'boolean', help: 'include scenarios tagged slow (left out by default)' },
      'race-rounds': { type: 'string', value: '<n>', help: 'rounds of every race scenario, each with a fresh code or refresh token', shownDefault: 'the scenario\'s, 5' },
      ...GATE,
    },
    examples: [
      'oauth-conformance run',
      'oauth-conformance run --target my-server.yaml --profile oauth2.1 --report-dir reports/my-server',
      'oauth-conformance run suites/rfc6749 --grep redirect-uri --flaw redirect-uri-prefix-match',
    ],
    notes: [
      'reports (in the report dir): results.json, summary.html, junit.xml, results.sarif, summary.md, playwright/, allure-results/;',
      '  with GITHUB_ACTIONS=true also annotations and $GITHUB_STEP_SUMMARY (see docs/CI.md)',
      EXIT_GATE,
    ],
  },
  merge: {
    summary: 'merge the blob reports of a sharded run into the reports of one run',
    args: '<blob dirs...>',
    options: { 'report-dir': REPORT_DIR, ...GATE },
    examples: ['oauth-conformance merge shard-1/blob shard-2/blob --report-dir reports/merged'],
    notes: [EXIT_GATE],
  },
  init: {
    summary: 'write a draft target profile from the server\'s metadata',
    options: {
      issuer: { type: 'string', value: '<url>', help: 'the server\'s issuer: RFC 8414 metadata, then OpenID Connect Discovery' },
      'authorization-endpoint': { type: 'string', value: '<url>', help: 'the authorization endpoint, when the server publishes no metadata' },
      'token-endpoint': { type: 'string', value: '<url>', help: 'the token endpoint, when the server publishes no metadata' },
      resource: { type: 'string', value: '<url>', help: 'a protected resource that accepts the access tokens' },
      name: { type: 'string', value: '<name>', help: 'profile name', shownDefault: 'the issuer\'s host' },
      out: { type: 'string', value: '<file>', help: 'where to write it', shownDefault: '<name>.yaml' },
      force: { type: 'boolean', help: 'overwrite --out if it exists' },
    },
    examples: [
      'oauth-conformance init --issuer https://as.example.com',
      'oauth-conformance init --authorization-endpoint https://as.example.com/authorize --token-endpoint https://as.example.com/token --name legacy',
    ],
    notes: ['exit: 0 written · 2 bad input, no metadata, or the file exists (without --force)'],
  },
  doctor: {
    summary: 'check a target profile before a full run, one line per check with its fix',
    options: {
      target: { type: 'string', value: '<profile.yaml>', help: 'the profile to check (required)' },
      ca: { type: 'string', value: '<file.pem>', help: 'trust this CA too (a private CA)' },
      insecure: { type: 'boolean', help: 'accept any TLS certificate' },
      'report-dir': { ...REPORT_DIR, help: 'where a failure\'s screenshot goes', shownDefault: 'reports/doctor' },
    },
    examples: ['oauth-conformance doctor --target my-server.yaml'],
    notes: ['exit: 0 all good · 1 a problem found · 2 bad input (the profile does not load)'],
  },
  validate: {
    summary: 'check scenario files and target profiles; runs nothing',
    args: '[paths...]',
    options: {},
    examples: ['oauth-conformance validate', 'oauth-conformance validate suites/rfc6749 my-server.yaml'],
    notes: ['without paths: suites/ and fixtures/targets/embedded.yaml', 'exit: 0 everything loads · 2 an error (each with file:line)'],
  },
  list: {
    summary: 'list scenarios and checks',
    options: { coverage: { type: 'boolean', help: 'catalog rows covered per section instead' } },
    examples: ['oauth-conformance list', 'oauth-conformance list --coverage'],
  },
  help: {
    summary: 'this overview, or a command\'s help',
    args: '[command]',
    options: {},
    examples: ['oauth-conformance help init'],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** `unknown command "rnu"; did you mean run?` */
export function unknownCommand(name: string): string {
  const near = closest(name, Object.keys(COMMANDS));
  return `unknown command "${name}"${near ? `; did you mean ${near}?` : ''}`;
}

const usageLine = (name: string, c: CommandSpec) =>
  `usage: oauth-conformance ${name}${c.args ? ` ${c.args}` : ''}${Object.keys(c.options).length ? ' [options]' : ''}`;

/** The options as aligned lines: flag and placeholder, then the help and its default. */
function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows: [string, string][] = Object.entries(options).map(([long, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${long}${o.value ? ` ${o.value}` : ''}`,
    `${o.help}${o.multiple && !o.help.includes('repeat') ? ' (repeatable)' : ''}${o.shownDefault ? ` (default: ${o.shownDefault})` : ''}`,
  ]);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`);
}

/** `oauth-conformance <name> --help`. */
export function commandHelp(name: CommandName): string {
  const c: CommandSpec = COMMANDS[name];
  return [
    usageLine(name, c), '', c.summary, '', 'options:', ...optionLines(c.options), '',
    `example${c.examples.length > 1 ? 's' : ''}:`, ...c.examples.map((e) => `  ${e}`),
    ...(c.notes?.length ? ['', ...c.notes] : []),
  ].join('\n');
}

/** `oauth-conformance --help`: the commands in a line each, and where each one's help is. */
export function overview(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const label = (n: CommandName) => {
    const c: CommandSpec = COMMANDS[n];
    return `${n}${c.args ? ` ${c.args}` : ''}`;
  };
  const width = Math.max(...names.map((n) => label(n).length)) + 2;
  return [
    'usage: oauth-conformance <command> [options]', '', 'commands:',
    ...names.map((n) => `  ${label(n).padEnd(width)}${COMMANDS[n].summary}`),
    '', 'oauth-conformance <command> --help   that command\'s options, defaults and examples',
    'without a command: run', '', EXIT_GATE,
  ].join('\n');
}
