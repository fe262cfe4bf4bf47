/**
 * The TLS probe (TLS-03, TLS-04) against real https servers on loopback: a sound one, and deliberately
 * flawed ones — legacy TLS 1.0/1.1 enabled, a certificate for another host, an untrusted certificate.
 * Each flaw must make exactly its check fail, with the evidence that shows why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { probeVersion, verifyCertificate, type TlsProbeOptions } from '../../src/drive/tls-probe.js';
import { TLS_VERSIONS } from '../../src/evidence/types.js';
import type { TlsEvidence } from '../../src/evidence/types.js';
import { run } from '../fixtures/evidence/judging.js';

interface Served { port: number; cert: string; close(): Promise<void> }

/** An https server on 127.0.0.1 whose certificate names `host` (an IP SAN when it is one). */
async function serve(o: { host: string; minVersion: 'TLSv1' | 'TLSv1.2' }): Promise<Served> {
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(o.host);
  const pems = await generate([{ name: 'commonName', value: o.host }], {
    keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [ip ? { type: 7, ip: o.host } : { type: 2, value: o.host }] }],
  } as never);
  // SECLEVEL=0 lets this OpenSSL speak TLS 1.0/1.1 at all: the flawed server must really accept them.
  const server = https.createServer({ key: pems.private, cert: pems.cert, minVersion: o.minVersion, ciphers: 'DEFAULT@SECLEVEL=0' }, (_q, r) => r.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, cert: pems.cert, close: () => new Promise((r) => server.close(() => r())) };
}

async function evidence(o: TlsProbeOptions): Promise<TlsEvidence> {
  const verification = await verifyCertificate(o);
  const handshakes = [];
  for (const v of TLS_VERSIONS) handshakes.push(await probeVersion(o, v));
  return { kind: 'tls', step: 0, endpoint: 'token', address: `${o.host}:${o.port}`, verification, handshakes };
}

describe('TLS probe against real https servers', () => {
  let sound: Served;
  let legacy: Served;
  let otherHost: Served;
  before(async () => {
    [sound, legacy, otherHost] = await Promise.all([
      serve({ host: '127.0.0.1', minVersion: 'TLSv1.2' }),
      serve({ host: '127.0.0.1', minVersion: 'TLSv1' }),
      serve({ host: 'other.example', minVersion: 'TLSv1.2' }),
    ]);
  });
  after(async () => { await Promise.all([sound, legacy, otherHost].map((s) => s?.close())); });

  test('a sound server: certificate verified, TLS 1.2/1.3 only — both checks pass', async () => {
    const e = await evidence({ host: '127.0.0.1', port: sound.port, ca: [sound.cert], timeout: 5000 });
    assert.deepEqual(e.handshakes.map((h) => [h.version, h.accepted]), [['TLSv1', false], ['TLSv1.1', false], ['TLSv1.2', true], ['TLSv1.3', true]]);
    assert.equal(run('tls-certificate-valid', e).verdict, 'pass');
    assert.equal(run('legacy-tls-refused', e).verdict, 'pass');
  });

  test('negative control: TLS 1.0 and 1.1 enabled → legacy-tls-refused fails, naming them', async () => {
    const e = await evidence({ host: '127.0.0.1', port: legacy.port, ca: [legacy.cert], timeout: 5000 });
    const o = run('legacy-tls-refused', e);
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, 'the token endpoint completes a handshake with TLSv1 and TLSv1.1');
    assert.equal(o.actual, 'TLSv1 accepted, TLSv1.1 accepted, TLSv1.2 accepted, TLSv1.3 accepted');
    assert.equal(run('tls-certificate-valid', e).verdict, 'pass');
  });

  test('negative control: a certificate for another host → tls-certificate-valid fails', async () => {
    const e = await evidence({ host: '127.0.0.1', port: otherHost.port, ca: [otherHost.cert], timeout: 5000 });
    const o = run('tls-certificate-valid', e);
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, 'the token endpoint\'s certificate does not verify: ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(o.actual!, /subject other\.example, .*DNS:other\.example/);
    assert.equal(run('legacy-tls-refused', e).verdict, 'pass');
  });

  test('negative control: a certificate no trusted CA signed → tls-certificate-valid fails', async () => {
    const e = await evidence({ host: '127.0.0.1', port: sound.port, timeout: 5000 });
    const o = run('tls-certificate-valid', e);
    assert.equal(o.verdict, 'fail');
    assert.match(o.message, /SELF_SIGNED|self.signed/i);
  });

  test('a closed port is the harness\'s problem, thrown, not a finding', async () => {
    await assert.rejects(verifyCertificate({ host: '127.0.0.1', port: 1, timeout: 2000 }), /ECONNREFUSED/);
  });
});
