/**
 * Evidence of the FAPI-era specifications: a pushed authorization request (RFC 9126), a device
 * authorization grant (RFC 8628), and the DPoP proof a request carried (RFC 9449).
 */
import type { HttpExchange } from './types.js';

/** How a request proved possession of its key (RFC 9449 §4), as the step built it. */
export interface DpopProofSent {
  /** `valid`, or the named defect of the proof (`typ-jwt`, `alg-none`, `wrong-htm`, ...), or `none` (no proof). */
  variant: string;
  /** JWK SHA-256 thumbprint of the key the proof was signed with (RFC 7638). */
  jkt?: string;
  /** The key is not the one the token was bound to (variant `other-key`). */
  otherKey?: boolean;
  /** The server asked for a nonce (use_dpop_nonce) and the request was sent again with it. */
  nonceRetried?: boolean;
  /** The proof's header and claims as sent (never a secret). */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

/** A push to the pushed authorization request endpoint (RFC 9126 §2), or why there was none. */
export interface ParEvidence {
  kind: 'par';
  step: number;
  client: string;
  /** Named manipulations of the push (`auth:none`, `redirect_uri:other-host`, ...). */
  variants: string[];
  /** The endpoint from the metadata; absent when the server advertises none. */
  endpoint?: string;
  exchange?: HttpExchange;
  /** Seconds waited after the push for the request_uri to expire (its expires_in), when the step did. */
  waited?: number;
  /** The parameters pushed (secrets redacted in reports). */
  pushed?: Record<string, string>;
}

/** One poll of the token endpoint with the device code (RFC 8628 §3.4). */
export interface DevicePoll extends HttpExchange {
  /** Seconds since the device authorization response. */
  at: number;
  /** The client key that polled. */
  client: string;
  /** The moment of the poll in the flow. */
  phase: 'before-approval' | 'fast' | 'after-approval' | 'replay' | 'after-expiry' | 'other-client';
}

/** A device authorization grant: the request, the user's approval in the browser, and the polls. */
export interface DeviceEvidence {
  kind: 'device';
  step: number;
  client: string;
  /** The endpoint from the metadata; absent when the server advertises none. */
  endpoint?: string;
  authorization?: HttpExchange;
  /** The user code as shown to the user (a short code the user types; kept for entropy rules). */
  userCode?: string;
  /** The device code's length and alphabet size (the code itself is a secret). */
  deviceCode?: { length: number; alphabet: number; bits: number };
  /** The browser part: interaction rules that ran on the verification pages, and where it ended. */
  approval?: { ran: string[]; url: string; title: string; text: string };
  polls: DevicePoll[];
  /** expires_in and interval of the device authorization response. */
  expiresIn?: number;
  interval?: number;
}
