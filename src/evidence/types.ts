/**
 * Typed evidence: what the drivers observed, as data. Checks are pure functions of these records and
 * never touch a page or a socket. Every record is redacted before it is written anywhere.
 */

/** One hop the browser took: a request, and the redirect that answered it when there was one. */
export interface Hop {
  url: string;
  method: string;
  status?: number;
  /** `Location` of a 30x answer, with its query and fragment, as the server sent it. */
  location?: string;
  /** The host the browser was sent to belongs to the harness (redirect URI or attacker host). */
  atStub: boolean;
}

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
  /** The state the harness sent (undefined when the scenario omitted it). */
  sentState?: string;
  /** The redirect_uri sent, and the variant that produced it. */
  redirectUri?: { value: string; registered: string; variant?: string };
  consent: 'approve' | 'deny';
  /** Which interaction rules ran, in order (login, consent, ...). */
  interactions: string[];
  chain: Hop[];
  outcome: AuthorizationOutcome;
  /** PKCE values of this request (the verifier is a secret: redacted in reports). */
  pkce?: { method: 'S256' | 'plain'; verifier: string; challenge: string };
  /** Screenshot of the page the request ended on, when it was the server's (PNG). */
  screenshot?: Buffer;
}

export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response: { status: number; headers: Record<string, string>; body: string; json?: unknown };
  durationMs: number;
}

export interface TokenEvidence extends HttpExchange {
  kind: 'token';
  step: number;
  client: string;
  /** The authorize step whose code was redeemed. */
  codeFrom: number;
}

export interface ResourceEvidence extends HttpExchange {
  kind: 'resource';
  step: number;
  /** The token step whose access token was used. */
  tokenFrom: number;
}

export type Evidence = AuthorizationEvidence | TokenEvidence | ResourceEvidence;
export type EvidenceKind = Evidence['kind'];
export type EvidenceOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>;
