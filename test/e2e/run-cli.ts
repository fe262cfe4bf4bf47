/** The real `oauth-conformance` command as a child process: its exit code and everything it printed. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../src/runner/env.js';

export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/oauth-conformance.mjs'), ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
}
