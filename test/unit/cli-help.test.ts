/**
 * `oauth-conformance <command> --help`: every command has its help (usage, each option with its default,
 * an example) from the same table its options are parsed with; unknown options and commands are
 * clear errors with a did-you-mean and a pointer to the help. One call of the real command at the end.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { asksForHelp, parse, UsageError } from '../../src/cli/args.js';
import { COMMANDS, commandHelp, overview, unknownCommand, type CommandName, type CommandSpec } from '../../src/cli/commands.js';
import { ROOT } from '../../src/runner/env.js';

const NAMES = Object.keys(COMMANDS) as CommandName[];

describe('help texts', () => {
  test('the commands main.ts dispatches all have a help', () => {
    assert.deepEqual([...NAMES].sort(), ['doctor', 'help', 'init', 'list', 'merge', 'run', 'validate']);
  });

  for (const name of NAMES) {
    test(`${name} --help: usage, every option with its placeholder and default, an example`, () => {
      const c: CommandSpec = COMMANDS[name];
      const help = commandHelp(name);
      assert.ok(help.startsWith(`usage: oauth-conformance ${name}`), help);
      for (const [long, o] of Object.entries(c.options)) {
        const line = help.split('\n').find((l) => l.trimStart().startsWith(`--${long}`));
        assert.ok(line, `--${long} listed`);
        if (o.value) assert.ok(line.includes(`--${long} ${o.value}`), line);
        if (o.shownDefault) assert.ok(line.endsWith(`(default: ${o.shownDefault})`), line);
        assert.ok(line.includes(o.help), line);
      }
      assert.match(help, /^ {2}-h, --help +show this help$/m);
      assert.match(help, /^examples?:\n {2}oauth-conformance /m);
      for (const e of c.examples) assert.ok(e.startsWith(`oauth-conformance ${name}`), `the example runs ${name}: ${e}`);
      assert.ok(overview().includes(`\n  ${name}`), 'listed in the overview');
    });
  }

  test('the defaults a reader needs are there', () => {
    assert.match(commandHelp('run'), /--workers <n> +parallel browsers .*\(default: 2\)/);
    assert.match(commandHelp('run'), /--profile <name> .*\(default: rfc9700\)/);
    assert.match(commandHelp('run'), /--report-dir <dir> .*\(default: reports\/latest\)/);
    assert.match(commandHelp('doctor'), /--report-dir <dir> .*\(default: reports\/doctor\)/);
    assert.match(commandHelp('init'), /--out <file> .*\(default: <name>\.yaml\)/);
  });
});

describe('parsing', () => {
  test('-h and --help ask for help anywhere before --, not after it', () => {
    assert.equal(asksForHelp(['--help']), true);
    assert.equal(asksForHelp(['--target', 'x.yaml', '-h']), true);
    assert.equal(asksForHelp(['--target', 'x.yaml']), false);
    assert.equal(asksForHelp(['--', '--help']), false);
  });

  test('an unknown option: the option, the nearest known one', () => {
    const err = (argv: string[], options: CommandSpec['options']) => {
      try {
        parse(argv, options);
      } catch (e) {
        assert.ok(e instanceof UsageError);
        return e.message;
      }
      assert.fail('no error');
    };
    assert.equal(err(['--wrokers', '2'], COMMANDS.run.options), "Unknown option '--wrokers' (did you mean --workers?)");
    assert.equal(err(['--isuer=https://as'], COMMANDS.init.options), "Unknown option '--isuer' (did you mean --issuer?)");
    assert.equal(err(['--frobnicate'], COMMANDS.list.options), "Unknown option '--frobnicate'");
    assert.equal(err(['--hepl'], COMMANDS.validate.options), "Unknown option '--hepl' (did you mean --help?)");
    assert.match(err(['--target'], COMMANDS.doctor.options), /Option '--target <value>' argument missing/);
  });

  test('known options parse with their types', () => {
    const { values, positionals } = parse(['suites/x', '--flaw', 'a', '--flaw', 'b', '--slow', '--workers', '3'], COMMANDS.run.options);
    assert.deepEqual({ ...values }, { flaw: ['a', 'b'], slow: true, workers: '3' });
    assert.deepEqual(positionals, ['suites/x']);
  });

  test('an unknown command: the nearest command', () => {
    assert.equal(unknownCommand('rnu'), 'unknown command "rnu"; did you mean run?');
    assert.equal(unknownCommand('frobnicate'), 'unknown command "frobnicate"');
  });
});

describe('the real command', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/oauth-conformance.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  test('init --help prints init\'s help and exits 0; a misspelt option exits 2 pointing at the help', () => {
    const help = cli('init', '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stdout, `${commandHelp('init')}\n`);
    const bad = cli('init', '--isuer', 'https://as.example');
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, "error: Unknown option '--isuer' (did you mean --issuer?)\n\nusage: oauth-conformance init [options]\nsee: oauth-conformance init --help\n");
  });
});
