/**
 * One redact() over everything the harness writes: results, reports, attachments, logs. Two layers:
 * known secret values (client secrets, the password, typed values, every code, token and verifier
 * seen in the run) are replaced wherever they appear, in whatever encoding the server or a report
 * put them (percent- and form-encoded, JSON- and HTML-escaped, base64, base64url, hex, and these
 * nested); and values of secret-bearing parameters, headers and JSON fields are masked by name even
 * when the value was never registered. A masked value keeps a short fingerprint, so a reviewer can
 * still tell that two requests carried the same code.
 */
import { createHash } from 'node:crypto';

const SECRET_PARAMS = ['code', 'access_token', 'refresh_token', 'id_token', 'code_verifier', 'client_secret', 'client_assertion', 'assertion', 'device_code', 'private_key', 'api_key', 'apikey'];
/** Parameter and field names of what a person types to log in: masked without a fingerprint. */
const PASSWORD_PARAMS = ['password', 'passwd', 'passphrase', 'passcode', 'pass', 'pwd', 'pw', 'pin', 'otp', 'secret'];
const NAMES = [...SECRET_PARAMS, ...PASSWORD_PARAMS].join('|');
const PARAM_RE = new RegExp(`([?&#;]|^)(${NAMES})=([^&#;\\s"'<>]+)`, 'gi');
const JSON_RE = new RegExp(`("(?:${NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(")`, 'gi');
// token68 (RFC 9110 §11.2) after the scheme; the lookahead leaves auth-params (realm="...") alone.
const AUTH_RE = /\b(Basic|Bearer|DPoP)\s+([A-Za-z0-9._~+/-]{6,}=*)(?=$|[\s,;])/gi;
/** Object keys whose string values are secrets whatever they hold (headers and fields); not `code`, a common name for error codes (a code is registered by value). */
const SECRET_KEYS = new Set([...SECRET_PARAMS.filter((n) => n !== 'code'), ...PASSWORD_PARAMS, 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);
/** Rounds of decoding a text goes through (a value percent-encoded twice, then JSON-escaped, is three). */
const MAX_ROUNDS = 4;
/** Texts searched per string: the text and what rounds of decoding make of it (two ways a round, so 2^rounds at most). */
const MAX_TEXTS = 15;
/** A base64 fragment shorter than this is too likely to occur by chance. */
const MIN_FRAGMENT = 6;

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

export function mask(value: string, kind = 'secret'): string {
  // No fingerprint for passwords: a short hash of a low-entropy value could be brute-forced.
  return kind === 'password' ? '‹password›' : `‹${kind}:${fingerprint(value)}›`;
}

const isPasswordName = (name: string) => PASSWORD_PARAMS.includes(name.toLowerCase());

export class Redactor {
  /** Each form a secret may take once decoded (plain, base64, hex, ...) -> the mask of the plain value. */
  private readonly secrets = new Map<string, string>();
  /** The forms by their first two characters (pairKey): a text is searched in one pass, not once per form. */
  private byPair?: Map<number, [form: string, masked: string][]>;

  /**
   * Registers a value to be masked wherever it appears: ignored when too short to be a secret (under 6
   * characters), except a password, which a test account may have short (4 or more: masked, even where
   * the same characters mean something else).
   */
  add(value: string | undefined, kind = 'secret'): void {
    if (!value || value.length < (kind === 'password' ? 4 : 6)) return;
    const masked = mask(value, kind);
    for (const form of foldedForms(value)) if (!this.secrets.has(form)) this.secrets.set(form, masked);
    this.byPair = undefined;
  }

  redactString(s: string): string {
    // A Basic credential is masked whole first: it holds a registered secret, base64-encoded, beside the client id.
    const basic = s.replace(AUTH_RE, (m, scheme: string, v: string) => (scheme.toLowerCase() !== 'basic' || !looksLikeCredential(v) ? m : `${scheme} ${mask(v, 'basic')}`));
    return maskByName(this.secrets.size ? this.maskKnown(basic) : basic);
  }

  /**
   * Deep copy with every string redacted, walked with an explicit stack: a hostile server's JSON may
   * nest deeper than the call stack. Values under secret keys (a `password` field, a Cookie header)
   * are masked whole. Buffers (screenshots) pass through.
   */
  redact<T>(value: T): T {
    const root: { v: unknown } = { v: undefined };
    const stack: [from: unknown, into: Record<string | number, unknown>, key: string | number, secretKind?: string][] = [[value, root, 'v']];
    for (let item = stack.pop(); item; item = stack.pop()) {
      const [from, into, key, kind] = item;
      if (typeof from === 'string') {
        into[key] = kind && !from.startsWith('‹') ? mask(from, kind) : this.redactString(from);
      } else if (Array.isArray(from)) {
        const out: unknown[] = new Array(from.length);
        into[key] = out;
        for (let i = from.length - 1; i >= 0; i--) stack.push([from[i], out as unknown as Record<number, unknown>, i, kind]);
      } else if (from && typeof from === 'object' && !Buffer.isBuffer(from)) {
        const out: Record<string, unknown> = {};
        into[key] = out;
        const entries = Object.entries(from);
        for (const [k] of entries) out[k] = undefined; // keeps the key order
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, v] = entries[i];
          const secret = SECRET_KEYS.has(k.toLowerCase()) ? (isPasswordName(k) ? 'password' : k.toLowerCase()) : kind;
          stack.push([v, out, k, secret]);
        }
      } else {
        into[key] = from;
      }
    }
    return root.v as T;
  }

  /**
   * Replaces every registered value, found in the text as it is and in every text a few rounds of
   * decoding make of it: each round either undoes escapes (percent, JSON, HTML) or decodes base64
   * runs, so any nesting of them up to MAX_ROUNDS deep is seen (a queue, not recursion).
   */
  private maskKnown(s: string): string {
    const byPair = this.byPair ??= pairIndex(this.secrets);
    const hits: Hit[] = [];
    // A decoded text's character i came from s.slice(map[2i], map[2i + 1]); no map: s itself.
    const queue: { text: string; map?: number[]; round: number }[] = [{ text: s, round: 0 }];
    for (let seen = 0, item = queue.shift(); item && seen < MAX_TEXTS; seen++, item = queue.shift()) {
      const { text, map, round } = item;
      const folded = fold(text);
      // Every position, every form starting there (overlapping hits are merged by applyHits).
      for (let i = 0; i + 1 < folded.length; i++) {
        const forms = byPair.get(pairKey(folded, i));
        if (!forms) continue;
        for (const [form, masked] of forms) {
          if (!folded.startsWith(form, i)) continue;
          const last = i + form.length - 1;
          hits.push(map ? { start: map[2 * i], end: map[2 * last + 1], masked } : { start: i, end: last + 1, masked });
        }
      }
      if (round + 1 >= MAX_ROUNDS) continue;
      for (const next of [decodeOnce(text), decodeBase64Runs(text)]) {
        if (!next) continue;
        const through = map ? next.map.map((v, k) => (k % 2 === 0 ? map[2 * v] : map[2 * (v - 1) + 1])) : next.map;
        queue.push({ text: next.text, map: through, round: round + 1 });
      }
    }
    return applyHits(s, hits);
  }
}

interface Hit { start: number; end: number; masked: string }

/**
 * The two UTF-16 units at i as one number. Every form is at least 4 characters long (add()), so a
 * form can only start where its first two are: one lookup a position instead of one search a form
 * (42 secrets in the embedded profile make 484 forms).
 */
const pairKey = (s: string, i: number) => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);

function pairIndex(secrets: Map<string, string>): Map<number, [string, string][]> {
  const index = new Map<number, [string, string][]>();
  for (const [form, masked] of secrets) {
    const key = pairKey(form, 0);
    const list = index.get(key);
    if (list) list.push([form, masked]);
    else index.set(key, [[form, masked]]);
  }
  return index;
}

/** Replaces the hits, merging overlapping ones (the earliest's mask wins). */
function applyHits(s: string, hits: Hit[]): string {
  if (!hits.length) return s;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (let i = 0; i < hits.length;) {
    const { start, masked } = hits[i];
    let end = hits[i].end;
    for (i++; i < hits.length && hits[i].start < end; i++) end = Math.max(end, hits[i].end);
    out += s.slice(at, start) + masked;
    at = end;
  }
  return out + s.slice(at);
}

/**
 * One round of decoding: percent-escapes (UTF-8 sequences as one character), JSON escapes
 * (\uXXXX, \", \\, \/) and HTML character references. Each character of the result keeps the
 * [start, end) of what it came from. Undefined when nothing was decoded.
 */
function decodeOnce(s: string): { text: string; map: number[] } | undefined {
  let text = '';
  const map: number[] = [];
  let changed = false;
  // Nothing to undo: most texts (the common case, answered without copying them).
  if (!/[%\\&]/.test(s)) return undefined;
  const emit = (chars: string, start: number, end: number) => {
    text += chars;
    for (let k = 0; k < chars.length; k++) map.push(start, end);
  };
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      const bytes: number[] = [];
      let j = i;
      while (j + 2 < s.length && s[j] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 1, j + 3))) { bytes.push(parseInt(s.slice(j + 1, j + 3), 16)); j += 3; }
      if (bytes.length) {
        // Decode whole UTF-8 sequences; a stray byte stands for itself (as Latin-1).
        for (let b = 0, at = i; b < bytes.length;) {
          const lead = bytes[b];
          const len = lead < 0x80 ? 1 : lead >= 0xc0 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf8 ? 4 : 1;
          const seq = bytes.slice(b, b + len);
          const ok = seq.length === len && seq.slice(1).every((x) => x >= 0x80 && x < 0xc0);
          const n = ok ? len : 1;
          emit(ok && len > 1 ? Buffer.from(seq).toString('utf8') : String.fromCharCode(lead), at, at + 3 * n);
          b += n;
          at += 3 * n;
        }
        changed = true;
        i = j;
        continue;
      }
    } else if (c === '\\') {
      const u = /^\\u([0-9a-fA-F]{4})/.exec(s.slice(i, i + 6));
      if (u) { emit(String.fromCharCode(parseInt(u[1], 16)), i, i + 6); changed = true; i += 6; continue; }
      const short = s[i + 1];
      if (short === '"' || short === '\\' || short === '/' || short === "'") { emit(short, i, i + 2); changed = true; i += 2; continue; }
    } else if (c === '&') {
      const ref = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/.exec(s.slice(i, i + 12));
      if (ref) {
        const code = ref[1] ? Number(ref[1]) : ref[2] ? parseInt(ref[2], 16) : undefined;
        const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>;
        const ch = code !== undefined ? (code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd') : named[ref[3]];
        emit(ch, i, i + ref[0].length);
        changed = true;
        i += ref[0].length;
        continue;
      }
    }
    emit(c, i, i + 1);
    i++;
  }
  return changed ? { text, map } : undefined;
}

/**
 * One round of base64 decoding: every run of 8 or more base64 or base64url characters decoded from its
 * start, each byte as one character (Latin-1) mapped to the characters that encode it. Undefined when
 * there is no such run.
 */
function decodeBase64Runs(s: string): { text: string; map: number[] } | undefined {
  const RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
  let text = '';
  const map: number[] = [];
  let at = 0;
  let changed = false;
  for (let m = RUN.exec(s); m; m = RUN.exec(s)) {
    for (; at < m.index; at++) { text += s[at]; map.push(at, at + 1); }
    const bytes = Buffer.from(m[0].replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    for (let k = 0; k < bytes.length; k++) {
      text += String.fromCharCode(bytes[k]);
      map.push(m.index + Math.floor((8 * k) / 6), m.index + Math.floor((8 * k + 7) / 6) + 1);
    }
    at = m.index + m[0].length;
    changed = true;
  }
  if (!changed) return undefined;
  for (; at < s.length; at++) { text += s[at]; map.push(at, at + 1); }
  return { text, map };
}

/** Forms by value: every scenario's redactor registers the profile's secrets (the embedded one's: 42, 484 forms). */
const formsCache = new Map<string, string[]>();
const FORMS_CACHED = 1000;

function foldedForms(value: string): string[] {
  let forms = formsCache.get(value);
  if (!forms) {
    if (formsCache.size >= FORMS_CACHED) formsCache.clear();
    forms = encodedForms(value).map(fold);
    formsCache.set(value, forms);
  }
  return forms;
}

/**
 * `+` stands for a space in form encoding: both sides of the comparison see a space, so a password
 * with a space is found form-encoded, and one with a `+` still matches itself.
 */
const fold = (s: string) => s.replaceAll('+', ' ');

/**
 * The forms of a value to look for once the text is decoded: the value; its hex (either case);
 * its base64 and base64url, whole (with and without padding) and as the fragment that stays the same
 * wherever it sits inside a longer encoded text (three alignments); and the same encodings of its
 * percent- and form-encoded forms (a form body, base64-encoded, still carries the password).
 */
export function encodedForms(value: string): string[] {
  const sources = new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]);
  // As base64 decoding leaves it: the UTF-8 bytes, one character each.
  const out = new Set<string>([value, Buffer.from(value, 'utf8').toString('latin1')]);
  for (const src of sources) {
    const bytes = Buffer.from(src, 'utf8');
    const hex = bytes.toString('hex');
    out.add(hex).add(hex.toUpperCase());
    for (const b64 of [bytes.toString('base64'), bytes.toString('base64url')]) out.add(b64).add(b64.replace(/=+$/, ''));
    for (let k = 0; k < 3; k++) {
      const shifted = Buffer.concat([Buffer.alloc(k), bytes]);
      const from = Math.ceil((8 * k) / 6);
      const to = Math.floor((8 * (k + bytes.length)) / 6);
      for (const enc of [shifted.toString('base64'), shifted.toString('base64url')]) {
        const core = enc.slice(from, to);
        if (core.length >= MIN_FRAGMENT) out.add(core);
      }
    }
  }
  return [...out];
}

/** The name-based layer: secret parameters, JSON fields and Authorization headers, registered or not. */
function maskByName(s: string): string {
  return s
    .replace(PARAM_RE, (_m, sep: string, name: string, v: string) => `${sep}${name}=${v.startsWith('‹') ? v : isPasswordName(name) ? mask(v, 'password') : mask(decodeSafe(v), name)}`)
    .replace(JSON_RE, (_m, a: string, v: string, b: string) => `${a}${v.startsWith('‹') ? v : isPasswordName(a.slice(1, a.indexOf('"', 1))) ? mask(v, 'password') : mask(v, 'secret')}${b}`)
    .replace(AUTH_RE, (m, scheme: string, v: string) => (v.startsWith('‹') || !looksLikeCredential(v) ? m : `${scheme} ${mask(v, scheme.toLowerCase())}`));
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
