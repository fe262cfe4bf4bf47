/**
 * Named manipulations of a registered redirect URI (CATALOG B.1.4). A closed set, so that every
 * attack is named, reviewable and reported as such; never free-form URL building in a scenario.
 *
 * The attacker hosts are fake names: `attacker.example` and its subdomains resolve, in the browser,
 * to the harness's loopback stub, so a leaked code is observed and never leaves the machine. A few
 * variants need a host that cannot live under `attacker.example` (a subdomain of the client's own
 * host, an appended TLD, loopback addresses): the browser cannot load those, but the redirect that
 * would have sent it there is still recorded in the chain of hops, which is what the checks judge.
 *
 * Variants are built as strings, not through `URL`, which would normalise away the very thing being
 * tested (dot segments, letter case, percent-encoding, backslashes). The value is sent as one
 * query parameter, percent-encoded by the harness like any other value.
 */
export const ATTACKER_HOST = 'attacker.example';

export interface RedirectUriVariant {
  catalog: string;
  description: string;
  /**
   * Accepting this variant is a deviation from exact matching but not obviously exploitable (the
   * browser still ends at the client's own endpoint): reported as lenient (SHOULD at most).
   */
  lenientIfAccepted?: boolean;
  apply(registered: string): string;
}

export const REDIRECT_URI_VARIANTS = {
  // RU-01
  'other-host': {
    catalog: 'RU-01',
    description: 'Same scheme and path on another host (attacker.example)',
    apply: (u) => withUrl(u, (url) => { url.host = ATTACKER_HOST; }),
  },
  // RU-03
  subdomain: {
    catalog: 'RU-03',
    description: 'A subdomain of the registered host (attacker.<host>); not resolvable by the browser, judged on the redirect',
    apply: (u) => build(u, { host: (h) => `attacker.${h}` }),
  },
  'suffix-host': {
    catalog: 'RU-03',
    description: 'The registered host as a prefix of an attacker host (<host>.attacker.example)',
    apply: (u) => build(u, { host: (h) => `${h}.${ATTACKER_HOST}` }),
  },
  'appended-tld': {
    catalog: 'RU-03',
    description: 'A top-level domain appended to the registered host (<host>.com); not resolvable by the browser, judged on the redirect',
    apply: (u) => build(u, { host: (h) => `${h}.com` }),
  },
  // RU-04
  'path-suffix': {
    catalog: 'RU-04',
    description: 'A path segment appended to the registered path (/cb -> /cb/evil)',
    apply: (u) => withUrl(u, (url) => { url.pathname = `${url.pathname.replace(/\/$/, '')}/evil`; }),
  },
  'path-extended': {
    catalog: 'RU-04',
    description: 'Characters appended to the last path segment (/cb -> /cbx)',
    apply: (u) => build(u, { path: (p) => `${p}x` }),
  },
  'path-replaced': {
    catalog: 'RU-04',
    description: 'Another path on the registered host (/cb -> /Wrong)',
    apply: (u) => build(u, { path: () => '/Wrong' }),
  },
  'path-root': {
    catalog: 'RU-04',
    description: 'The root of the registered host, a prefix of the registered URI (/cb -> /)',
    apply: (u) => build(u, { path: () => '/' }),
  },
  // RU-05: path confusion and traversal, raw and encoded (one representative string each)
  'path-traversal': {
    catalog: 'RU-05',
    description: 'A dot-segment traversal out of the registered path (/cb/../evil)',
    apply: (u) => build(u, { path: (p) => `${p}/../evil` }),
  },
  'path-traversal-encoded': {
    catalog: 'RU-05',
    description: 'The traversal with percent-encoded dots (/cb/%2e%2e/evil)',
    apply: (u) => build(u, { path: (p) => `${p}/%2e%2e/evil` }),
  },
  'path-double-encoded': {
    catalog: 'RU-05',
    description: 'The traversal double percent-encoded (/cb/%252e%252e/evil)',
    apply: (u) => build(u, { path: (p) => `${p}/%252e%252e/evil` }),
  },
  'path-semicolon': {
    catalog: 'RU-05',
    description: 'A traversal hidden behind a path parameter (/cb/..;/evil)',
    apply: (u) => build(u, { path: (p) => `${p}/..;/evil` }),
  },
  'path-encoded-slash': {
    catalog: 'RU-05',
    description: 'A traversal with percent-encoded slashes (/cb%2f..%2fevil)',
    apply: (u) => build(u, { path: (p) => `${p}%2f..%2fevil` }),
  },
  'path-backslash': {
    catalog: 'RU-05',
    description: 'A traversal with backslashes, which browsers read as slashes (/cb\\..\\evil)',
    apply: (u) => build(u, { path: (p) => `${p}\\..\\evil` }),
  },
  // RU-06
  'extra-query': {
    catalog: 'RU-06',
    description: 'An extra query parameter added (?extra=1)',
    apply: (u) => withUrl(u, (url) => { url.searchParams.append('extra', '1'); }),
  },
  // RU-07
  'code-pollution': {
    catalog: 'RU-07',
    description: 'An attacker-chosen code in the query of the registered URI (?code=attackercode)',
    apply: (u) => build(u, { query: (q) => `${q ? `${q}&` : '?'}code=attackercode` }),
  },
  // RU-08
  fragment: {
    catalog: 'RU-08',
    description: 'A fragment appended (#x); a redirection URI must not have one (RFC 6749 §3.1.2)',
    apply: (u) => `${u.split('#')[0]}#x`,
  },
  // RU-09: userinfo tricks
  'userinfo-client-at-attacker': {
    catalog: 'RU-09',
    description: 'The registered host as userinfo of an attacker host (https://<host>@attacker.example/cb)',
    apply: (u) => build(u, { authority: () => `${split(u).host}@${ATTACKER_HOST}` }),
  },
  'userinfo-attacker-at-client': {
    catalog: 'RU-09',
    description: 'An attacker host as userinfo of the registered host (https://attacker.example@<host>/cb)',
    apply: (u) => build(u, { authority: (a) => `${ATTACKER_HOST}@${a}` }),
  },
  'userinfo-with-password': {
    catalog: 'RU-09',
    description: 'The registered host and a password as userinfo of an attacker host (https://<host>:x@attacker.example/cb)',
    apply: (u) => build(u, { authority: () => `${split(u).host}:x@${ATTACKER_HOST}` }),
  },
  'userinfo-encoded': {
    catalog: 'RU-09',
    description: 'The userinfo separator percent-encoded (https://<host>%40attacker.example/cb)',
    apply: (u) => build(u, { authority: () => `${split(u).host}%40${ATTACKER_HOST}` }),
  },
  // RU-10
  'nested-redirect-uri': {
    catalog: 'RU-10',
    description: 'A value that carries a second redirect_uri (<registered>&redirect_uri=https://attacker.example/cb), sent as one parameter',
    apply: (u) => `${u}&redirect_uri=https://${ATTACKER_HOST}/cb`,
  },
  // RU-11
  'http-downgrade': {
    catalog: 'RU-11',
    description: 'The registered URI with http instead of https',
    apply: (u) => u.replace(/^https:/i, 'http:'),
  },
  // RU-12
  'port-change': {
    catalog: 'RU-12',
    description: 'The same URI on another port (:8443)',
    apply: (u) => withUrl(u, (url) => { url.port = url.port === '8443' ? '8444' : '8443'; }),
  },
  // RU-13: loopback substitutions for a web client
  'loopback-localhost': {
    catalog: 'RU-13',
    description: 'The registered path on http://localhost',
    apply: (u) => build(u, { scheme: () => 'http', authority: () => 'localhost' }),
  },
  'loopback-ipv4': {
    catalog: 'RU-13',
    description: 'The registered path on http://127.0.0.1',
    apply: (u) => build(u, { scheme: () => 'http', authority: () => '127.0.0.1' }),
  },
  'loopback-ipv6': {
    catalog: 'RU-13',
    description: 'The registered path on http://[::1]',
    apply: (u) => build(u, { scheme: () => 'http', authority: () => '[::1]' }),
  },
  'loopback-decimal': {
    catalog: 'RU-13',
    description: 'The registered path on http://2130706433 (127.0.0.1 as one decimal number)',
    apply: (u) => build(u, { scheme: () => 'http', authority: () => '2130706433' }),
  },
  'localhost-subdomain': {
    catalog: 'RU-13',
    description: 'An attacker host that starts with localhost (https://localhost.attacker.example/cb)',
    apply: (u) => build(u, { authority: () => `localhost.${ATTACKER_HOST}` }),
  },
  // RU-15: case and percent-encoding variants (simple string comparison, RFC 3986 §6.2.1)
  'host-uppercase': {
    catalog: 'RU-15',
    description: 'The registered host in upper case (same host by DNS; accepting it is lenient)',
    lenientIfAccepted: true,
    apply: (u) => build(u, { host: (h) => h.toUpperCase() }),
  },
  'scheme-uppercase': {
    catalog: 'RU-15',
    description: 'The registered scheme in upper case (HTTPS://… for https://…, HTTP://… for http://…; schemes are case-insensitive, RFC 3986 §3.1, so accepting it is lenient)',
    lenientIfAccepted: true,
    apply: (u) => build(u, { scheme: (s) => s.toUpperCase() }),
  },
  'path-uppercase': {
    catalog: 'RU-15',
    description: 'The registered path in upper case (/cb -> /CB)',
    apply: (u) => build(u, { path: (p) => p.toUpperCase() }),
  },
  'path-percent-encoded': {
    catalog: 'RU-15',
    description: 'The last character of the path percent-encoded (/cb -> /c%62; equivalent under RFC 3986 §6.2.2.2, so accepting it is lenient)',
    lenientIfAccepted: true,
    apply: (u) => build(u, { path: encodeLastPathCharacter }),
  },
  // RU-16: dangerous schemes
  'scheme-javascript': {
    catalog: 'RU-16',
    description: 'A javascript: URI (javascript:alert(document.domain)//)',
    apply: () => 'javascript:alert(document.domain)//',
  },
  'scheme-data': {
    catalog: 'RU-16',
    description: 'A data: URI carrying an HTML page with a script',
    apply: () => 'data:text/html,<script>alert(document.domain)</script>',
  },
} satisfies Record<string, RedirectUriVariant>;

export type RedirectUriVariantName = keyof typeof REDIRECT_URI_VARIANTS;

/** The variant's definition, when the name is one (evidence may carry any string). */
export function redirectUriVariant(name: string | undefined): RedirectUriVariant | undefined {
  return name !== undefined && Object.hasOwn(REDIRECT_URI_VARIANTS, name) ? (REDIRECT_URI_VARIANTS as Record<string, RedirectUriVariant>)[name] : undefined;
}

/** The row of sending another client's registered redirect URI with this client's client_id (`redirect_uri: { of }`). */
export const OTHER_CLIENT_ROW = 'RU-02';

/** Catalog rows that name one manipulation of the redirect URI: a check judging them judges the one a step sends. */
export const MANIPULATION_ROWS: ReadonlySet<string> = new Set([...Object.values(REDIRECT_URI_VARIANTS).map((v) => v.catalog), OTHER_CLIENT_ROW]);

/** The rows of the manipulation an authorization request step sends (none when it sends the registered URI). */
export function manipulationRows(step: object): string[] {
  const authorize = 'authorize' in step ? (step.authorize as { redirect_uri?: unknown } | null) : undefined;
  const sent = authorize?.redirect_uri;
  if (!sent || typeof sent !== 'object') return [];
  if ('of' in sent) return [OTHER_CLIENT_ROW];
  const variant = 'variant' in sent && typeof sent.variant === 'string' ? redirectUriVariant(sent.variant) : undefined;
  return variant ? [variant.catalog] : [];
}

function withUrl(uri: string, edit: (url: URL) => void): string {
  const url = new URL(uri);
  edit(url);
  return url.toString();
}

interface Parts { scheme: string; authority: string; host: string; port: string; path: string; query: string; fragment: string }

/** scheme://authority/path?query#fragment as written, without normalisation. */
function split(uri: string): Parts {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(uri);
  if (!m) throw new Error(`not a hierarchical URI: ${uri}`);
  const authority = m[2];
  const hostPort = /^(\[[^\]]*\]|[^:]*)(:\d*)?$/.exec(authority.replace(/^.*@/, ''));
  return {
    scheme: m[1], authority, host: hostPort?.[1] ?? authority, port: hostPort?.[2] ?? '',
    path: m[3] || '/', query: m[4] ?? '', fragment: m[5] ?? '',
  };
}

interface Edits {
  scheme?: (s: string) => string;
  /** The whole authority (host and port). */
  authority?: (a: string) => string;
  /** The host alone; the port is kept. */
  host?: (h: string) => string;
  path?: (p: string) => string;
  query?: (q: string) => string;
}

function build(uri: string, e: Edits): string {
  const p = split(uri);
  const authority = e.authority ? e.authority(p.authority) : e.host ? `${e.host(p.host)}${p.port}` : p.authority;
  const path = e.path ? e.path(p.path) : p.path;
  const query = e.query ? e.query(p.query) : p.query;
  return `${e.scheme ? e.scheme(p.scheme) : p.scheme}://${authority}${path}${query}${p.fragment}`;
}

function encodeLastPathCharacter(path: string): string {
  let i = path.length - 1;
  while (i >= 0 && !/[A-Za-z0-9]/.test(path[i])) i--;
  if (i < 0) return `${path}%2F`;
  const hex = path.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
  return `${path.slice(0, i)}%${hex}${path.slice(i + 1)}`;
}
