/**
 * Endpoints of a target, and where its metadata is: RFC 8414 metadata (path insertion), then OpenID
 * Connect Discovery. The documents are fetched by drive/resolve-target.ts.
 */

export interface Endpoints {
  issuer: string;
  authorization: string;
  token: string;
  metadata?: Record<string, unknown>;
  metadataUrl?: string;
}

export function metadataUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/$/, '');
  return [
    `${u.origin}/.well-known/oauth-authorization-server${path}`,
    `${u.origin}${path}/.well-known/openid-configuration`,
  ];
}
