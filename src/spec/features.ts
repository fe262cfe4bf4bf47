/**
 * The closed feature vocabulary (test262's features.txt idea). A target declares the features it
 * supports; a scenario (or one of its steps) names the features it needs. A scenario whose features
 * the target lacks is `skip` with the missing feature named, never `fail`.
 */
export const FEATURES = {
  'authorization-code': 'Authorization code grant (RFC 6749 §4.1)',
  pkce: 'Proof Key for Code Exchange with S256 (RFC 7636)',
  'refresh-token': 'Refresh tokens issued with the code grant (RFC 6749 §6)',
  'iss-parameter': 'Issuer identification in authorization responses (RFC 9207)',
  resource: 'A protected resource URL that accepts the access tokens (RFC 6750)',
  'second-client': 'A second confidential client, for binding tests',
  'public-client': 'A public client (no secret; PKCE)',
  implicit: 'The implicit grant is offered (response_type=token)',
  'client-secret-basic': 'Client authentication with HTTP Basic (RFC 6749 §2.3.1)',
  'client-secret-post': 'Client authentication with credentials in the body (RFC 6749 §2.3.1)',
  https: 'The authorization server is served over https',
  oidc: 'An OpenID Provider: ID tokens for scope openid (OpenID Connect Core 1.0), signed with a key of its published JWKS',
  'private-key-jwt': 'A client `jwt` authenticating with private_key_jwt (RFC 7523 §2.2, OIDC Core §9)',
  'client-secret-jwt': 'A client `hmac-jwt` authenticating with client_secret_jwt (RFC 7523 §2.2, OIDC Core §9)',
  'request-object': 'Signed request objects (`request=`, RFC 9101) accepted from the client `jwt`, signed with its key',
  'multi-redirect-client': 'A client `multi` with two registered redirect URIs (RFC 6749 §3.1.2.3)',
  revocation: 'A token revocation endpoint (RFC 7009), advertised as revocation_endpoint in the metadata',
  introspection: 'A token introspection endpoint (RFC 7662), advertised as introspection_endpoint in the metadata',
  'resource-indicators': 'Resource indicators (RFC 8707): the profile names `resource_indicators` the server issues audience-restricted tokens for',
  par: 'Pushed authorization requests (RFC 9126): a pushed_authorization_request_endpoint',
  dpop: 'DPoP sender-constrained tokens (RFC 9449) at the token endpoint (and the resource, with `resource`)',
  'device-flow': 'The device authorization grant (RFC 8628): a device_authorization_endpoint and its verification page',
} as const;

export type Feature = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];
