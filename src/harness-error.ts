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
 * A step that cannot be built for this target, though the target is not at fault (e.g. "the secret by
 * another method" for a client that has only a private key): the step's checks are skipped with the reason.
 */
export class NotApplicable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotApplicable';
  }
}
