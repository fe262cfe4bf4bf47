/**
 * The scenario format: the single source for loading (ajv), for editors (schemas/scenario.schema.json,
 * written by `npm run schemas`) and for the TypeScript types (derived below with FromSchema).
 * Every field has a description; every object is closed (`additionalProperties: false`) so that a
 * typo is a load error, never a silently skipped check.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { FEATURE_NAMES } from '../spec/features.js';
import { LEVELS } from '../spec/levels.js';
import { REQUIREMENT_PATTERN } from '../spec/links.js';
import { REDIRECT_URI_VARIANTS } from '../spec/redirect-uri-variants.js';

const level = { type: 'string', enum: LEVELS, description: 'RFC 2119 level: MUST, SHOULD or MAY.' } as const;
const feature = { type: 'string', enum: FEATURE_NAMES } as const;
const stepRef = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]*$',
  description: 'The `id` of an earlier step of this scenario.',
} as const;

const expectEntry = {
  description: 'A check to run on this step\'s evidence: its id, or an object that also overrides its level.',
  anyOf: [
    { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['check'],
      properties: {
        check: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Check id (src/checks).' },
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
      description: '`registered` (default: the client\'s first registered URI), `omit`, or a named manipulation of the registered URI.',
      anyOf: [
        { type: 'string', enum: ['registered', 'omit'] },
        {
          type: 'object',
          additionalProperties: false,
          required: ['variant'],
          properties: { variant: { type: 'string', enum: Object.keys(REDIRECT_URI_VARIANTS), description: 'The manipulation (see docs/AUTHORING.md).' } },
        },
      ],
    },
    consent: { type: 'string', enum: ['approve', 'deny'], default: 'approve', description: 'What the user answers on the consent page.' },
    extra: { type: 'object', additionalProperties: { type: 'string' }, description: 'Additional request parameters.', examples: [{ foo: 'bar' }] },
  },
} as const;

const token = {
  type: 'object',
  additionalProperties: false,
  description: 'A back-channel authorization_code grant request to the token endpoint.',
  properties: {
    code: { ...stepRef, description: 'The authorize step whose code is redeemed; default: the latest one.' },
    client: { type: 'string', description: 'Client key in the target profile that authenticates; default: the authorize step\'s client.' },
    redirect_uri: { type: 'string', enum: ['as-authorized', 'omit'], default: 'as-authorized', description: 'redirect_uri sent: the one of the authorization request, or none.' },
    code_verifier: { type: 'string', enum: ['as-authorized', 'omit'], default: 'as-authorized', description: 'PKCE verifier sent.' },
  },
} as const;

const resource = {
  type: 'object',
  additionalProperties: false,
  description: 'A request to the target\'s protected resource with an access token (RFC 6750 §2.1 header).',
  properties: {
    token: { ...stepRef, description: 'The token step whose access token is used; default: the latest one that issued one.' },
  },
} as const;

const authorizeStep = { type: 'object', additionalProperties: false, required: ['authorize'], properties: { authorize, ...common } } as const;
const tokenStep = { type: 'object', additionalProperties: false, required: ['token'], properties: { token, ...common } } as const;
const resourceStep = { type: 'object', additionalProperties: false, required: ['resource'], properties: { resource, ...common } } as const;

export const STEP_KINDS = ['authorize', 'token', 'resource'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const scenarioSchema = {
  $id: 'https://oauth-conformance.dev/schemas/scenario.schema.json',
  title: 'oauth-conformance scenario',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'requirements', 'level', 'catalog', 'steps'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Unique id; equals the file name without .yaml.', examples: ['code-single-use'] },
    title: { type: 'string', minLength: 1, description: 'One line: the rule in plain words.' },
    description: { type: 'string', description: 'What the scenario does and why, for people.' },
    catalog: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{2}$' }, description: 'Catalog ids (CATALOG.md) this scenario covers.', examples: [['TK-01']] },
    requirements: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: REQUIREMENT_PATTERN }, description: 'Specification sections this scenario enforces.', examples: [['RFC6749-4.1.2']] },
    level: { ...level, description: 'The strictest level this scenario enforces.' },
    features: { type: 'array', items: feature, uniqueItems: true, default: [], description: 'Features the target needs; a target without them gets `skip`.' },
    tags: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, uniqueItems: true, default: [] },
    steps: {
      type: 'array',
      minItems: 1,
      description: 'What the harness does, in order. Each step has exactly one kind: authorize, token or resource.',
      items: { oneOf: [authorizeStep, tokenStep, resourceStep] },
    },
  },
} as const;

export type Scenario = FromSchema<typeof scenarioSchema>;
export type ScenarioStep = Scenario['steps'][number];
export type AuthorizeSpec = FromSchema<typeof authorize>;
export type TokenSpec = FromSchema<typeof token>;
export type ResourceSpec = FromSchema<typeof resource>;
export type ExpectEntry = FromSchema<typeof expectEntry>;
