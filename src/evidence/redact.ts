/**
 * One redact() over everything the harness writes: results, reports, attachments, logs. Two layers:
 * known secret values (client secrets, the password, every code, token and verifier seen in the run)
 * are replaced wherever they appear; and values of secret-bearing parameters, headers and JSON fields
 * are masked by name even when the value was never registered. A masked value keeps a short
 * fingerprint, so a reviewer can still tell that two requests carried the same code.
 */
import { createHash } from 'node:crypto';

const SECRET_PARAMS = ['code', 'access_token', 'refresh_token', 'id_token', 'code_verifier', 'client_secret', 'client_assertion', 'password', 'assertion', 'device_code'];
const PARAM_RE = new RegExp(`([?&#]|^)(${SECRET_PARAMS.join('|')})=([^&#\\s"'<>]+)`, 'g');
const JSON_RE = new RegExp(`("(?:${SECRET_PARAMS.join('|')})"\\s*:\\s*")([^"]+)(")`, 'g');
// token68 (RFC 9110 §11.2) after the scheme; the lookahead leaves auth-params (realm="...") alone.
const AUTH_RE = /\b(Basic|Bearer|DPoP)\s+([A-Za-z0-9._~+/-]{6,}=*)(?=$|[\s,;])/gi;

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

export function mask(value: string, kind = 'secret'): string {
  // No fingerprint for passwords: a short hash of a low-entropy value could be brute-forced.
  return kind === 'password' ? '‹password›' : `‹${kind}:${fingerprint(value)}›`;
}

export class Redactor {
  /** Each form a secret may take (plain, URL-encoded) -> the mask of the plain value. */
  private readonly secrets = new Map<string, string>();

  /** Registers a value to be masked wherever it appears (ignored when too short to be a secret). */
  add(value: string | undefined, kind = 'secret'): void {
    if (value && value.length >= 6) {
      const masked = mask(value, kind);
      this.secrets.set(value, masked);
      // The URL-encoded form leaks the same secret and gets the same fingerprint.
      const enc = encodeURIComponent(value);
      if (enc !== value) this.secrets.set(enc, masked);
    }
  }

  redactString(s: string): string {
    let out = s;
    for (const [form, masked] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) {
      if (out.includes(form)) out = out.split(form).join(masked);
    }
    return out
      .replace(PARAM_RE, (_m, sep: string, name: string, v: string) => `${sep}${name}=${v.startsWith('‹') ? v : mask(decodeSafe(v), name)}`)
      .replace(JSON_RE, (_m, a: string, v: string, b: string) => `${a}${v.startsWith('‹') ? v : mask(v, 'secret')}${b}`)
      .replace(AUTH_RE, (m, scheme: string, v: string) => (v.startsWith('‹') || !looksLikeCredential(v) ? m : `${scheme} ${mask(v, scheme.toLowerCase())}`));
  }

  /** Deep copy with every string redacted. Buffers (screenshots) pass through. */
  redact<T>(value: T): T {
    if (typeof value === 'string') return this.redactString(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redact(v)) as T;
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redact(v)])) as T;
    }
    return value;
  }
}

/**
 * Tells a credential after "Basic"/"Bearer" from prose ("Basic authentication", "Bearer tokens"):
 * credentials carry digits or token68 punctuation, or mix cases over a long run; words do not.
 */
function looksLikeCredential(v: string): boolean {
  return /[0-9+/=._~-]/.test(v) || (v.length >= 16 && /[a-z]/.test(v) && /[A-Z]/.test(v));
}

function decodeSafe(v: string): string {
  try { return decodeURIComponent(v); } catch { return v; }
}
