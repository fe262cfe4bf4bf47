/**
 * A draft target profile (`oauth-conformance init`): what the server's metadata tells (endpoints,
 * features), and commented placeholders for what only its operator knows (clients, test user, the
 * login and consent pages). Written as text, because the comments are the point: a YAML stringifier
 * would drop them. Valid as written: every secret is an `${env:NAME}` reference.
 */
import { FEATURE_NAMES, FEATURES, type Feature } from '../spec/features.js';

export interface DraftInput {
  name: string;
  /** `$schema` reference for editors, relative to the written file. */
  schemaRef: string;
  issuer?: string;
  /** Explicit endpoints: the server publishes no metadata (or they override it). */
  endpoints?: { authorization: string; token: string };
  resource?: string;
  /** Where the metadata was read, when it was. */
  metadataUrl?: string;
  features: Feature[];
  /** The metadata's `scopes_supported`, when it lists any. */
  scopesSupported?: unknown;
  /** The confidential client's method: client_secret_basic unless the metadata offers only client_secret_post. */
  auth: 'client_secret_basic' | 'client_secret_post';
}

/** Environment variables the draft reads its secrets and accounts from. */
export const DRAFT_ENV = {
  clientId: 'OC_CLIENT_ID',
  clientSecret: 'OC_CLIENT_SECRET',
  username: 'OC_USERNAME',
  password: 'OC_PASSWORD',
} as const;

/** Features only the operator can vouch for: listed commented out, with what each needs. */
const OPERATOR_FEATURES: [Feature, string][] = [
  ['resource', 'set `resource:` above'],
  ['second-client', 'uncomment clients.second'],
  ['public-client', 'uncomment clients.public'],
];

const q = (s: string) => JSON.stringify(s);

/**
 * The scope the draft requests: `openid` where the server offers it (or says nothing), else the first
 * scope it advertises — a plain OAuth server answers `openid` with invalid_scope.
 */
export function draftScope(scopesSupported: unknown): { scope: string; from?: string } {
  const offered = Array.isArray(scopesSupported) ? scopesSupported.filter((x): x is string => typeof x === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(x)) : [];
  if (!offered.length || offered.includes('openid')) return { scope: 'openid' };
  return { scope: offered[0], from: offered.slice(0, 8).join(' ') };
}

function scopeLine(scopesSupported: unknown): string {
  const { scope, from } = draftScope(scopesSupported);
  return from
    ? `${q(scope)}   # TODO: a scope the test clients may request; the metadata lists: ${from}`
    : `${scope}   # TODO: a scope the test clients may request (\`openid\` for OpenID Connect servers)`;
}

export function draftProfile(d: DraftInput): string {
  const where = d.issuer
    ? `issuer: ${q(d.issuer)}${d.metadataUrl ? `   # metadata read from ${d.metadataUrl}` : ''}`
    : '# no metadata was found: the endpoints below are used as given';
  const endpoints = d.endpoints
    ? `endpoints:\n  authorization: ${q(d.endpoints.authorization)}\n  token: ${q(d.endpoints.token)}\n`
    : '';
  const resource = d.resource
    ? `resource: ${q(d.resource)}\n`
    : '# resource: https://api.example.com/me   # a URL that accepts the access tokens (RFC 6750 checks; feature `resource`)\n';
  // Features given (from the metadata, or by the operator's flags) are listed; the operator's others are offered commented out.
  const derived = d.features;
  const commented = (list: [Feature, string][]) => list.filter(([f]) => !d.features.includes(f)).map(([f, says]) => `  # - ${f.padEnd(14)} # ${says}`);
  // Without metadata nothing tells what the server offers: every feature is offered, commented, with what it means.
  const unread = d.metadataUrl ? [] : commented(FEATURE_NAMES.filter((f) => !OPERATOR_FEATURES.some(([o]) => o === f)).map((f): [Feature, string] => [f, FEATURES[f]]));
  const operator = [...unread, ...commented(OPERATOR_FEATURES)].join('\n');
  return `# yaml-language-server: $schema=${d.schemaRef}
#
# Draft target profile written by \`oauth-conformance init\`. Fill in what is marked TODO, then check it
# with \`oauth-conformance doctor --target <this file>\` before a full run. Secrets stay in the
# environment: every \${env:NAME} below is read when the profile loads (export NAME=...).
name: ${q(d.name)}
${where}
${endpoints}${resource}scope: ${scopeLine(d.scopesSupported)}

# TODO: register these clients on your server with the redirect URI below. Any host works: the
# harness's browser resolves it to its own loopback stub, so nothing leaves the machine.
clients:
  confidential:
    id: \${env:${DRAFT_ENV.clientId}}
    secret: \${env:${DRAFT_ENV.clientSecret}}
    auth: ${d.auth}   # how this client authenticates at the token endpoint, as registered
    redirect_uris: [https://client.oauth-conformance.test/cb]
  # A second confidential client, for the binding tests (codes and tokens bound to their client):
  # second:
  #   id: \${env:OC_SECOND_CLIENT_ID}
  #   secret: \${env:OC_SECOND_CLIENT_SECRET}
  #   auth: ${d.auth}
  #   redirect_uris: [https://second.oauth-conformance.test/cb]
  # A public client (no secret, PKCE), for the public-client scenarios:
  # public:
  #   id: \${env:OC_PUBLIC_CLIENT_ID}
  #   auth: none
  #   redirect_uris: [https://client.oauth-conformance.test/public-cb]
${implicitClient(d.features)}
# TODO: a test account that can sign in and approve the clients above (not a real person's).
user:
  username: \${env:${DRAFT_ENV.username}}
  password: \${env:${DRAFT_ENV.password}}

# What the server supports. ${d.metadataUrl ? 'Derived from its metadata; remove what it does not really offer.' : 'No metadata was read: uncomment what the server offers.'}
features:
${derived.map((f) => `  - ${f}`).join('\n') || '  - authorization-code'}
${operator}

# TODO: how to get through the server's own pages. After each page load the first rule whose
# \`match\` (URL glob) fits and whose \`when\` element is visible runs its steps, until the browser
# reaches the redirect URI. These guesses fit many login forms; check them against yours (labels,
# button names; /text/i is a regular expression). \`doctor\` shows the page and the locator that did not match.
interaction:
  - name: login
    match: "**"
    when: { label: "/password/i" }
    steps:
      - fill: { label: "/user|e-?mail|login/i", value: "{{user.username}}" }
      - fill: { label: "/password/i", value: "{{user.password}}" }
      - click: { role: button, name: "/sign in|log in|login|submit/i" }
  - name: consent
    match: "**"
    when: { role: button, name: "/allow|accept|approve|authori[sz]e|continue|yes/i" }
    steps:
      - click: { role: button, name: "/allow|accept|approve|authori[sz]e|continue|yes/i" }
    deny:
      - click: { role: button, name: "/deny|decline|reject|cancel|^no$/i" }
`;
}

/**
 * The `implicit` client role, asked for when the metadata advertises a `token` response type: without
 * a client the server lets use the implicit grant, the implicit and token-in-URL scenarios skip.
 */
function implicitClient(features: readonly Feature[]): string {
  if (!features.includes('implicit')) return '';
  return `  # TODO: the metadata advertises response_type=token (the implicit grant). Register a client the server lets
  # use it, and uncomment: the implicit and token-in-URL scenarios run on it (without it they skip).
  # implicit:
  #   id: \${env:OC_IMPLICIT_CLIENT_ID}
  #   auth: none
  #   redirect_uris: [https://client.oauth-conformance.test/implicit-cb]
`;
}
