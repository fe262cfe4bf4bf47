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
