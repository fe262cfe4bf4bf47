/** The checks of RFC 9126 (PAR), RFC 9449 (DPoP) and RFC 8628 (device flow), registered in index.ts. */
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

export const FAPI_CHECKS = [
  parRequestUriIssued,
  parClientAuthenticationRequired,
  parRequestUriSingleUse,
  parRequestUriExpires,
  parRequestUriBoundToClient,
  parRequiredEnforced,
  parFrontChannelParametersIgnored,
  parRedirectUriValidated,
] as CheckDefinition<EvidenceKind>[];
