/**
 * Named manipulations of a registered redirect URI (CATALOG B.1.4). A closed set, so that every
 * attack is named, reviewable and reported as such; never free-form URL building in a scenario.
 * The attacker hosts are fake names: the browser resolves them to the harness's loopback stub.
 */
export const ATTACKER_HOST = 'attacker.example';

export interface RedirectUriVariant {
  catalog: string;
  description: string;
  apply(registered: string): string;
}

export const REDIRECT_URI_VARIANTS = {
  'other-host': {
    catalog: 'RU-01',
    description: 'Same scheme and path on another host (attacker.example)',
    apply: (u) => withUrl(u, (url) => { url.host = ATTACKER_HOST; }),
  },
  'path-suffix': {
    catalog: 'RU-04',
    description: 'A path segment appended to the registered path (/cb -> /cb/evil)',
    apply: (u) => withUrl(u, (url) => { url.pathname = `${url.pathname.replace(/\/$/, '')}/evil`; }),
  },
  'extra-query': {
    catalog: 'RU-06',
    description: 'An extra query parameter added (?extra=1)',
    apply: (u) => withUrl(u, (url) => { url.searchParams.append('extra', '1'); }),
  },
  'port-change': {
    catalog: 'RU-12',
    description: 'The same URI on another port (:8443)',
    apply: (u) => withUrl(u, (url) => { url.port = url.port === '8443' ? '8444' : '8443'; }),
  },
} satisfies Record<string, RedirectUriVariant>;

export type RedirectUriVariantName = keyof typeof REDIRECT_URI_VARIANTS;

function withUrl(uri: string, edit: (url: URL) => void): string {
  const url = new URL(uri);
  edit(url);
  return url.toString();
}
