/** `oauth-conformance doctor`: flags to options, and every finding printed through the redactor. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { doctor } from '../doctor/doctor.js';
import { formatFinding } from '../doctor/finding.js';
import { Redactor } from '../evidence/redact.js';
import { ROOT } from '../runner/env.js';
import { UsageError } from './args.js';
import { rel } from './rel-path.js';

export interface DoctorFlags { target?: string; ca?: string; insecure?: boolean; reportDir?: string }

export async function doctorCommand(f: DoctorFlags, out: (s: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!f.target) throw new UsageError('doctor needs --target <profile.yaml> (write one with `oauth-conformance init --issuer <url>`)');
  const targetFile = path.resolve(f.target);
  if (!existsSync(targetFile)) throw new UsageError(`--target ${f.target}: no such file`);
  let ca: string | undefined;
  if (f.ca) {
    ca = existsSync(f.ca) ? readFileSync(f.ca, 'utf8') : undefined;
    if (!ca?.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${f.ca}: not a readable PEM certificate file`);
  }
  const redactor = new Redactor();
  out(`oauth-conformance doctor: ${rel(targetFile)}\n`);
  const code = await doctor(
    { targetFile: rel(targetFile), ca, insecure: f.insecure, reportDir: path.resolve(f.reportDir ?? path.join(ROOT, 'reports/doctor')), redactor, env },
    (finding) => out(formatFinding(redactor.redact(finding))),
  );
  out(code === 0 ? '\nall good: run it with `oauth-conformance run --target <profile>`.' : code === 1 ? '\nproblem(s) found: fix them and run doctor again.' : '\nthe profile does not load: nothing else was checked.');
  return code;
}
