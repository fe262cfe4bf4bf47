/**
 * The check registry, by hand (no filesystem magic): every check the harness knows, by id.
 * A unit test asserts ids are unique, equal file names, cite resolvable requirements, and that
 * each check has a passing and a failing fixture.
 */
import type { CheckDefinition } from './types.js';
import type { EvidenceKind } from '../evidence/types.js';
import { codeReplayRejected } from './rfc6749/code-replay-rejected.js';
import { redirectUriRejected } from './rfc6749/redirect-uri-rejected.js';
import { stateEchoed } from './rfc6749/state-echoed.js';
import { tokenIssued } from './rfc6749/token-issued.js';
import { tokensRevokedAfterCodeReplay } from './rfc6749/tokens-revoked-after-code-replay.js';
import { implicitGrantRefused } from './rfc9700/implicit-grant-refused.js';
import { noTokensInUrls } from './rfc9700/no-tokens-in-urls.js';

export const CHECKS: readonly CheckDefinition<EvidenceKind>[] = [
  tokenIssued,
  codeReplayRejected,
  tokensRevokedAfterCodeReplay,
  redirectUriRejected,
  stateEchoed,
  noTokensInUrls,
  implicitGrantRefused,
] as CheckDefinition<EvidenceKind>[];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition<EvidenceKind>> = new Map(CHECKS.map((c) => [c.id, c]));
export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS_BY_ID.keys());
export const AMBIENT_CHECKS = CHECKS.filter((c) => c.ambient);
