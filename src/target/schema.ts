/**
 * The target profile format: which authorization server, its clients and test user, the features it
 * supports, and how to get through its own login and consent pages. Single source for ajv, for
 * schemas/target.schema.json and for the types. Values may use `${env:NAME}` or
 * `${env:NAME:-default}`: substituted after validation, so secrets stay out of the file.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { FEATURE_NAMES } from '../spec/features.js';
import { PROFILES } from '../spec/levels.js';

const locator = {
  type: 'object',
  additionalProperties: false,
  description: 'Finds one element of the page, the way a person would: by label, role and name, text, placeholder; CSS as a last resort. A name or text written /like this/i is a regular expression.',
  properties: {
    label: { type: 'string', description: 'The text of the element\'s label (getByLabel).', examples: ['Username'] },
    role: { type: 'string', description: 'ARIA role (getByRole), usually with `name`.', examples: ['button', 'checkbox', 'textbox'] },
    name: { type: 'string', description: 'Accessible name, with `role`.', examples: ['Sign in', '/continue|allow/i'] },
    text: { type: 'string', description: 'Visible text (getByText).' },
    placeholder: { type: 'string', description: 'Placeholder text (getByPlaceholder).' },
    css: { type: 'string', description: 'CSS selector, when nothing semantic is available.' },
    frame: { type: 'string', description: 'CSS selector of the iframe that holds the element.' },
    exact: { type: 'boolean', description: 'Match the label, name or text exactly (default: substring, case-insensitive).' },
  },
} as const;

/** Options every action takes besides its locator. */
const stepOptions = {
  optional: { type: 'boolean', description: 'Skip this action when its element does not appear within the step\'s `timeout` (default 2000 ms): for an element the server shows only sometimes.' },
  timeout: { type: 'integer', minimum: 100, description: 'Milliseconds for this action (default: the rule\'s `timeout`, else `timeouts.action`); for an optional step, how long its element may take to appear. On expiry the scenario ends in `error` naming the rule, the action and the locator.' },
} as const;

const actionTarget = { ...locator, properties: { ...locator.properties, ...stepOptions } } as const;

const action = {
  description: 'One action on the page.',
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['fill'],
      properties: { fill: { type: 'object', additionalProperties: false, required: ['value'], properties: { ...actionTarget.properties, value: { type: 'string', description: 'Text to type; `{{user.username}}`, `{{user.password}}`, `{{user2.username}}`, `{{env.NAME}}` are expanded.' } } } },
    },
    { type: 'object', additionalProperties: false, required: ['click'], properties: { click: actionTarget } },
    { type: 'object', additionalProperties: false, required: ['check'], properties: { check: actionTarget } },
    {
      type: 'object', additionalProperties: false, required: ['wait'],
      properties: { wait: { type: 'object', additionalProperties: false, properties: { url: { type: 'string', description: 'URL pattern to wait for (as `match`).' }, visible: locator, ...stepOptions } } },
    },
  ],
} as const;

const authorizationParams = {
  type: 'object', additionalProperties: { type: 'string' },
  description: 'Extra parameters sent with every authorization request (a scenario\'s own parameters win). Values may use `{{random}}` (fresh each request) and `{{env.NAME}}`.',
  examples: [{ nonce: '{{random}}', audience: 'https://api.example.com' }],
} as const;

const user = {
  type: 'object', additionalProperties: false, required: ['username', 'password'],
  properties: { username: { type: 'string' }, password: { type: 'string', description: 'Use ${env:NAME}.' } },
} as const;

const authMethod = { type: 'string', enum: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'none'] } as const;

const client = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'auth', 'redirect_uris'],
  properties: {
    id: { type: 'string', minLength: 1, description: 'client_id.' },
    secret: { type: 'string', description: 'client_secret; use ${env:NAME}. Also the HMAC key of client_secret_jwt.' },
    auth: {
      description: 'Token endpoint authentication method: the secret in HTTP Basic or in the body (RFC 6749 §2.3.1); a JWT assertion signed with the secret (client_secret_jwt) or with the client\'s private key (private_key_jwt), RFC 7523 §2.2 / OIDC Core §9; none for a public client. A list names every method the server accepts for this client (the first is used): `[client_secret_basic, client_secret_post]`.',
      anyOf: [authMethod, { type: 'array', items: authMethod, minItems: 1, uniqueItems: true }],
      examples: ['client_secret_basic', ['client_secret_basic', 'client_secret_post']],
    },
    key: { type: 'string', description: 'private_key_jwt: file with the client\'s private key, a JWK (JSON) or PKCS#8 PEM; relative to this profile. A secret: keep the file out of version control.', examples: ['keys/client.private.jwk.json'] },
    alg: { type: 'string', enum: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512'], description: 'JWS algorithm of the client assertion (default: HS256 for client_secret_jwt; for private_key_jwt the JWK\'s `alg`, else RS256 for RSA, ES256/ES384/ES512 by curve, EdDSA for Ed25519).' },
    redirect_uris: {
      type: 'array', minItems: 1, items: { type: 'string' },
      description: 'Registered redirect URIs; the first is used. Any host works: the browser maps it to the harness\'s stub.',
      examples: [['https://client.oauth-conformance.test/cb']],
    },
    scope: { type: 'string', description: 'Scope for this client (default: the profile\'s scope).' },
    authorization_params: { ...authorizationParams, description: 'Extra authorization parameters for this client, over the profile\'s.' },
  },
} as const;

/** A flaw name: free text for the loader (which knows the embedded server's flaws, load.ts); an enum for editors (editorTargetSchema). */
const flawName = { type: 'string', description: 'A named flaw of the embedded server (fixtures/servers/embedded/README.md).' } as const;

export const targetSchema = {
  $id: 'https://oauth-conformance.dev/schemas/target.schema.json',
  title: 'oauth-conformance target profile',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'clients', 'features', 'interaction'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$', description: 'Short name, used in reports and as the Playwright project name.' },
    description: { type: 'string' },
    embedded: {
      type: 'object', additionalProperties: false,
      description: 'Start the built-in authorization server (oidc-provider) for this run, with the clients and user below. No issuer needed.',
      properties: {
        flaws: { type: 'array', items: flawName, uniqueItems: true, description: 'Flaws to inject (negative controls); see fixtures/servers/embedded/README.md.' },
        https: { type: 'boolean', default: false, description: 'Serve over https, with a certificate from a CA generated for the run; the harness (Chromium and its HTTP client) trusts that CA only. Declare the feature `https` with it.' },
        consent: { type: 'boolean', default: true, description: 'Show a consent page after login; false grants the requested scope without asking.' },
        fapi2: { type: 'boolean', default: false, description: 'The FAPI 2.0 configuration (fixtures/targets/embedded-fapi2.yaml): pushed authorization requests required (require_pushed_authorization_requests) and PKCE required of every client.' },
        pkce_required: { type: 'string', enum: ['public', 'all'], default: 'public', description: 'Which clients must use PKCE: public clients only (default), or every client (as OAuth 2.1 recommends; a confidential client then gets no code without a challenge).' },
        refresh_tokens: {
          anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['offline_access'] }], default: true,
          description: 'Issue refresh tokens with the code grant; false issues none (leave the feature `refresh-token` out); `offline_access` only when the grant includes offline_access, asked for with prompt=consent (oidc-provider\'s default, OpenID Connect Core §11): describe it with a `refresh` block.',
        },
      },
    },
    ca: { type: 'string', description: 'A private CA (PEM file, relative to this profile) that issued the target\'s certificates: trusted by the browser and the back channel in addition to the system\'s CAs, never instead of them.', examples: ['certs/internal-ca.pem'] },
    issuer: { type: 'string', description: 'Issuer URL; metadata is discovered from it (RFC 8414, then OpenID Connect Discovery).', examples: ['https://auth.example.com'] },
    endpoints: {
      type: 'object', additionalProperties: false,
      description: 'Endpoints, when the server publishes no metadata or to override it.',
      properties: {
        authorization: { type: 'string' },
        token: { type: 'string' },
      },
    },
    allowed_origins: {
      type: 'array', uniqueItems: true, items: { type: 'string' },
      description: 'Origins (scheme://host:port) of this server besides those of `issuer`, `endpoints` and `resource`, e.g. a separate login domain. The harness reaches no other origin: metadata or a redirect naming one is refused (docs/SECURITY.md).',
      examples: [['https://login.example.com']],
    },
    resource: { type: 'string', description: 'A protected resource URL that accepts the access tokens (for RFC 6750 checks; feature `resource`).' },
    resource_indicators: {
      type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9+.-]*:[^#]*$' },
      description: 'RFC 8707 resource indicators the server knows (absolute URIs, no fragment): the first is requested by the resource-indicator scenarios, the second (optional) is another resource of the same server (feature `resource-indicators`).',
      examples: [['https://api.example.com/', 'https://other-api.example.com/']],
    },
    scope: { type: 'string', default: 'openid', description: 'Scope requested unless a scenario says otherwise.' },
    clients: {
      type: 'object', additionalProperties: client, minProperties: 1,
      description: 'Clients by key. Scenarios use `confidential`, `second`, `public`, `multi`, and `implicit` (a client the server lets use the implicit grant, response_type=token: without it the implicit and token-in-URL scenarios skip).',
    },
    refresh: {
      type: 'object', additionalProperties: false,
      description: 'How a flow gets a refresh token, for the refresh scenarios (authorize steps with `offline: true`). OpenID Connect servers often issue one only for `offline_access`, asked for with prompt=consent.',
      examples: [{ scope: 'openid offline_access', authorization_params: { prompt: 'consent' } }],
      properties: {
        scope: { type: 'string', description: 'Scope of a flow that is to yield a refresh token (default: the client\'s or the profile\'s scope).', examples: ['openid offline_access'] },
        authorization_params: { ...authorizationParams, description: 'Extra authorization parameters for such a flow, over the profile\'s and the client\'s.', examples: [{ prompt: 'consent' }] },
        extra_scope: { type: 'string', description: 'A scope the server knows that `scope` does not include, asked for in a refresh to test that it is not granted (refresh-scope-not-escalated; default offline_access when `scope` lacks it).', examples: ['email'] },
      },
    },
    user: { ...user, description: 'The test account: `{{user.username}}`, `{{user.password}}` in interaction values. Not needed by a server with no login page.' },
    user2: { ...user, description: 'A second test account, for profiles whose rules need one: `{{user2.username}}`, `{{user2.password}}`.' },
    authorization_params: authorizationParams,
    features: { type: 'array', items: { type: 'string', enum: FEATURE_NAMES }, uniqueItems: true, description: 'Features the server supports (closed vocabulary).' },
    interaction: {
      type: 'array',
      description: 'How to get through the server\'s own pages. After each page load the first rule whose `match` (URL pattern) and `when` fit is run; the flow ends when the browser reaches a redirect URI. `[]` for a server that shows no page (it approves at once).',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'match', 'steps'],
        properties: {
          name: { type: 'string', description: 'login, consent, ...; shown in errors.' },
          match: { type: 'string', description: 'URL pattern: a glob (`**` any characters, `*` within a segment, `{a,b}` alternatives) matched against the whole URL, or a regular expression written /like this/ searched in it.', examples: ['**/interaction/*', '**/{login,consent}*', '/^https:\\/\\/id\\.example\\/(login|consent)/'] },
          when: { ...locator, description: 'Run this rule only when this element is visible (tells pages with the same URL apart).' },
          timeout: { type: 'integer', minimum: 100, description: 'Milliseconds for each action of this rule (default `timeouts.action`).' },
          steps: { type: 'array', minItems: 1, items: action },
          deny: { type: 'array', minItems: 1, items: action, description: 'Actions when the scenario denies consent.' },
        },
      },
    },
    known_deviations: {
      type: 'array',
      description: 'Verdicts this target is known to get, with the reason: reported apart and not counted by the CI gate. An entry whose scenario now does better is flagged stale.',
      items: {
        type: 'object', additionalProperties: false, required: ['scenario', 'verdict', 'reason'],
        properties: {
          scenario: { type: 'string', description: 'Scenario id.' },
          check: { type: 'string', description: 'The check that deviates (for people; the verdict is the scenario\'s).' },
          verdict: { type: 'string', enum: ['fail', 'warn', 'skip', 'error'], description: 'The verdict expected.' },
          profile: { type: 'string', enum: PROFILES, description: 'Only under this profile.' },
          reason: { type: 'string', minLength: 1 },
        },
      },
    },
    timeouts: {
      type: 'object', additionalProperties: false,
      properties: {
        action: { type: 'integer', minimum: 100, default: 10000, description: 'Milliseconds for one page action.' },
        flow: { type: 'integer', minimum: 1000, default: 30000, description: 'Milliseconds for a whole authorization flow.' },
        http: { type: 'integer', minimum: 100, default: 10000, description: 'Milliseconds for one back-channel request.' },
      },
    },
  },
} as const;

export type TargetProfile = FromSchema<typeof targetSchema>;
export type ClientProfile = FromSchema<typeof client>;
export type Locator = FromSchema<typeof locator>;
export type ActionTarget = FromSchema<typeof actionTarget>;
export type Action = FromSchema<typeof action>;
export type InteractionRule = TargetProfile['interaction'][number];

/** The target schema for editors: flaw names as an enum (features are one already). */
export function editorTargetSchema(flawNames: readonly string[]): object {
  const copy = (node: unknown): unknown => {
    if (node === flawName) return { ...flawName, enum: [...flawNames] };
    if (Array.isArray(node)) return node.map(copy);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)]));
  };
  return copy(targetSchema) as object;
}
