/** Parsing of URL parameters as the client would see them (query and fragment). */

export type Params = Record<string, string[]>;

/** application/x-www-form-urlencoded parsing, keeping repeated names. */
export function parseParams(encoded: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(encoded)) (out[k] ??= []).push(v);
  return out;
}

export function queryOf(url: string): Params {
  const u = safeUrl(url);
  return u ? parseParams(u.search.slice(1)) : {};
}

export function fragmentOf(url: string): Params {
  const u = safeUrl(url);
  return u ? parseParams(u.hash.slice(1)) : {};
}

/** scheme://authority/path, without query and fragment. */
export function baseOf(url: string): string {
  const u = safeUrl(url);
  return u ? `${u.protocol}//${u.host}${u.pathname}` : url;
}

export function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function first(params: Params, name: string): string | undefined {
  return params[name]?.[0];
}
