import type { Evidence } from './evidence/types.js';

/**
 * The harness's own failures: a bad scenario, a target that does not answer, a login script that does
 * not match. They end as verdict `error`, never as the target's `fail`.
 */
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** A screenshot of the page where it happened, when a page was open. */
    readonly screenshot?: Buffer,
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

/**
 * A step whose premise does not hold for this target, though the target is not at fault: it cannot be
 * built for the client (e.g. "the secret by another method" for a client that has only a private key),
 * the server legitimately refused or lacks what it needs (an earlier step issued no refresh token), or
 * what it needed did not happen (no consent page to deny). The step's checks and the later steps' are
 * skipped with the reason. `evidence`: what the step observed before it found out, kept for the report.
 */
export class NotApplicable extends Error {
  constructor(message: string, readonly evidence?: Evidence) {
    super(message);
    this.name = 'NotApplicable';
  }
}
