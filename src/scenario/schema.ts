/**
 * The scenario format: the single source for loading (ajv), for editors (schemas/scenario.schema.json,
 * written by `npm run schemas`) and for the TypeScript types (derived below with FromSchema).
 * Every field has a description; every object is closed (`additionalProperties: false`) so that a
 * typo is a load error, never a silently skipped check.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { CATALOG_ID_PATTERN } from '../spec/catalog.js';
import { FEATURE_NAMES } from '../spec/features.js';
import { LEVELS } from '../spec/levels.js';
import { REQUIREMENT_PATTERN } from '../spec/links.js';
import { REDIRECT_URI_VARIANTS } from '../spec/redirect-uri-variants.js';
import { DPOP_VARIANTS } from '../spec/dpop-variants.js';

const level = { type: 'string', enum: LEVELS, description: 'RFC 2119 level: MUST, SHOULD or MAY.' } as const;
const feature = { type: 'string', enum: FEATURE_NAMES } as const;
const stepRef = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]*$',
  description: 'The `id` of an earlier step of this scenario.',
} as const;

/**
 * Check ids and catalog ids are patterns for the loader (which names an unknown one with a did-you-mean
 * hint, load.ts) and enums for editors: `editorScenarioSchema` fills the lists in (npm run schemas).
 */
export const checkId = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Check id (src/checks; `oauth-conformance list` names every check).' } as const;
export const catalogId = { type: 'string', pattern: CATALOG_ID_PATTERN, description: 'Catalog id (docs/catalog.md).' } as const;

const expectEntry = {
  description: 'A check to run on this step\'s evidence: its id, or an object that also overrides its level.',
  anyOf: [
    checkId,
    {
      type: 'object',
      additionalProperties: false,
      required: ['check'],
      properties: {
        check: checkId,
        level: { ...level, description: 'Judge this check at this level in this scenario (overrides the profile).' },
      },
    },
  ],
} as const;

/** Fields every step may carry besides its kind. */
const common = {
  id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Name of the step, to refer to it from later steps.', examples: ['first-redemption'] },
  title: { type: 'string', description: 'What the step does, for people (shown in reports).' },
  requires: { type: 'array', items: feature, uniqueItems: true, description: 'Features this step needs; without them the step and its checks are skipped.' },
  expect: { type: 'array', items: expectEntry, description: 'Checks that judge this step.', examples: [['code-replay-rejected']] },
} as const;

const resourceIndicator = {
  type: 'string', enum: ['indicator', 'other', 'fragment', 'relative', 'unknown'],
  description: 'RFC 8707 `resource` parameter sent: the profile\'s first `resource_indicators` value (`indicator`) or its second (`other`); or a malformed one: the first with a fragment, a relative URI, an absolute URI the server does not know. Without `resource_indicators` in the profile the scenario skips.',
} as const;

const authorize = {
  type: 'object',
  additionalProperties: false,
  description: 'Drive the browser through the authorization endpoint: the target\'s own login and consent pages, up to the redirect back to the client (or an error page).',
  properties: {
    client: { type: 'string', description: 'Client key in the target profile.', default: 'confidential', examples: ['confidential', 'public'] },
    response_type: { type: 'string', default: 'code', description: 'response_type sent.', examples: ['code', 'token'] },
    scope: { type: 'string', description: 'scope sent; defaults to the target profile\'s scope.' },
    state: {
      description: '`random` (default: 32 random bytes), `special` (random plus URL-special and non-ASCII characters), `omit`, or `{ value }` for a literal.',
      anyOf: [
        { type: 'string', enum: ['random', 'special', 'omit'] },
        { type: 'object', additionalProperties: false, required: ['value'], properties: { value: { type: 'string' } } },
      ],
    },
    pkce: { type: 'string', enum: ['S256', 'plain', 'none'], description: 'PKCE method; default S256 when the target has the `pkce` feature, else none.' },
    redirect_uri: {
      description: '`registered` (default: the client\'s first registered URI), `omit`, a named manipulation of the registered URI (`{ variant }`), or another client\'s registered URI (`{ of: <client> }`).',
      anyOf: [
        { type: 'string', enum: ['registered', 'omit'] },
        {
          type: 'object',
          additionalProperties: false,
          required: ['variant'],
          properties: { variant: { type: 'string', enum: Object.keys(REDIRECT_URI_VARIANTS), description: 'The manipulation (see docs/AUTHORING.md).' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['of'],
          properties: { of: { type: 'string', description: 'Another client\'s key: send that client\'s registered redirect URI with this client\'s client_id (RU-02).' } },
        },
      ],
    },
    consent: { type: 'string', enum: ['approve', 'deny'], default: 'approve', description: 'What the user answers on the consent page.' },
    extra: { type: 'object', additionalProperties: { type: 'string' }, description: 'Parameters added to the request, or replacing the ones the harness would send; `{{random}}` is a fresh random value.', examples: [{ foo: 'bar' }, { code_challenge_method: 'S512' }, { nonce: '{{random}}' }] },
    omit: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Parameters left out of the request.', examples: [['response_type']] },
    duplicate: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Parameters sent twice, with the same value (RFC 6749 §3.1: MUST NOT be repeated).', examples: [['client_id']] },
    request_object: {
      type: 'object', additionalProperties: false, required: ['variant'],
      description: 'Send the request as a request object (`request=`, RFC 9101) signed with the client\'s key (private_key_jwt) or secret (HS256); its parameters are also sent outside it, as OpenID Connect requires (response_type, client_id, scope). The variants break one rule of the object; `outer-differs` sends a different nonce outside the object.',
      properties: { variant: { type: 'string', enum: ['signed', 'alg-none', 'wrong-key', 'wrong-aud', 'wrong-iss', 'outer-differs'] } },
    },
    request_uri: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Authorize with the request_uri of a pushed authorization request (RFC 9126 §4): the `id` of an earlier par step, or `latest`. Only client_id (of `client`, default confidential: write the pushing client, or another one to test the binding) and request_uri are sent, plus `extra`.', examples: ['latest'] },
    offline: { type: 'boolean', description: 'This flow is to yield a refresh token: the scope and parameters of the profile\'s `refresh` block are sent (e.g. `openid offline_access` with prompt=consent on OpenID Connect servers).' },
    resource: resourceIndicator,
  },
} as const;

const clientAuthVariant = {
  type: 'string',
  enum: ['as-registered', 'none', 'no-client-id', 'wrong-secret', 'empty-secret', 'switch-method', 'secret-in-query'],
  default: 'as-registered',
  description: 'Client authentication: as registered; none (no credentials, client_id in the body); no-client-id (nothing that identifies the client); a wrong or empty secret (for a JWT client assertion: signed with a wrong key, or unsigned with alg none); the other method (Basic <-> body; a client_secret_jwt secret by Basic); the secret in the URL query. A variant that cannot exist for the client (another method for a private_key_jwt client) makes the scenario skip.',
} as const;

const dpop = {
  type: 'string', enum: Object.keys(DPOP_VARIANTS),
  description: 'Send a DPoP proof (RFC 9449) with this request: `valid` (the scenario\'s key; the server\'s nonce when it asks), `none`, or one with a named defect (see docs/AUTHORING.md). Needs the `dpop` feature.',
  examples: ['valid', 'typ-jwt'],
} as const;

const raceRounds = {
  type: 'integer', minimum: 1, maximum: 50,
  description: 'With `concurrent`: how many rounds to race (default 5), each with a fresh code or refresh token (the steps that produced it run again); `run --race-rounds` overrides it.',
  examples: [5],
} as const;

const token = {
  type: 'object',
  additionalProperties: false,
  dependencies: { rounds: ['concurrent'] },
  description: 'A back-channel authorization_code grant request to the token endpoint, optionally manipulated.',
  properties: {
    code: { ...stepRef, description: 'The authorize step whose code is redeemed; default: the latest one.' },
    client: { type: 'string', description: 'Client key in the target profile that authenticates; default: the authorize step\'s client.' },
    auth: clientAuthVariant,
    redirect_uri: {
      description: '`as-authorized` (default), `omit`, or a named manipulation of the URI used in the authorization request.',
      anyOf: [
        { type: 'string', enum: ['as-authorized', 'omit'] },
        { type: 'object', additionalProperties: false, required: ['variant'], properties: { variant: { type: 'string', enum: Object.keys(REDIRECT_URI_VARIANTS) } } },
      ],
    },
    code_verifier: {
      description: 'PKCE verifier sent: `as-authorized` (default), `omit`, `wrong` (a random valid-looking one), `challenge` (the S256 challenge itself, a downgrade attempt), `short` (3 characters), or `{ from: <authorize step id> }` (another flow\'s verifier).',
      anyOf: [
        { type: 'string', enum: ['as-authorized', 'omit', 'wrong', 'challenge', 'short'] },
        { type: 'object', additionalProperties: false, required: ['from'], properties: { from: stepRef } },
      ],
    },
    extra: { type: 'object', additionalProperties: { type: 'string' }, description: 'Parameters added to the request body, or replacing the ones the harness would send.', examples: [{ code_challenge_method: 'plain' }, { grant_type: 'urn:oauth-conformance:unknown' }] },
    omit: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Body parameters left out of the request.', examples: [['code']] },
    duplicate: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Body parameters sent twice.', examples: [['code']] },
    method: { type: 'string', enum: ['POST', 'GET'], default: 'POST', description: 'GET sends the parameters in the query (RFC 6749 §3.2 requires POST).' },
    body: { type: 'string', enum: ['form', 'json'], description: '`json` sends the parameters as a JSON object (application/json) instead of the form encoding RFC 6749 §3.2 prescribes.' },
    resource: resourceIndicator,
    dpop,
    skip_if_refused: { type: 'boolean', description: 'When the authorize step got no code (the server refused the request), skip the scenario with the server\'s answer instead of ending in error: for requests a server may rightly refuse (a challenge without method, no challenge where PKCE is required).' },
    concurrent: { type: 'integer', minimum: 2, maximum: 16, description: 'Fire this many identical requests at once, released together (a race, TK-03); evidence kind `token-race`.', examples: [8] },
    rounds: raceRounds,
    client_assertion: {
      type: 'object', additionalProperties: false, required: ['variant'],
      description: 'For a client authenticating with a JWT assertion (private_key_jwt, client_secret_jwt; RFC 7523): send an assertion breaking one rule — another audience, expired, the assertion of the latest earlier token step replayed, iss not the client, signed with another client\'s key or secret, alg none, HS256 keyed with the client\'s public key (key confusion), no jti. A client with another method makes the scenario skip.',
      properties: { variant: { type: 'string', enum: ['wrong-aud', 'expired', 'replayed', 'iss-not-sub', 'other-client-key', 'alg-none', 'hmac-public-key', 'no-jti'] } },
    },
  },
} as const;

const refresh = {
  type: 'object',
  additionalProperties: false,
  dependencies: { rounds: ['concurrent'] },
  description: 'A refresh_token grant request (RFC 6749 §6).',
  properties: {
    token: { ...stepRef, description: 'The token or refresh step whose refresh token is used; default: the latest that issued one.' },
    client: { type: 'string', description: 'Client key that authenticates; default: the client the refresh token was issued to.' },
    auth: clientAuthVariant,
    scope: { type: 'string', description: 'scope sent (default: none, i.e. the original scope).' },
    resource: resourceIndicator,
    dpop,
    escalate: { type: 'boolean', description: 'Ask for the original scope plus one it did not include: the profile\'s `refresh.extra_scope` (default offline_access when not granted). Without one to add, the scenario skips.' },
    concurrent: { type: 'integer', minimum: 2, maximum: 16, description: 'Fire this many identical refreshes at once, released together (a race, RT-07); evidence kind `token-race`.', examples: [8] },
    rounds: raceRounds,
  },
} as const;

const grant = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  description: 'A token request for a grant without the browser: the resource owner password credentials grant (with the profile\'s test user) or client credentials.',
  properties: {
    type: { type: 'string', enum: ['password', 'client_credentials'] },
    client: { type: 'string', default: 'confidential' },
    auth: clientAuthVariant,
    scope: { type: 'string' },
  },
} as const;

const metadata = {
  type: 'object',
  additionalProperties: false,
  description: 'Fetches the authorization server metadata: RFC 8414 (path insertion) and OpenID Connect Discovery.',
  properties: {
    jwks: { type: 'boolean', description: 'Also fetch the JWK Set at the metadata\'s `jwks_uri`, for the checks that verify ID token signatures.' },
  },
} as const;

const probe = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'purpose'],
  description: 'One raw HTTP request to a named endpoint, for rules about the endpoint itself (CORS, methods, transport).',
  properties: {
    endpoint: { type: 'string', enum: ['authorization', 'token', 'resource'] },
    purpose: { type: 'string', description: 'What the request tests, for people.' },
    method: { type: 'string', enum: ['GET', 'POST', 'OPTIONS'], default: 'GET' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Request headers.', examples: [{ origin: 'https://attacker.example' }] },
    params: { type: 'object', additionalProperties: { type: 'string' }, description: 'Query parameters; `{{client.id}}` and `{{redirect_uri}}` are the confidential client\'s.' },
    scheme: { type: 'string', enum: ['as-is', 'http'], default: 'as-is', description: '`http` sends the request to the plain-http variant of the endpoint (transport security).' },
  },
} as const;

const tlsProbe = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint'],
  description: 'TLS handshakes with an https endpoint: one verifying the certificate (chain and host name), then one per protocol version TLS 1.0–1.3 offered alone.',
  properties: { endpoint: { type: 'string', enum: ['authorization', 'token', 'resource'] } },
} as const;

const frame = {
  type: 'object',
  additionalProperties: false,
  description: 'Opens an attacker-origin page (https://attacker.example) that frames an authorization request of the server.',
  properties: { client: { type: 'string', default: 'confidential' } },
} as const;

const resource = {
  type: 'object',
  additionalProperties: false,
  description: 'A request to the target\'s protected resource (RFC 6750).',
  properties: {
    token: { ...stepRef, description: 'The token or refresh step whose access token is used; default: the latest that issued one.' },
    present: {
      type: 'string', enum: ['header', 'query', 'none', 'bogus'], default: 'header',
      description: '`header`: Authorization: Bearer (RFC 6750 §2.1); `query`: ?access_token= only (§2.3); `none`: no credentials; `bogus`: a made-up token in the header.',
    },
    at: { type: 'string', enum: ['resource', 'userinfo'], default: 'resource', description: '`userinfo`: the OpenID Connect UserInfo endpoint of the metadata (`userinfo_endpoint`) instead of the profile\'s protected resource; without one advertised the scenario skips.' },
    dpop: { ...dpop, description: 'Present the token as `Authorization: DPoP` with a proof (RFC 9449 §7.1): `valid`, or a named defect; without it a token is presented as Bearer.' },
  },
} as const;

const tokenTypeHint = {
  type: 'string', enum: ['as-token', 'omit', 'wrong', 'unknown'], default: 'as-token',
  description: 'token_type_hint sent: the token\'s own type (default), none, the other type (access_token <-> refresh_token), or a value no server knows.',
} as const;

const introspect = {
  type: 'object',
  additionalProperties: false,
  description: 'Token introspection (RFC 7662) at the metadata\'s `introspection_endpoint`, authenticated as the token\'s client; without an advertised endpoint the step records that, and its checks skip.',
  properties: {
    token: { ...stepRef, description: 'The token or refresh step whose token is introspected; default: the latest that issued one.' },
    which: { type: 'string', enum: ['access_token', 'refresh_token', 'bogus'], default: 'access_token', description: 'Which of that step\'s tokens; `bogus`: a made-up token.' },
    client: { type: 'string', description: 'Client key that asks; default: the client the token was issued to (the confidential client for a made-up token).' },
    auth: clientAuthVariant,
    hint: tokenTypeHint,
  },
} as const;

const revoke = {
  type: 'object',
  additionalProperties: false,
  description: 'Token revocation (RFC 7009 §2.1) at the metadata\'s `revocation_endpoint`, authenticated as the token\'s client; a target without the endpoint makes the scenario skip.',
  properties: {
    token: { ...stepRef, description: 'The token or refresh step whose token is revoked; default: the latest that issued one.' },
    which: { type: 'string', enum: ['access_token', 'refresh_token', 'bogus'], default: 'refresh_token', description: 'Which of that step\'s tokens; `bogus`: a made-up token.' },
    client: { type: 'string', description: 'Client key that asks; default: the client the token was issued to (the confidential client for a made-up token).' },
    auth: clientAuthVariant,
    hint: tokenTypeHint,
  },
} as const;

const par = {
  type: 'object',
  additionalProperties: false,
  description: 'A pushed authorization request (RFC 9126 §2): the authorization request of `client` (state, PKCE, redirect_uri as an authorize step builds them) posted to the metadata\'s pushed_authorization_request_endpoint with client authentication. An authorize step with `request_uri` then uses it in the browser. Without an advertised endpoint the step records that, and its checks skip.',
  properties: {
    client: { type: 'string', default: 'confidential', description: 'Client key that pushes.' },
    auth: clientAuthVariant,
    redirect_uri: authorize.properties.redirect_uri,
    pkce: authorize.properties.pkce,
    scope: authorize.properties.scope,
    extra: { type: 'object', additionalProperties: { type: 'string' }, description: 'Parameters added to the pushed request, or replacing the harness\'s.', examples: [{ request_uri: 'urn:example:nested' }] },
    omit: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Parameters left out of the pushed request.' },
    wait: { type: 'string', enum: ['expiry'], description: '`expiry`: after the push, wait until the request_uri\'s `expires_in` has passed (at most 30 s; longer makes the scenario skip).' },
  },
} as const;

const device = {
  type: 'object',
  additionalProperties: false,
  description: 'A device authorization grant (RFC 8628): the device authorization request of `client`, polls of the token endpoint at the moments `polls` names, the user code entered in the browser on the verification page (the profile\'s interaction rules; `{{device.user_code}}` is the code) unless `approve: false`. Issued tokens are available to later steps like a token step\'s.',
  properties: {
    client: { type: 'string', default: 'public', description: 'Client key that asks and polls.' },
    auth: clientAuthVariant,
    scope: { type: 'string', description: 'scope sent; default the profile\'s.' },
    approve: { type: 'boolean', default: true, description: 'Enter the user code in the browser and approve; false leaves the request pending.' },
    polls: {
      type: 'array', uniqueItems: true,
      items: { type: 'string', enum: ['before-approval', 'fast', 'after-approval', 'replay', 'after-expiry', 'other-client'] },
      default: ['after-approval'],
      description: 'When to poll: `before-approval` (once, at once), `fast` (twice in a row without waiting the interval), `after-approval` (until tokens or an error, at the advertised interval), `replay` (once more after tokens were issued), `after-expiry` (after `expires_in`, at most 40 s, else skip), `other-client` (the `second` client polls with this device code).',
    },
  },
} as const;

const authorizeStep = { type: 'object', additionalProperties: false, required: ['authorize'], properties: { authorize, ...common } } as const;
const tokenStep = { type: 'object', additionalProperties: false, required: ['token'], properties: { token, ...common } } as const;
const resourceStep = { type: 'object', additionalProperties: false, required: ['resource'], properties: { resource, ...common } } as const;
const refreshStep = { type: 'object', additionalProperties: false, required: ['refresh'], properties: { refresh, ...common } } as const;
const grantStep = { type: 'object', additionalProperties: false, required: ['grant'], properties: { grant, ...common } } as const;
const metadataStep = { type: 'object', additionalProperties: false, required: ['metadata'], properties: { metadata, ...common } } as const;
const probeStep = { type: 'object', additionalProperties: false, required: ['probe'], properties: { probe, ...common } } as const;
const frameStep = { type: 'object', additionalProperties: false, required: ['frame'], properties: { frame, ...common } } as const;
const introspectStep = { type: 'object', additionalProperties: false, required: ['introspect'], properties: { introspect, ...common } } as const;
const revokeStep = { type: 'object', additionalProperties: false, required: ['revoke'], properties: { revoke, ...common } } as const;
const parStep = { type: 'object', additionalProperties: false, required: ['par'], properties: { par, ...common } } as const;
const deviceStep = { type: 'object', additionalProperties: false, required: ['device'], properties: { device, ...common } } as const;
const tlsStep = { type: 'object', additionalProperties: false, required: ['tls'], properties: { tls: tlsProbe, ...common } } as const;

export const STEP_KINDS = ['authorize', 'token', 'refresh', 'grant', 'resource', 'introspect', 'revoke', 'metadata', 'probe', 'frame', 'tls', 'par', 'device'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const scenarioSchema = {
  $id: 'https://oauth-conformance.dev/schemas/scenario.schema.json',
  title: 'oauth-conformance scenario',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'steps'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Unique id; equals the file name without .yaml.', examples: ['code-single-use'] },
    title: { type: 'string', minLength: 1, description: 'One line: the rule in plain words.' },
    description: { type: 'string', description: 'What the scenario does and why, for people.' },
    catalog: { type: 'array', minItems: 1, uniqueItems: true, items: catalogId, description: 'Optional, derived: the catalog rows its checks carry. Written, it must name exactly those (checked at load time).', examples: [['TK-01']] },
    requirements: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: REQUIREMENT_PATTERN }, description: 'Optional, derived: the specification sections its checks cite. Written, it must name exactly those (checked at load time).', examples: [['RFC6749-4.1.2']] },
    level: { ...level, description: 'Optional, derived: the strictest level of its checks (per profile; an `expect` level counts). Written, it must equal that level under the default profile (checked at load time).' },
    features: { type: 'array', items: feature, uniqueItems: true, default: [], description: 'Features the target needs; a target without them gets `skip`.' },
    tags: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, uniqueItems: true, default: [] },
    steps: {
      type: 'array',
      minItems: 1,
      description: 'What the harness does, in order. Each step has exactly one kind: authorize, token, refresh, grant, resource, introspect, revoke, metadata, probe, frame, tls, par or device.',
      items: { oneOf: [authorizeStep, tokenStep, refreshStep, grantStep, resourceStep, introspectStep, revokeStep, metadataStep, probeStep, frameStep, tlsStep, parStep, deviceStep] },
    },
  },
} as const;

export type Scenario = FromSchema<typeof scenarioSchema>;

/**
 * The scenario schema for editors: check and catalog ids as enums (completion, typos underlined).
 * The loader keeps the patterns and names an unknown id itself, with the closest known one.
 */
export function editorScenarioSchema(checkIds: readonly string[], catalogIds: readonly string[]): object {
  const enums = new Map<object, object>([[checkId, { ...checkId, enum: [...checkIds] }], [catalogId, { ...catalogId, enum: [...catalogIds] }]]);
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (!node || typeof node !== 'object') return node;
    const replaced = enums.get(node);
    if (replaced) return replaced;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)]));
  };
  return copy(scenarioSchema) as object;
}
export type ScenarioStep = Scenario['steps'][number];
export type AuthorizeSpec = FromSchema<typeof authorize>;
export type TokenSpec = FromSchema<typeof token>;
export type ResourceSpec = FromSchema<typeof resource>;
export type IntrospectSpec = FromSchema<typeof introspect>;
export type RevokeSpec = FromSchema<typeof revoke>;
export type RefreshSpec = FromSchema<typeof refresh>;
export type GrantSpec = FromSchema<typeof grant>;
export type MetadataSpec = FromSchema<typeof metadata>;
export type ProbeSpec = FromSchema<typeof probe>;
export type TlsSpec = FromSchema<typeof tlsProbe>;
export type FrameSpec = FromSchema<typeof frame>;
export type ExpectEntry = FromSchema<typeof expectEntry>;
export type ParSpec = FromSchema<typeof par>;
export type DeviceSpec = FromSchema<typeof device>;
