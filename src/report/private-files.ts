/**
 * Report files may hold evidence (a server's pages, masked requests, screenshots): readable by the
 * tester only — files 0600, directories 0700. The harness writes its own files so, runs Playwright
 * (whose HTML, Allure and blob reporters write theirs) under umask 077, and afterwards tightens every
 * entry a run writes into the report directory, whatever wrote it. The report directory itself is
 * created 0700 but never changed when it already existed (it may be a shared directory such as /tmp).
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;
/** The umask that makes every file and directory a process creates private. */
export const PRIVATE_UMASK = 0o077;

/** Writes a file readable by its owner only, also when it existed before with wider permissions. */
export function writePrivate(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE });
  chmodSync(file, PRIVATE_FILE);
}

/** Creates a directory (and missing parents) 0700; a directory of the harness's own (`own`) is tightened if it existed. */
export function mkdirPrivate(dir: string, own = false): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (own) chmodSync(dir, PRIVATE_DIR);
}

/** Tightens the named entries of a report directory, recursively; symbolic links are left alone (never followed). */
export function lockDown(reportDir: string, entries: readonly string[]): void {
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      chmodSync(p, PRIVATE_DIR);
      for (const f of readdirSync(p)) walk(path.join(p, f));
    } else {
      chmodSync(p, PRIVATE_FILE);
    }
  };
  for (const e of entries) {
    const p = path.join(reportDir, e);
    if (existsSync(p)) walk(p);
  }
}
