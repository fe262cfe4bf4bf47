/**
 * TLS handshakes against an endpoint, with node:tls directly (not undici: a verdict needs the
 * handshake itself). One verified handshake (chain and host name, RFC 6125 via checkServerIdentity),
 * then one handshake per protocol version with that version alone offered. OpenSSL's default
 * security level refuses to offer TLS 1.0/1.1 at all, so the probe lowers it (SECLEVEL=0): otherwise a
 * refusal would be the harness's, not the server's.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TlsHandshake, TlsVerification, TlsVersion } from '../evidence/types.js';
import { spkiHash } from './chromium.js';

/** `ca`: trusted CAs in addition to the system's roots. */
export interface TlsProbeOptions { host: string; port: number; ca?: string[]; timeout: number }

/** A handshake that could not even start (refused, timed out) is no finding about TLS: thrown as is. */
export async function verifyCertificate(o: TlsProbeOptions): Promise<TlsVerification> {
  const { socket } = await handshake(o, { ...(o.ca?.length ? { ca: [...tls.rootCertificates, ...o.ca] } : {}), rejectUnauthorized: false });
  try {
    const cert = socket.getPeerCertificate();
    const identityError = socket.authorized ? tls.checkServerIdentity(o.host, cert) : undefined;
    const authError = socket.authorizationError as unknown as (Error & { code?: string }) | string | null;
    const error = socket.authorized ? (identityError && ((identityError as Error & { code?: string }).code ?? identityError.message)) : String((typeof authError === 'object' && authError?.code) || authError);
    return {
      verified: socket.authorized && !identityError, ...(error ? { error } : {}),
      subject: String(cert.subject?.CN ?? ''), issuer: String(cert.issuer?.CN ?? ''), validTo: cert.valid_to, altNames: cert.subjectaltname,
      ...(cert.raw ? { spkiHash: spkiHash(cert.raw) } : {}),
    };
  } finally {
    socket.destroy();
  }
}

export async function probeVersion(o: TlsProbeOptions, version: TlsVersion): Promise<TlsHandshake> {
  try {
    const { socket } = await handshake(o, { minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0', rejectUnauthorized: false });
    const accepted = socket.getProtocol() === version;
    socket.destroy();
    return { version, accepted };
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'ECONNREFUSED' || e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH') throw err;
    // "no protocols available" and the like come from our own OpenSSL, not from the server.
    const clientLimit = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|UNSUPPORTED_PROTOCOL\b.*client/i.test(`${e.code} ${e.message}`);
    return { version, accepted: false, error: e.code ?? e.message.split('\n')[0], ...(clientLimit ? { clientLimit } : {}) };
  }
}

function handshake(o: TlsProbeOptions, extra: tls.ConnectionOptions): Promise<{ socket: tls.TLSSocket }> {
  return new Promise((resolve, reject) => {
    const servername = net.isIP(o.host) ? undefined : o.host;
    const socket = tls.connect({ host: o.host, port: o.port, servername, ...extra });
    const timer = setTimeout(() => { socket.destroy(); reject(Object.assign(new Error(`TLS handshake with ${o.host}:${o.port} timed out after ${o.timeout} ms`), { code: 'ETIMEDOUT' })); }, o.timeout);
    socket.once('secureConnect', () => { clearTimeout(timer); resolve({ socket }); });
    socket.once('error', (err) => { clearTimeout(timer); socket.destroy(); reject(err); });
  });
}
