/**
 * The catalog of black-box rules: sections and rows, each row an id and the rule in a few words. This
 * file is the catalog; docs/catalog.md is generated from it (`npm run docs`) with, per row, the sections
 * its checks cite, its level per profile, and the scenarios and flaws covering it. Ids are stable:
 * checks carry them (`catalog: ['TK-01']`), flaws name the ones they break, coverage is counted on them.
 * A new section or row goes here (ids `AB-01`: 2–5 capitals, a dash, two digits).
 */
/** What a catalog id looks like: 2–5 capitals, a dash, two digits (`TK-01`, `META-01`). */
export const CATALOG_ID_PATTERN = '^[A-Z]{2,5}-[0-9]{2}$';

export interface CatalogRow { readonly id: string; readonly rule: string }
export interface CatalogSection { readonly id: string; readonly title: string; readonly rows: readonly CatalogRow[] }

export const CATALOG = [
  { id: 'B.1.1', title: 'Discovery and metadata (RFC 8414, RFC 9207, RFC 9700 §2.6)', rows: [
    { id: 'META-01', rule: 'Publish AS metadata' },
    { id: 'META-02', rule: 'issuer is https, no query/fragment; equals the issuer used to build the URL' },
    { id: 'META-03', rule: 'authorization_endpoint, token_endpoint, response_types_supported present (unless exemption)' },
    { id: 'META-04', rule: 'Advertise PKCE support: code_challenge_methods_supported contains S256' },
    { id: 'META-05', rule: 'If iss in responses is supported, advertise authorization_response_iss_parameter_supported: true' },
    { id: 'META-06', rule: 'Deprecated features not advertised' },
    { id: 'META-07', rule: 'Endpoint URLs carry no fragment' },
  ] },
  { id: 'B.1.2', title: 'Transport security', rows: [
    { id: 'TLS-01', rule: 'Authorization endpoint requires TLS' },
    { id: 'TLS-02', rule: 'Token endpoint requires TLS' },
    { id: 'TLS-03', rule: 'Certificate valid for host, trusted chain' },
    { id: 'TLS-04', rule: 'Modern TLS supported, legacy refused' },
    { id: 'TLS-05', rule: 'Redirect URIs not http except loopback of native apps' },
    { id: 'TLS-06', rule: 'Resource server over TLS' },
  ] },
  { id: 'B.1.3', title: 'Authorization endpoint request handling', rows: [
    { id: 'AZ-01', rule: 'GET supported (POST optional)' },
    { id: 'AZ-02', rule: 'Unrecognized parameters ignored' },
    { id: 'AZ-03', rule: 'Parameters not repeated' },
    { id: 'AZ-04', rule: 'Empty parameter = omitted' },
    { id: 'AZ-05', rule: 'Missing / unknown response_type → error' },
    { id: 'AZ-06', rule: 'Resource owner authenticated first' },
    { id: 'AZ-07', rule: 'CSRF protection of the authorization/consent step' },
    { id: 'AZ-08', rule: 'No CORS at the authorization endpoint' },
    { id: 'AZ-09', rule: 'redirect_uri required when several are registered' },
    { id: 'AZ-10', rule: 'Repeated requests not auto-approved for unauthenticated (public) clients' },
    { id: 'AZ-11', rule: 'No 307 after credential POST' },
  ] },
  { id: 'B.1.4', title: 'Redirect URI validation (authorization request)', rows: [
    { id: 'RU-01', rule: 'other host https://attacker.example/cb' },
    { id: 'RU-02', rule: "another client's registered URI (with this client_id)" },
    { id: 'RU-03', rule: 'subdomain https://attacker.client.example/cb; parent/suffix host https://client.example.attacker.example/cb; appended TLD' },
    { id: 'RU-04', rule: 'path suffix https://client.example/cb/x, …/cbx, …/Wrong, different path' },
    { id: 'RU-05', rule: "path traversal / confusion (OAuch's 20 variants, OAUTHScan /../, /..;/, encoded and double-encoded), sent raw and encoded" },
    { id: 'RU-06', rule: 'extra query ?extra=1' },
    { id: 'RU-07', rule: 'code pollution ?code=attackercode / ?state=…' },
    { id: 'RU-08', rule: 'fragment https://client.example/cb#x' },
    { id: 'RU-09', rule: 'userinfo tricks https://client.example@attacker.example/cb, https://attacker.example@client.example/…, :password@…, encoded forms' },
    { id: 'RU-10', rule: 'parameter pollution: two redirect_uri params (honest first / attacker first); value containing &redirect_uri=…' },
    { id: 'RU-11', rule: 'scheme downgrade http://client.example/cb' },
    { id: 'RU-12', rule: 'port change https://client.example:8443/cb' },
    { id: 'RU-13', rule: 'localhost/loopback substitution on a web client: http://localhost/cb, http://127.0.0.1/cb, http://[::1]/cb, http://2130706433/, https://localhost.attacker.example/' },
    { id: 'RU-14', rule: 'loopback native client registered http://127.0.0.1/cb: request with random port' },
    { id: 'RU-15', rule: 'case / percent-encoding variants (CLIENT.example, /CB, /c%62)' },
    { id: 'RU-16', rule: 'dangerous schemes javascript:, data:, vbscript:' },
    { id: 'RU-17', rule: 'Host header manipulation on the authorization endpoint' },
    { id: 'RU-18', rule: 'invalid client or redirect never auto-redirects' },
  ] },
  { id: 'B.1.5', title: 'Authorization response', rows: [
    { id: 'AR-01', rule: 'state echoed exactly (success and error)' },
    { id: 'AR-02', rule: 'Code flow puts no tokens in the front channel' },
    { id: 'AR-03', rule: 'iss parameter in success and error responses' },
    { id: 'AR-04', rule: 'Code lifetime short, ≤10 min' },
    { id: 'AR-05', rule: 'Code unguessable (≥128 bits, SHOULD ≥160)' },
    { id: 'AR-06', rule: 'code_challenge not exposed in responses' },
    { id: 'AR-07', rule: 'Error responses well-formed' },
    { id: 'AR-08', rule: 'Attach a fragment to redirects to stop fragment reattachment' },
    { id: 'AR-09', rule: 'Form-post response mode available' },
  ] },
  { id: 'B.1.6', title: 'Open redirector at the AS', rows: [
    { id: 'OR-01', rule: 'No automatic redirect of unauthenticated users to a client URI via error paths' },
    { id: 'OR-02', rule: 'Login/logout/other AS endpoints with return_to-style parameters do not forward to arbitrary URLs' },
  ] },
  { id: 'B.1.7', title: 'PKCE (RFC 7636; RFC 9700 §2.1.1, §4.8; OAuth 2.1 §4.1)', rows: [
    { id: 'PK-01', rule: 'PKCE supported, S256 supported' },
    { id: 'PK-02', rule: 'Wrong verifier rejected' },
    { id: 'PK-03', rule: 'Verifier required when a challenge was sent' },
    { id: 'PK-04', rule: 'Verifier rejected when no challenge was sent' },
    { id: 'PK-05', rule: 'No S256→plain downgrade at token endpoint' },
    { id: 'PK-06', rule: 'Verifier bound to its code' },
    { id: 'PK-07', rule: 'Verifier syntax enforced (43–128 unreserved chars)' },
    { id: 'PK-08', rule: 'Unsupported code_challenge_method → invalid_request' },
    { id: 'PK-09', rule: 'PKCE required for public clients (and by default)' },
    { id: 'PK-10', rule: 'plain disabled' },
    { id: 'PK-11', rule: 'Constant challenges detected' },
  ] },
  { id: 'B.1.8', title: 'Token endpoint: code redemption and client authentication', rows: [
    { id: 'TK-01', rule: 'Code single use' },
    { id: 'TK-02', rule: 'Revoke tokens issued from a replayed code' },
    { id: 'TK-03', rule: 'No race on redemption' },
    { id: 'TK-04', rule: 'Code bound to client' },
    { id: 'TK-05', rule: 'redirect_uri must match' },
    { id: 'TK-06', rule: 'Client auth required for confidential clients' },
    { id: 'TK-07', rule: 'client_id required for public clients' },
    { id: 'TK-08', rule: 'HTTP Basic supported for password clients' },
    { id: 'TK-09', rule: 'Credentials not accepted in the URI query' },
    { id: 'TK-10', rule: 'Token endpoint only via POST' },
    { id: 'TK-11', rule: 'Unknown params ignored; repeated params rejected' },
    { id: 'TK-12', rule: 'invalid_client with Basic → 401 + WWW-Authenticate' },
    { id: 'TK-13', rule: 'Error format' },
    { id: 'TK-14', rule: 'Client-secret strength' },
  ] },
  { id: 'B.1.9', title: 'Token response', rows: [
    { id: 'TR-01', rule: 'Cache-Control: no-store on any response with tokens' },
    { id: 'TR-02', rule: 'Pragma: no-cache' },
    { id: 'TR-03', rule: 'JSON body with access_token, token_type; expires_in recommended; scope if different' },
    { id: 'TR-04', rule: 'Access token unguessable' },
    { id: 'TR-05', rule: 'Short-lived bearer tokens (≤1 h)' },
    { id: 'TR-06', rule: 'No refresh token from implicit' },
    { id: 'TR-07', rule: 'No refresh token for client credentials' },
  ] },
  { id: 'B.1.10', title: 'Refresh tokens', rows: [
    { id: 'RT-01', rule: 'RT bound to its client' },
    { id: 'RT-02', rule: 'Client auth required on refresh (confidential)' },
    { id: 'RT-03', rule: 'Scope cannot grow' },
    { id: 'RT-04', rule: 'Public clients: sender-constrained RT or rotation' },
    { id: 'RT-05', rule: 'Reuse detection on rotation' },
    { id: 'RT-06', rule: 'New RT has identical scope' },
    { id: 'RT-07', rule: 'No refresh race' },
    { id: 'RT-08', rule: 'RT expires on inactivity' },
    { id: 'RT-09', rule: 'RT unguessable' },
  ] },
  { id: 'B.1.11', title: 'Deprecated grants', rows: [
    { id: 'DG-01', rule: 'Implicit grant not offered' },
    { id: 'DG-02', rule: 'No token in a query string' },
    { id: 'DG-03', rule: 'Response-type confusion' },
    { id: 'DG-04', rule: 'ROPC not accepted' },
  ] },
  { id: 'B.1.12', title: 'Browser-facing protections on AS pages', rows: [
    { id: 'BR-01', rule: 'Clickjacking prevented on authorization, login, consent and error pages' },
    { id: 'BR-02', rule: 'No third-party resources/links on authorization endpoint page' },
    { id: 'BR-03', rule: 'Referrer policy suppressing referrers' },
    { id: 'BR-04', rule: 'No tokens/codes in URLs of AS pages after login' },
  ] },
  { id: 'B.1.13', title: 'Mix-up', rows: [
    { id: 'MX-01', rule: 'Issuer identification in authorization responses' },
    { id: 'MX-02', rule: 'Issuer in metadata matches URL' },
  ] },
  { id: 'B.1.14', title: 'Protected resource (RFC 6750) — needs a test URI', rows: [
    { id: 'RS-01', rule: 'Authorization: Bearer supported' },
    { id: 'RS-02', rule: 'Token in query not accepted' },
    { id: 'RS-03', rule: 'If query tokens are accepted, responses carry Cache-Control: private' },
    { id: 'RS-04', rule: 'WWW-Authenticate on 401' },
    { id: 'RS-05', rule: 'Expired / revoked / replayed-code tokens rejected' },
    { id: 'RS-06', rule: 'Sender-constrained tokens' },
  ] },
] as const satisfies readonly CatalogSection[];

/** A catalog id, as a type: `breaks` of a flaw and `catalog` of a check are checked against it by the compiler. */
export type CatalogId = (typeof CATALOG)[number]['rows'][number]['id'];

export const CATALOG_IDS: ReadonlySet<string> = new Set(CATALOG.flatMap((s) => s.rows.map((r) => r.id)));

export function isCatalogId(id: string): id is CatalogId {
  return CATALOG_IDS.has(id);
}
