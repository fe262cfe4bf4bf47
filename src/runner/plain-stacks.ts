/**
 * Stack traces in a Playwright Test worker at their plain cost. Playwright Test installs
 * source-map-support in its workers, for the TypeScript it transforms, and raises Error.stackTraceLimit
 * to 200; Playwright captures a stack for every API call, test step, attachment and protocol race, and
 * each went through the source-map wrapper frame by frame: 4.3 of the 20.5 CPU-s a worker spent on the
 * default suite (one worker, V8 profile), about 15 ms a scenario. A built run (scripts/build.mjs) loads
 * only bundles Playwright does not transform and which carry no source maps: there is nothing to map,
 * so the worker goes back to V8's own formatting (the same text) and Node's default depth.
 */
import { BUILD_DIR } from '../config.js';

export function plainStacks(): void {
  // Run from the TypeScript sources, Playwright's transform does map them: kept.
  if (!BUILD_DIR) return;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
  Error.stackTraceLimit = 10;
}
