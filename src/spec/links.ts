/**
 * Requirement ids (`RFC6749-4.1.2.1`) resolve to URLs here and only here. Longest prefix wins
 * (the OIDF `spec-links` idea); drafts are pinned to a revision so a citation cannot drift.
 */
const PREFIXES: [prefix: string, url: (section: string) => string][] = [
  ['RFC6749-', (s) => `https://www.rfc-editor.org/rfc/rfc6749#section-${s}`],
  ['RFC6750-', (s) => `https://www.rfc-editor.org/rfc/rfc6750#section-${s}`],
  ['RFC7636-', (s) => `https://www.rfc-editor.org/rfc/rfc7636#section-${s}`],
  ['RFC7523-', (s) => `https://www.rfc-editor.org/rfc/rfc7523#section-${s}`],
  ['RFC7009-', (s) => `https://www.rfc-editor.org/rfc/rfc7009#section-${s}`],
  ['RFC7662-', (s) => `https://www.rfc-editor.org/rfc/rfc7662#section-${s}`],
  ['RFC8707-', (s) => `https://www.rfc-editor.org/rfc/rfc8707#section-${s}`],
  ['RFC8252-', (s) => `https://www.rfc-editor.org/rfc/rfc8252#section-${s}`],
  ['RFC8414-', (s) => `https://www.rfc-editor.org/rfc/rfc8414#section-${s}`],
  ['RFC8996-', (s) => `https://www.rfc-editor.org/rfc/rfc8996#section-${s}`],
  ['RFC9207-', (s) => `https://www.rfc-editor.org/rfc/rfc9207#section-${s}`],
  ['RFC9700-', (s) => `https://www.rfc-editor.org/rfc/rfc9700#section-${s}`],
  ['RFC7519-', (s) => `https://www.rfc-editor.org/rfc/rfc7519#section-${s}`],
  ['RFC9101-', (s) => `https://www.rfc-editor.org/rfc/rfc9101#section-${s}`],
  // OpenID Connect Core 1.0 (errata set 2): its section anchors are `#rfc.section.N`.
  ['OIDC-', (s) => `https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.${s}`],
  ['RFC9126-', (s) => `https://www.rfc-editor.org/rfc/rfc9126#section-${s}`],
  ['RFC9449-', (s) => `https://www.rfc-editor.org/rfc/rfc9449#section-${s}`],
  ['RFC8628-', (s) => `https://www.rfc-editor.org/rfc/rfc8628#section-${s}`],
  ['FAPI2-', (s) => `https://openid.net/specs/fapi-security-profile-2_0-final.html#section-${s}`],
  ['OAUTH2.1-', (s) => `https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-${s}`],
];

/** The documents a requirement id may name (`RFC6749`, `OAUTH2.1`). */
export const REQUIREMENT_DOCUMENTS: readonly string[] = PREFIXES.map(([p]) => p.slice(0, -1));

/** What a requirement id looks like: a known document, then a section number (the schemas' pattern). */
export const REQUIREMENT_PATTERN = `^(${REQUIREMENT_DOCUMENTS.map((d) => d.replace(/\./g, '\\.')).join('|')})-[0-9]+(\\.[0-9]+)*$`;

/** URL of a requirement id, or undefined when the id has no known prefix. */
export function requirementUrl(id: string): string | undefined {
  const match = PREFIXES.filter(([p]) => id.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0];
  return match ? match[1](id.slice(match[0].length)) : undefined;
}

/** Titles of the cited documents, by id prefix (without the dash). */
export const SPECIFICATION_TITLES: Record<string, string> = {
  RFC6749: 'The OAuth 2.0 Authorization Framework',
  RFC6750: 'Bearer Token Usage',
  RFC7636: 'Proof Key for Code Exchange (PKCE)',
  RFC7523: 'JSON Web Token (JWT) Profile for OAuth 2.0 Client Authentication and Authorization Grants',
  RFC7009: 'OAuth 2.0 Token Revocation',
  RFC7662: 'OAuth 2.0 Token Introspection',
  RFC8707: 'Resource Indicators for OAuth 2.0',
  RFC8252: 'OAuth 2.0 for Native Apps',
  RFC8414: 'Authorization Server Metadata',
  RFC9207: 'Authorization Server Issuer Identification',
  RFC9700: 'Best Current Practice for OAuth 2.0 Security',
  RFC7519: 'JSON Web Token (JWT)',
  RFC9101: 'JWT-Secured Authorization Request (JAR)',
  OIDC: 'OpenID Connect Core 1.0',
  RFC9126: 'OAuth 2.0 Pushed Authorization Requests',
  RFC9449: 'OAuth 2.0 Demonstrating Proof of Possession (DPoP)',
  RFC8628: 'OAuth 2.0 Device Authorization Grant',
  FAPI2: 'FAPI 2.0 Security Profile (final)',
  'OAUTH2.1': 'The OAuth 2.1 Authorization Framework (draft 13)',
};

/** "RFC6749-4.1.2" -> "RFC 6749 §4.1.2" for people. */
export function requirementLabel(id: string): string {
  const [doc, section] = id.split(/-(.*)/s);
  const name = doc.startsWith('RFC') ? `RFC ${doc.slice(3)}` : doc === 'OAUTH2.1' ? 'OAuth 2.1' : doc === 'OIDC' ? 'OpenID Connect Core' : doc === 'FAPI2' ? 'FAPI 2.0' : doc;
  return `${name} §${section}`;
}
