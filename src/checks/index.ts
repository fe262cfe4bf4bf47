/**
 * The check registry, by hand (no filesystem magic): every check the harness knows, by id.
 * A unit test asserts ids are unique, equal file names, cite resolvable requirements, and that
 * each check has a passing and a failing fixture.
 */
import type { CheckDefinition } from './types.js';
import type { EvidenceKind } from '../evidence/types.js';
import { FAPI_CHECKS } from './fapi-checks.js';
import { clientIdRequired } from './rfc6749/client-id-required.js';
import { codeReplayRejected } from './rfc6749/code-replay-rejected.js';
import { redirectUriRejected } from './rfc6749/redirect-uri-rejected.js';
import { refusedWithoutRedirect } from './rfc6749/refused-without-redirect.js';
import { stateEchoed } from './rfc6749/state-echoed.js';
import { tokenIssued } from './rfc6749/token-issued.js';
import { tokensRevokedAfterCodeReplay } from './rfc6749/tokens-revoked-after-code-replay.js';
import { refreshTokenRevokedAfterCodeReplay } from './rfc6749/refresh-token-revoked-after-code-replay.js';
import { accessTokenInactiveAfterCodeReplay } from './rfc6749/access-token-inactive-after-code-replay.js';
import { implicitGrantRefused } from './rfc9700/implicit-grant-refused.js';
import { noTokensInUrls } from './rfc9700/no-tokens-in-urls.js';

// B.1.1 metadata, B.1.2 transport, B.1.3 authorization endpoint, B.1.11 deprecated grants, B.1.12 browser
import { metadataPublished } from './rfc8414/metadata-published.js';
import { metadataIssuerMatches } from './rfc8414/metadata-issuer-matches.js';
import { metadataRequiredFields } from './rfc8414/metadata-required-fields.js';
import { metadataAdvertisesS256 } from './rfc8414/metadata-advertises-s256.js';
import { issSupportAdvertised } from './rfc9207/iss-support-advertised.js';
import { metadataNoDeprecatedGrants } from './rfc9700/metadata-no-deprecated-grants.js';
import { endpointUrlsWithoutFragment } from './rfc6749/endpoint-urls-without-fragment.js';
import { authorizationEndpointRequiresTls } from './rfc6749/authorization-endpoint-requires-tls.js';
import { tokenEndpointRequiresTls } from './rfc6749/token-endpoint-requires-tls.js';
import { resourceRequiresTls } from './rfc6750/resource-requires-tls.js';
import { authorizationCodeGranted } from './rfc6749/authorization-code-granted.js';
import { unknownParametersIgnored } from './rfc6749/unknown-parameters-ignored.js';
import { duplicateParameterRejected } from './rfc6749/duplicate-parameter-rejected.js';
import { emptyParameterTreatedAsAbsent } from './rfc6749/empty-parameter-treated-as-absent.js';
import { responseTypeInvalidRejected } from './rfc6749/response-type-invalid-rejected.js';
import { userAuthenticatedBeforeCode } from './rfc6749/user-authenticated-before-code.js';
import { authorizationEndpointNoCors } from './rfc9700/authorization-endpoint-no-cors.js';
import { redirectUriRequired } from './rfc6749/redirect-uri-required.js';
import { repeatedAuthorizationNotAutomatic } from './rfc6749/repeated-authorization-not-automatic.js';
import { no307AfterCredentials } from './rfc9700/no-307-after-credentials.js';
import { tokenNotInQuery } from './rfc9700/token-not-in-query.js';
import { unregisteredResponseTypeRefused } from './rfc6749/unregistered-response-type-refused.js';
import { passwordGrantRefused } from './rfc9700/password-grant-refused.js';
import { clickjackingPrevented } from './rfc9700/clickjacking-prevented.js';
import { cspFrameAncestors } from './rfc9700/csp-frame-ancestors.js';
import { referrerPolicySet } from './rfc9700/referrer-policy-set.js';
import { codeOnlyInFinalRedirect } from './rfc9700/code-only-in-final-redirect.js';
// B.1.4 redirect URI, B.1.5 authorization response, B.1.6 open redirector, B.1.13 mix-up (MX-01)
import { issInAuthorizationResponse } from './rfc9207/iss-in-authorization-response.js';
import { authorizationCodeEntropy } from './rfc6749/authorization-code-entropy.js';
import { codeChallengeNotExposed } from './rfc7636/code-challenge-not-exposed.js';
import { authorizationErrorWellFormed } from './rfc6749/authorization-error-well-formed.js';
import { redirectFragmentAttached } from './rfc9700/redirect-fragment-attached.js';
import { formPostResponseMode } from './rfc9700/form-post-response-mode.js';
import { noUnauthenticatedErrorRedirect } from './rfc9700/no-unauthenticated-error-redirect.js';
import { redirectNotDerivedFromHost } from './rfc9700/redirect-not-derived-from-host.js';
// B.1.7 PKCE, B.1.8 token endpoint, B.1.9 token response, B.1.10 refresh tokens, B.1.14 protected resource
import { pkceWrongVerifierRejected } from './rfc7636/pkce-wrong-verifier-rejected.js';
import { pkceVerifierRequired } from './rfc7636/pkce-verifier-required.js';
import { pkceVerifierWithoutChallengeRejected } from './rfc7636/pkce-verifier-without-challenge-rejected.js';
import { pkceDowngradeRejected } from './rfc7636/pkce-downgrade-rejected.js';
import { pkceShortVerifierRejected } from './rfc7636/pkce-short-verifier-rejected.js';
import { pkceUnsupportedMethodRejected } from './rfc7636/pkce-unsupported-method-rejected.js';
import { pkceRequiredForPublicClients } from './rfc7636/pkce-required-for-public-clients.js';
import { pkcePlainRefused } from './rfc7636/pkce-plain-refused.js';
import { pkceS256Accepted } from './rfc7636/pkce-s256-accepted.js';
import { codeRaceSingleSuccess } from './rfc6749/code-race-single-success.js';
import { codeBoundToClient } from './rfc6749/code-bound-to-client.js';
import { tokenRedirectUriMustMatch } from './rfc6749/token-redirect-uri-must-match.js';
import { clientAuthenticationRequired } from './rfc6749/client-authentication-required.js';
import { clientSecretBasicAccepted } from './rfc6749/client-secret-basic-accepted.js';
import { clientSecretNotAcceptedInQuery } from './rfc6749/client-secret-not-accepted-in-query.js';
import { tokenEndpointRejectsGet } from './rfc6749/token-endpoint-rejects-get.js';
import { tokenUnknownParameterIgnored } from './rfc6749/token-unknown-parameter-ignored.js';
import { tokenDuplicateParameterRejected } from './rfc6749/token-duplicate-parameter-rejected.js';
import { invalidClientWwwAuthenticate } from './rfc6749/invalid-client-www-authenticate.js';
import { tokenErrorResponseFormat } from './rfc6749/token-error-response-format.js';
import { tokenResponseNoStore } from './rfc6749/token-response-no-store.js';
import { tokenResponsePragmaNoCache } from './rfc6749/token-response-pragma-no-cache.js';
import { tokenResponseWellFormed } from './rfc6749/token-response-well-formed.js';
import { accessTokenEntropy } from './rfc6749/access-token-entropy.js';
import { accessTokenShortLived } from './rfc6750/access-token-short-lived.js';
import { implicitNoRefreshToken } from './rfc6749/implicit-no-refresh-token.js';
import { clientCredentialsNoRefreshToken } from './rfc6749/client-credentials-no-refresh-token.js';
import { refreshTokenBoundToClient } from './rfc6749/refresh-token-bound-to-client.js';
import { refreshScopeNotEscalated } from './rfc6749/refresh-scope-not-escalated.js';
import { refreshTokenRotated } from './rfc9700/refresh-token-rotated.js';
import { refreshTokenReuseRejected } from './rfc9700/refresh-token-reuse-rejected.js';
import { tlsCertificateValid } from './rfc6749/tls-certificate-valid.js';
import { legacyTlsRefused } from './rfc8996/legacy-tls-refused.js';
import { refreshRaceSingleSuccess } from './rfc9700/refresh-race-single-success.js';
import { refreshTokenFamilyRevoked } from './rfc9700/refresh-token-family-revoked.js';
import { refreshScopeUnchanged } from './rfc6749/refresh-scope-unchanged.js';
import { refreshTokenEntropy } from './rfc6749/refresh-token-entropy.js';
import { bearerHeaderAccepted } from './rfc6750/bearer-header-accepted.js';
import { queryTokenRefused } from './rfc6750/query-token-refused.js';
import { queryTokenResponsePrivate } from './rfc6750/query-token-response-private.js';
import { resourceWwwAuthenticate } from './rfc6750/resource-www-authenticate.js';
import { resourceRejectsInvalidToken } from './rfc6750/resource-rejects-invalid-token.js';
import { noThirdPartySubresources } from './rfc9700/no-third-party-subresources.js';
// OpenID Connect Core (ID-xx), RFC 7523 client assertions (CA-xx), RFC 9101 request objects (JR-xx)
import { idTokenSigned } from './oidc/id-token-signed.js';
import { idTokenIssuer } from './oidc/id-token-issuer.js';
import { idTokenAudience } from './oidc/id-token-audience.js';
import { idTokenLifetime } from './oidc/id-token-lifetime.js';
import { idTokenNonce } from './oidc/id-token-nonce.js';
import { idTokenAtHash } from './oidc/id-token-at-hash.js';
import { idTokenSubStable } from './oidc/id-token-sub-stable.js';
import { promptNoneLoginRequired } from './oidc/prompt-none-login-required.js';
import { authTimeWithMaxAge } from './oidc/auth-time-with-max-age.js';
import { userinfoRequiresValidToken } from './oidc/userinfo-requires-valid-token.js';
import { clientAssertionAudienceChecked } from './rfc7523/client-assertion-audience-checked.js';
import { clientAssertionExpiryChecked } from './rfc7523/client-assertion-expiry-checked.js';
import { clientAssertionReplayRejected } from './rfc7523/client-assertion-replay-rejected.js';
import { clientAssertionIssuerChecked } from './rfc7523/client-assertion-issuer-checked.js';
import { clientAssertionSignatureVerified } from './rfc7523/client-assertion-signature-verified.js';
import { clientAssertionJtiRequired } from './rfc7523/client-assertion-jti-required.js';
import { requestObjectAccepted } from './rfc9101/request-object-accepted.js';
import { requestObjectUnsignedRefused } from './rfc9101/request-object-unsigned-refused.js';
import { requestObjectSignatureVerified } from './rfc9101/request-object-signature-verified.js';
import { requestObjectClaimsChecked } from './rfc9101/request-object-claims-checked.js';
import { requestObjectOuterIgnored } from './rfc9101/request-object-outer-ignored.js';
import { revocationAccepted } from './rfc7009/revocation-accepted.js';
import { revokedRefreshTokenRefused } from './rfc7009/revoked-refresh-token-refused.js';
import { revokedAccessTokenRejected } from './rfc7009/revoked-access-token-rejected.js';
import { grantAccessTokensRevoked } from './rfc7009/grant-access-tokens-revoked.js';
import { revocationRequiresClientAuthentication } from './rfc7009/revocation-requires-client-authentication.js';
import { tokenSurvivesForeignRevocation } from './rfc7009/token-survives-foreign-revocation.js';
import { accessTokenSurvivesForeignRevocation } from './rfc7009/access-token-survives-foreign-revocation.js';
import { revocationInvalidTokenAccepted } from './rfc7009/revocation-invalid-token-accepted.js';
import { revocationHintNotBinding } from './rfc7009/revocation-hint-not-binding.js';
import { introspectionRequiresAuthentication } from './rfc7662/introspection-requires-authentication.js';
import { revokedTokenInactive } from './rfc7662/revoked-token-inactive.js';
import { unknownTokenInactive } from './rfc7662/unknown-token-inactive.js';
import { introspectionResponseWellFormed } from './rfc7662/introspection-response-well-formed.js';
import { introspectionHintNotBinding } from './rfc7662/introspection-hint-not-binding.js';
import { accessTokenAudienceRestricted } from './rfc8707/access-token-audience-restricted.js';
import { tokenInvalidTargetRejected } from './rfc8707/token-invalid-target-rejected.js';
import { authorizationInvalidTargetRejected } from './rfc8707/authorization-invalid-target-rejected.js';

export const CHECKS: readonly CheckDefinition<EvidenceKind>[] = [
  tokenIssued,
  codeReplayRejected,
  tokensRevokedAfterCodeReplay,
  refreshTokenRevokedAfterCodeReplay,
  accessTokenInactiveAfterCodeReplay,
  redirectUriRejected,
  refusedWithoutRedirect,
  stateEchoed,
  noTokensInUrls,
  implicitGrantRefused,
  // B.1.1, B.1.2, B.1.3, B.1.11, B.1.12
  metadataPublished,
  metadataIssuerMatches,
  metadataRequiredFields,
  metadataAdvertisesS256,
  issSupportAdvertised,
  metadataNoDeprecatedGrants,
  endpointUrlsWithoutFragment,
  authorizationEndpointRequiresTls,
  tokenEndpointRequiresTls,
  resourceRequiresTls,
  authorizationCodeGranted,
  unknownParametersIgnored,
  duplicateParameterRejected,
  emptyParameterTreatedAsAbsent,
  responseTypeInvalidRejected,
  userAuthenticatedBeforeCode,
  authorizationEndpointNoCors,
  redirectUriRequired,
  repeatedAuthorizationNotAutomatic,
  no307AfterCredentials,
  tokenNotInQuery,
  unregisteredResponseTypeRefused,
  passwordGrantRefused,
  clickjackingPrevented,
  cspFrameAncestors,
  referrerPolicySet,
  codeOnlyInFinalRedirect,
  // B.1.4, B.1.5, B.1.6, B.1.13 (MX-01)
  issInAuthorizationResponse,
  authorizationCodeEntropy,
  codeChallengeNotExposed,
  authorizationErrorWellFormed,
  redirectFragmentAttached,
  formPostResponseMode,
  noUnauthenticatedErrorRedirect,
  redirectNotDerivedFromHost,
  // B.1.7, B.1.8, B.1.9, B.1.10, B.1.14
  pkceWrongVerifierRejected,
  pkceVerifierRequired,
  pkceVerifierWithoutChallengeRejected,
  pkceDowngradeRejected,
  pkceShortVerifierRejected,
  pkceUnsupportedMethodRejected,
  pkceRequiredForPublicClients,
  pkcePlainRefused,
  pkceS256Accepted,
  codeRaceSingleSuccess,
  codeBoundToClient,
  tokenRedirectUriMustMatch,
  clientAuthenticationRequired,
  clientSecretBasicAccepted,
  clientSecretNotAcceptedInQuery,
  tokenEndpointRejectsGet,
  tokenUnknownParameterIgnored,
  tokenDuplicateParameterRejected,
  invalidClientWwwAuthenticate,
  tokenErrorResponseFormat,
  tokenResponseNoStore,
  tokenResponsePragmaNoCache,
  tokenResponseWellFormed,
  accessTokenEntropy,
  accessTokenShortLived,
  implicitNoRefreshToken,
  clientCredentialsNoRefreshToken,
  refreshTokenBoundToClient,
  refreshScopeNotEscalated,
  refreshTokenRotated,
  refreshTokenReuseRejected,
  refreshTokenFamilyRevoked,
  refreshRaceSingleSuccess,
  tlsCertificateValid,
  legacyTlsRefused,
  refreshScopeUnchanged,
  refreshTokenEntropy,
  bearerHeaderAccepted,
  queryTokenRefused,
  queryTokenResponsePrivate,
  resourceWwwAuthenticate,
  resourceRejectsInvalidToken,
  clientIdRequired,
  noThirdPartySubresources,
  // OpenID Connect, RFC 7523, RFC 9101
  idTokenSigned, idTokenIssuer, idTokenAudience, idTokenLifetime, idTokenNonce, idTokenAtHash, idTokenSubStable, promptNoneLoginRequired, authTimeWithMaxAge, userinfoRequiresValidToken,
  clientAssertionAudienceChecked, clientAssertionExpiryChecked, clientAssertionReplayRejected, clientAssertionIssuerChecked, clientAssertionSignatureVerified, clientAssertionJtiRequired,
  requestObjectAccepted, requestObjectUnsignedRefused, requestObjectSignatureVerified, requestObjectClaimsChecked, requestObjectOuterIgnored,
  // B.2.1 revocation (RFC 7009), B.2.2 introspection (RFC 7662)
  revocationAccepted,
  revokedRefreshTokenRefused,
  revokedAccessTokenRejected,
  grantAccessTokensRevoked,
  revocationRequiresClientAuthentication,
  tokenSurvivesForeignRevocation,
  accessTokenSurvivesForeignRevocation,
  revocationInvalidTokenAccepted,
  revocationHintNotBinding,
  introspectionRequiresAuthentication,
  revokedTokenInactive,
  unknownTokenInactive,
  introspectionResponseWellFormed,
  introspectionHintNotBinding,
  // B.2.3 resource indicators (RFC 8707)
  accessTokenAudienceRestricted,
  tokenInvalidTargetRejected,
  authorizationInvalidTargetRejected,
  ...FAPI_CHECKS,
] as CheckDefinition<EvidenceKind>[];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition<EvidenceKind>> = new Map(CHECKS.map((c) => [c.id, c]));
export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS_BY_ID.keys());
export const AMBIENT_CHECKS = CHECKS.filter((c) => c.ambient);
