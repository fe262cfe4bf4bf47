/**
 * The private key of a private_key_jwt client, named by the profile (`key: path`): a JWK (JSON) or a
 * PKCS#8/PKCS#1/SEC1 PEM file. Loaded synchronously with node:crypto, so the profile loader can report
 * a bad key with its line; the JWS algorithm follows from the key unless the profile says otherwise.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface ClientKey { key: KeyObject; alg: string }

const CURVE_ALG: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

const cache = new Map<string, ClientKey>();

/** Throws an Error with a one-line reason when the file is missing or holds no private key. */
export function loadClientKey(file: string, alg?: string): ClientKey {
  const cached = cache.get(`${file}\0${alg ?? ''}`);
  if (cached) return cached;
  const text = readFileSync(file, 'utf8');
  let key: KeyObject;
  let jwkAlg: string | undefined;
  if (text.trimStart().startsWith('{')) {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    if (typeof jwk.d !== 'string') throw new Error('the JWK has no private part ("d"): give the private key, not the public one');
    jwkAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
    key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  } else {
    key = createPrivateKey(text);
  }
  const loaded = { key, alg: alg ?? jwkAlg ?? defaultAlg(key) };
  cache.set(`${file}\0${alg ?? ''}`, loaded);
  return loaded;
}

function defaultAlg(key: KeyObject): string {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return 'RS256';
  if (type === 'rsa-pss') return 'PS256';
  if (type === 'ed25519') return 'EdDSA';
  const curve = type === 'ec' ? CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (curve) return curve;
  throw new Error(`no JWS algorithm for a ${type}${type === 'ec' ? ` (${key.asymmetricKeyDetails?.namedCurve})` : ''} key: set "alg"`);
}

/** The forms in which the private key could leak into a report: its PEM and its JWK private members. */
export function keySecrets(k: ClientKey): string[] {
  const jwk = k.key.export({ format: 'jwk' }) as Record<string, unknown>;
  const pem = k.key.export({ format: 'pem', type: 'pkcs8' }).toString();
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [...['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => jwk[m]).filter((v): v is string => typeof v === 'string'), ...body];
}

/** The public JWK of the key, with its algorithm (for registering the client with a server). */
export function publicJwk(k: ClientKey): Record<string, unknown> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = k.key.export({ format: 'jwk' }) as Record<string, unknown>;
  return { ...pub, alg: k.alg, use: 'sig' };
}
