/** The checks of RFC 9126 (PAR), RFC 9449 (DPoP), RFC 8628 (device flow) and FAPI 2.0, registered in index.ts. */
import type { EvidenceKind } from '../evidence/types.js';
import type { CheckDefinition } from './types.js';
import { parClientAuthenticationRequired } from './rfc9126/par-client-authentication-required.js';
import { parFrontChannelParametersIgnored } from './rfc9126/par-front-channel-parameters-ignored.js';
import { parRedirectUriValidated } from './rfc9126/par-redirect-uri-validated.js';
import { parRequestUriBoundToClient } from './rfc9126/par-request-uri-bound-to-client.js';
import { parRequestUriExpires } from './rfc9126/par-request-uri-expires.js';
import { parRequestUriIssued } from './rfc9126/par-request-uri-issued.js';
import { parRequestUriSingleUse } from './rfc9126/par-request-uri-single-use.js';
import { parRequiredEnforced } from './rfc9126/par-required-enforced.js';
import { dpopTokenBound } from './rfc9449/dpop-token-bound.js';
import { dpopProofTypChecked } from './rfc9449/dpop-proof-typ-checked.js';
import { dpopProofSignatureChecked } from './rfc9449/dpop-proof-signature-checked.js';
import { dpopProofHtmHtuChecked } from './rfc9449/dpop-proof-htm-htu-checked.js';
import { dpopProofIatChecked } from './rfc9449/dpop-proof-iat-checked.js';
import { dpopProofReplayRefused } from './rfc9449/dpop-proof-replay-refused.js';
import { dpopResourceRequiresProof } from './rfc9449/dpop-resource-requires-proof.js';
import { dpopResourceKeyBound } from './rfc9449/dpop-resource-key-bound.js';
import { dpopRefreshTokenBound } from './rfc9449/dpop-refresh-token-bound.js';
import { deviceFlowCompletes } from './rfc8628/device-flow-completes.js';
import { deviceAuthorizationPending } from './rfc8628/device-authorization-pending.js';
import { deviceSlowDown } from './rfc8628/device-slow-down.js';
import { deviceCodeExpires } from './rfc8628/device-code-expires.js';
import { deviceCodeBoundToClient } from './rfc8628/device-code-bound-to-client.js';
import { deviceUserCodeEntropy } from './rfc8628/device-user-code-entropy.js';
import { deviceCodeSingleUse } from './rfc8628/device-code-single-use.js';
import { senderConstrainedTokensOnly } from './fapi2/sender-constrained-tokens-only.js';
import { confidentialClientsOnly } from './fapi2/confidential-clients-only.js';
import { asymmetricClientAuthentication } from './fapi2/asymmetric-client-authentication.js';

export const FAPI_CHECKS = [
  parRequestUriIssued,
  parClientAuthenticationRequired,
  parRequestUriSingleUse,
  parRequestUriExpires,
  parRequestUriBoundToClient,
  parRequiredEnforced,
  parFrontChannelParametersIgnored,
  parRedirectUriValidated,
  dpopTokenBound,
  dpopProofTypChecked,
  dpopProofSignatureChecked,
  dpopProofHtmHtuChecked,
  dpopProofIatChecked,
  dpopProofReplayRefused,
  dpopResourceRequiresProof,
  dpopResourceKeyBound,
  dpopRefreshTokenBound,
  deviceFlowCompletes,
  deviceAuthorizationPending,
  deviceSlowDown,
  deviceCodeExpires,
  deviceCodeBoundToClient,
  deviceUserCodeEntropy,
  deviceCodeSingleUse,
  senderConstrainedTokensOnly,
  confidentialClientsOnly,
  asymmetricClientAuthentication,
] as CheckDefinition<EvidenceKind>[];
