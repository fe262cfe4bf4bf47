/**
 * Typed evidence: what the drivers observed, as data. Checks are pure functions of these records and
 * never touch a page or a socket. Every record is redacted before it is written anywhere.
 */

/** One hop the browser took: a request, and the redirect that answered it when there was one. */
import type { DeviceEvidence, DpopProofSent, ParEvidence } from './fapi.js';
export interface Hop {
  url: string;
  method: string;
  status?: number;
  /** `Location` of a 30x answer, with its query and fragment, as the server sent it. */
  location?: string;
  /** The host the browser was sent to belongs to the harness (redirect URI or attacker host). */
  atStub: boolean;
  /** Security-relevant response headers of the server's pages (lower-case names). */
  headers?: Record<string, string>;
}

/** A request a server page made besides navigating: scripts, images, fetches (BR-02). */
/** `blocked`: why the harness did not let it load (an origin the profile does not name). */
export interface Subresource { url: string; type: string; referer?: string; page: string; blocked?: string }

/** Where an authorization request ended. */
export type AuthorizationOutcome =
  | {
      type: 'redirect';
      /** The URL the browser landed on at the harness's stub, fragment included. */
      url: string;
      /** The landing URL without query and fragment. */
      base: string;
      /** `registered`: the client's registered redirect URI; `requested`: the manipulated URI the scenario sent; `other`: any other harness host. */
      target: 'registered' | 'requested' | 'other';
      query: Record<string, string[]>;
      fragment: Record<string, string[]>;
      /** The browser could not load the URL (e.g. an unresolvable host): the server still sent it there. */
      unreachable?: string;
    }
  | {
      type: 'error-page';
      /** The server page the browser stayed on. */
      url: string;
      status?: number;
      title: string;
      /** The first visible text of the page, for people. */
      text: string;
    };

export interface AuthorizationEvidence {
  kind: 'authorization';
  step: number;
  client: string;
  /** The request as sent, parameters parsed. */
  request: { url: string; params: Record<string, string> };
  /** The request carried a request_uri from a pushed authorization request (RFC 9126 §4): that par step, and the client that pushed. */
  pushed?: { from: number; client: string };
  /** The state the harness sent (undefined when the scenario omitted it). */
  sentState?: string;
  /** The redirect_uri sent, and the variant that produced it. */
  redirectUri?: { value: string; registered: string; variant?: string };
  consent: 'approve' | 'deny';
  /** With `consent: deny`: whether deny steps really ran, on a page an interaction rule knew (a consent page). */
  denied?: boolean;
  /** Which interaction rules ran, in order (login, consent, ...). */
  interactions: string[];
  chain: Hop[];
  outcome: AuthorizationOutcome;
  /** PKCE values of this request (the verifier is a secret: redacted in reports). */
  pkce?: { method: 'S256' | 'plain'; verifier: string; challenge: string };
  /** Requests the server's pages made besides navigations (capped). */
  subresources: Subresource[];
  /** With `request_object`: the request object sent (`request=`, RFC 9101), decoded; the JWT itself is in `request.params`. */
  requestObject?: { variant: string; header: Record<string, unknown>; claims: Record<string, unknown> };
  /** Screenshot of the page the request ended on, when it was the server's (PNG). */
  screenshot?: Buffer;
}

export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string; json?: unknown };
  durationMs: number;
}

export type Grant = 'authorization_code' | 'refresh_token' | 'password' | 'client_credentials';

export interface TokenEvidence extends HttpExchange {
  kind: 'token';
  step: number;
  grant: Grant;
  client: string;
  /** The named request manipulation, when the step made one (e.g. `auth: wrong-secret`). */
  variants: string[];
  /** The authorize step whose code was redeemed (authorization_code). */
  codeFrom?: number;
  /** The token step whose refresh token was used (refresh_token). */
  tokenFrom?: number;
  /** The scope of the tokens this refresh token came from, when known (for scope checks). */
  originalScope?: string;
  /** The refresh token sent, redacted in reports (to tell a rotated token from the same one). */
  sentRefreshToken?: string;
  /** The scope the issued access token really carries, when the response omitted `scope` and the server said (introspection, resource). */
  grantedScope?: { scope: string; source: string };
  /** The DPoP proof the request carried (RFC 9449), when the step sent one or was to. */
  dpop?: DpopProofSent;
}

/** One request of a race: `failed` (status 0, empty body) when no answer came. */
export interface RaceExchange extends HttpExchange {
  failed?: string;
}

/** One round of a race: N identical requests released together, and what each issued token did afterwards. */
export interface TokenRaceRound {
  exchanges: RaceExchange[];
  /** Requests that had sent all but their last byte when the round was released (normally all of them). */
  primed: number;
  /** The refresh token every request of this round sent (refresh races), redacted in reports. */
  sentRefreshToken?: string;
  /** Status of the protected resource for each issued access token, in the order of `exchanges` (absent when the target has no resource). */
  resourceStatuses?: (number | undefined)[];
  /** Status of one later refresh with each new refresh token issued, in the order of `exchanges` (refresh races). */
  refreshStatuses?: (number | undefined)[];
}

/**
 * The same request fired concurrently (TK-03, RT-07), in several rounds: each round races a fresh code
 * (or refresh token) with synchronized release (src/drive/release-together.ts).
 */
export interface TokenRaceEvidence {
  kind: 'token-race';
  step: number;
  grant: 'authorization_code' | 'refresh_token';
  /** The authorize step whose code was raced (authorization_code; re-run for every later round). */
  codeFrom?: number;
  /** The token step whose refresh token was raced (refresh_token; re-run for every later round). */
  tokenFrom?: number;
  /** Requests per round. */
  concurrent: number;
  rounds: TokenRaceRound[];
  /** Rounds planned; fewer ran when `stopped` says why. */
  plannedRounds: number;
  /** Why the race stopped early: a later round could not be prepared after a violation was already seen. */
  stopped?: string;
}

export interface ResourceEvidence extends HttpExchange {
  kind: 'resource';
  step: number;
  /** The token step whose access token was used, if any. */
  tokenFrom?: number;
  /** How the token was presented: `header` (Authorization: Bearer), `query` (?access_token=), `none`, or `bogus` (a made-up token in the header). */
  presented: 'header' | 'query' | 'none' | 'bogus';
  /** `userinfo`: the request went to the metadata's OpenID Connect UserInfo endpoint, not the profile's resource. */
  at?: 'userinfo';
  /** The DPoP proof the request carried (RFC 9449 §7), when the step sent one or was to. */
  dpop?: DpopProofSent;
}

/** A token introspection request (RFC 7662), or why there was none (the server advertises no endpoint). */
export interface IntrospectionEvidence {
  kind: 'introspection';
  step: number;
  /** The token or refresh step whose token was introspected (none for a made-up token). */
  tokenFrom?: number;
  /** `bogus`: a made-up token no server issued. */
  which: 'access_token' | 'refresh_token' | 'bogus';
  /** The client that asked, when the step says (absent in older records: the token's own client). */
  client?: string;
  /** The token_type_hint sent: the token's own type (`as-token`), none, the other type, or a value no server knows. */
  hint?: TokenTypeHint;
  /** Named manipulations of the request (`auth:wrong-secret`, `client:second`). */
  variants?: string[];
  /** The request and answer; absent when the metadata advertises no `introspection_endpoint`. */
  exchange?: HttpExchange;
}

export type TokenTypeHint = 'as-token' | 'omit' | 'wrong' | 'unknown';

/** A token revocation request (RFC 7009 §2.1) at the metadata's `revocation_endpoint`. */
export interface RevocationEvidence extends HttpExchange {
  kind: 'revocation';
  step: number;
  /** The client that asked. */
  client: string;
  /** The token or refresh step whose token was revoked (none for a made-up token). */
  tokenFrom?: number;
  /** The client the token was issued to. */
  tokenClient?: string;
  which: 'access_token' | 'refresh_token' | 'bogus';
  hint: TokenTypeHint;
  /** Named manipulations of the request (`auth:none`, `client:second`). */
  variants: string[];
  /** The token sent, redacted in reports (to know which later use it concerns). */
  sentToken: string;
}

/** The authorization server metadata documents (RFC 8414 §3; OpenID Connect Discovery). */
export interface MetadataEvidence {
  kind: 'metadata';
  step: number;
  /** The issuer the profile configured (or the embedded server's). */
  issuer: string;
  documents: (HttpExchange & { source: 'rfc8414' | 'oidc' })[];
  /** The first document that parsed as a JSON object. */
  metadata?: Record<string, unknown>;
  /** With `jwks: true`: the server's JWK Set fetched from the metadata's `jwks_uri` (absent when it names none). */
  jwks?: HttpExchange;
}

/** One raw request to a named endpoint, for rules about the endpoint itself (CORS, methods, transport). */
export interface ProbeEvidence extends HttpExchange {
  kind: 'probe';
  step: number;
  endpoint: 'authorization' | 'token' | 'resource';
  purpose: string;
}

/** An attacker-origin page that frames a page of the server (clickjacking, RFC 6749 §10.13). */
export interface FrameEvidence {
  kind: 'frame';
  step: number;
  /** The framed URL (the authorization request). */
  url: string;
  /** The server's page rendered inside the attacker's frame. */
  rendered: boolean;
  /** The URL the frame ended on (chrome-error:// when the browser refused to render it). */
  frameUrl: string;
  /**
   * The frame ended on a page of the harness (the server redirected straight to a redirect URI, the
   * harness's stand-in for the client): no page of the server was shown to judge.
   */
  atHarness?: boolean;
  /** Anti-framing headers of the framed page's response, lower-cased names. */
  headers: { 'x-frame-options'?: string; 'content-security-policy'?: string };
  screenshot?: Buffer;
}

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface TlsVerification {
  /** Chain trusted and host name matched. */
  verified: boolean;
  error?: string;
  subject?: string;
  issuer?: string;
  validTo?: string;
  altNames?: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo (what Chromium's SPKI allow-list takes). */
  spkiHash?: string;
}

export interface TlsHandshake {
  version: TlsVersion;
  accepted: boolean;
  /** Why the handshake failed: the server's alert, or a client-side limit. */
  error?: string;
  /** The failure is the client's own (the probe could not offer this version): no verdict from it. */
  clientLimit?: boolean;
}

/** TLS handshakes with an endpoint: one verified, then one per protocol version offered alone. */
export interface TlsEvidence {
  kind: 'tls';
  step: number;
  endpoint: 'authorization' | 'token' | 'resource';
  /** host:port probed. */
  address: string;
  verification: TlsVerification;
  handshakes: TlsHandshake[];
}

export type Evidence = AuthorizationEvidence | TokenEvidence | TokenRaceEvidence | ResourceEvidence | IntrospectionEvidence | RevocationEvidence | MetadataEvidence | ProbeEvidence | FrameEvidence | TlsEvidence
  | ParEvidence | DeviceEvidence;
export type EvidenceKind = Evidence['kind'];
export type EvidenceOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>;
