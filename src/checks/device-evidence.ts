/** Reading device authorization grants (RFC 8628), shared by the device-flow checks. */
import type { DeviceEvidence, DevicePoll } from '../evidence/fapi.js';
import { describeTokenResponse, errorCode, issuedAccessToken } from './token-response.js';
import type { Judgement } from './types.js';

export const pollsOf = (e: DeviceEvidence, phase: DevicePoll['phase']) => e.polls.filter((p) => p.phase === phase);
export const describePolls = (polls: DevicePoll[]) => polls.map((p) => `${p.at.toFixed(1)} s: ${describeTokenResponse(p)}`).join('; ') || 'no poll';

/** Why a device check cannot judge this evidence, if it cannot. */
export function notStarted(e: DeviceEvidence): string | undefined {
  if (!e.endpoint) return 'the server advertises no device_authorization_endpoint';
  if (!e.authorization || e.authorization.response.status >= 300 || !e.deviceCode) return `the device authorization request was refused (HTTP ${e.authorization?.response.status ?? '?'}): no device code to poll with`;
  return undefined;
}

/** The flow's own success: an after-approval poll that got tokens (the positive control of the refusals). */
export function approvedPoll(e: DeviceEvidence): DevicePoll | undefined {
  return pollsOf(e, 'after-approval').find((p) => issuedAccessToken(p));
}

/** Polls that must get no tokens, with the error expected. */
export function pollsRefused(polls: DevicePoll[], expectedError: string, accepted: string): Judgement {
  const expected = `no tokens; 400 error=${expectedError}`;
  const actual = describePolls(polls);
  if (polls.some((p) => issuedAccessToken(p))) return { holds: false, expected, actual, message: accepted };
  const codes = [...new Set(polls.map(errorCode))];
  const note = codes.every((c) => c === expectedError) ? undefined : `refused with ${codes.map((c) => c ?? 'no error code').join(', ')} instead of ${expectedError} (RFC 8628 §3.5)`;
  return { holds: true, expected, actual, ...(note ? { note } : {}) };
}
