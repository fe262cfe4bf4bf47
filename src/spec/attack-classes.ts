/**
 * Attack classes, for security reviewers: which catalog rows (CATALOG ids) defend against which attack.
 * Each class cites the RFC 9700 section that describes the attack; rows that defend against none
 * (interoperability rules) fall in `conformance`. Every catalog row belongs to exactly one class.
 */
export interface AttackClass {
  id: string;
  title: string;
  /** One line: what the attacker gets when these rules break. */
  description: string;
  /** The requirement describing the attack. */
  see: string;
  rows: string[];
}

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${String(from + i).padStart(2, '0')}`);

export const ATTACK_CLASSES: AttackClass[] = [
  { id: 'redirect-manipulation', title: 'Redirect URI manipulation', see: 'RFC9700-4.1',
    description: 'A lax redirect_uri match sends the code or token to a URI the attacker controls.',
    rows: [...range('RU', 1, 18), 'AZ-09', 'AR-08', 'PAR-08'] },
  { id: 'open-redirector', title: 'Open redirector', see: 'RFC9700-4.11',
    description: 'The authorization server forwards a victim to an arbitrary site, lending it its own trusted origin.',
    rows: ['OR-01', 'OR-02'] },
  { id: 'code-injection-replay', title: 'Code or token injection and replay', see: 'RFC9700-4.5',
    description: 'A stolen or guessed code or token is redeemed or reused, by another client or a second time.',
    rows: ['TK-01', 'TK-02', 'TK-03', 'TK-04', 'TK-05', 'PK-02', 'PK-03', 'PK-06', 'PK-07', 'AR-04', 'AR-05', 'TR-04', 'RS-05', 'ID-10',
      'PAR-03', 'PAR-04', 'PAR-05', 'DV-04', 'DV-05', 'DV-07'] },
  { id: 'pkce-downgrade', title: 'PKCE downgrade', see: 'RFC9700-4.8',
    description: 'PKCE can be dropped or weakened (plain, no challenge), so an intercepted code is redeemable again.',
    rows: ['PK-01', 'PK-04', 'PK-05', 'PK-08', 'PK-09', 'PK-10', 'PK-11', 'META-04'] },
  { id: 'csrf', title: 'Cross-site request forgery', see: 'RFC9700-4.7',
    description: 'An attacker makes the victim\'s client accept an authorization response, or the server grant one, the victim never asked for.',
    rows: ['AR-01', 'AZ-06', 'AZ-07'] },
  { id: 'mix-up', title: 'Mix-up', see: 'RFC9700-4.4',
    description: 'A client talking to several servers is tricked into sending one server\'s code to another.',
    rows: ['MX-01', 'MX-02', 'AR-03', 'META-02', 'META-05'] },
  { id: 'token-leakage', title: 'Code and token leakage', see: 'RFC9700-4.3',
    description: 'Codes or tokens reach someone other than the client: URLs, history, referrers, caches, cross-origin reads.',
    rows: ['AR-02', 'AR-06', 'AZ-08', 'AZ-11', 'DG-01', 'DG-02', 'DG-03', 'TR-01', 'TR-02', 'TR-06', 'BR-02', 'BR-03', 'BR-04', 'RS-02', 'RS-03'] },
  { id: 'network-attacker', title: 'Network attacker', see: 'RFC6749-10.9',
    description: 'Credentials sent without TLS, or with weak TLS, are read on the wire.',
    rows: range('TLS', 1, 6) },
  { id: 'clickjacking', title: 'Clickjacking', see: 'RFC9700-4.16',
    description: 'The server\'s login or consent page, framed by an attacker, tricks the user into approving.',
    rows: ['BR-01'] },
  { id: 'client-impersonation', title: 'Client impersonation', see: 'RFC9700-4.15',
    description: 'Someone who is not the client obtains tokens in its name: missing or weak client authentication, auto-approval.',
    rows: ['TK-06', 'TK-07', 'TK-08', 'TK-09', 'TK-12', 'TK-14', 'AZ-10', 'DG-04', 'TR-07', ...range('CA', 1, 6), 'PAR-02', 'FAPI-02', 'FAPI-03'] },
  { id: 'id-token-forgery', title: 'ID token forgery and substitution', see: 'OIDC-16.3',
    description: 'A forged, replayed or foreign ID token logs the attacker in at the client as someone else.',
    rows: range('ID', 1, 9) },
  { id: 'request-tampering', title: 'Authorization request tampering', see: 'RFC9101-1',
    description: 'Parameters of the authorization request are altered, added or forged in the browser, where the client cannot protect them.',
    rows: [...range('JR', 1, 5), 'PAR-06', 'PAR-07'] },
  { id: 'stolen-token-use', title: 'Use of stolen tokens', see: 'RFC9449-1',
    description: 'A leaked access or refresh token works for whoever holds it: not sender-constrained, or its DPoP proof not checked.',
    rows: ['RS-06', ...range('DP', 1, 9), 'FAPI-01'] },
  { id: 'user-code-guessing', title: 'User code guessing', see: 'RFC8628-5.1',
    description: 'A remote attacker guesses a pending user code, or polls fast, and gets the tokens the user approved.',
    rows: ['DV-03', 'DV-06'] },
  { id: 'refresh-token-abuse', title: 'Refresh token abuse', see: 'RFC9700-4.14',
    description: 'A stolen refresh token keeps working: not bound to its client, not rotated, reuse not detected, scope grown.',
    rows: range('RT', 1, 9) },
  { id: 'long-lived-credentials', title: 'Long-lived credentials', see: 'RFC9700-4.10',
    description: 'A leaked access token stays usable for long.',
    rows: ['TR-05'] },
  { id: 'revocation-bypass', title: 'Revocation bypass', see: 'RFC7009-2.1',
    description: 'A token the client or user revoked keeps working, or someone other than its client revokes it.',
    rows: [...range('RV', 1, 8), 'IN-02', 'IN-06'] },
  { id: 'token-scanning', title: 'Token scanning', see: 'RFC7662-4',
    description: 'Anyone may ask the introspection endpoint whether guessed or stolen tokens are active, and what they grant.',
    rows: ['IN-01'] },
  { id: 'token-audience', title: 'Token replay at another resource', see: 'RFC9700-4.10.1',
    description: 'An access token meant for one resource server is accepted by another, which can then replay it.',
    rows: ['RI-01'] },
  { id: 'conformance', title: 'Protocol conformance', see: 'RFC6749-1',
    description: 'Interoperability rules with no direct attack: well-formed requests, responses, errors and metadata.',
    rows: ['AZ-01', 'AZ-02', 'AZ-03', 'AZ-04', 'AZ-05', 'AR-07', 'AR-09', 'TK-10', 'TK-11', 'TK-13', 'TR-03', 'META-01', 'META-03', 'META-06', 'META-07', 'RS-01', 'RS-04', 'IN-03', 'IN-04', 'IN-05', 'RI-02', 'RI-03',
      'PAR-01', 'DV-01', 'DV-02'] },
];

const CLASS_OF_ROW = new Map(ATTACK_CLASSES.flatMap((c) => c.rows.map((r) => [r, c] as const)));

/** The attack classes of a scenario or check, from its catalog rows, in catalog order of classes. */
export function attackClassesOf(catalog: readonly string[]): AttackClass[] {
  const found = new Set(catalog.map((r) => CLASS_OF_ROW.get(r)).filter((c): c is AttackClass => !!c));
  return ATTACK_CLASSES.filter((c) => found.has(c));
}
