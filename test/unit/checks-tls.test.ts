/** TLS-03 and TLS-04 on recorded handshakes (test/e2e/tls-probe.test.ts runs them against real https servers). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TlsEvidence } from '../../src/evidence/types.js';
import { run, seen } from '../fixtures/evidence/judging.js';

const ALL_MODERN: TlsEvidence['handshakes'] = [
  { version: 'TLSv1', accepted: false, error: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
  { version: 'TLSv1.1', accepted: false, error: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
  { version: 'TLSv1.2', accepted: true },
  { version: 'TLSv1.3', accepted: true },
];

function tls(o: { verification?: TlsEvidence['verification']; handshakes?: TlsEvidence['handshakes'] } = {}): TlsEvidence {
  return {
    kind: 'tls', step: 0, endpoint: 'token', address: 'as.example:443',
    verification: o.verification ?? { verified: true, subject: 'as.example', issuer: 'Example CA', validTo: 'Jan 1 00:00:00 2030 GMT', altNames: 'DNS:as.example' },
    handshakes: o.handshakes ?? ALL_MODERN,
  };
}

describe('tls-certificate-valid (TLS-03)', () => {
  test('pass: verified chain and host name', () => {
    assert.deepEqual(seen(run('tls-certificate-valid', tls())), {
      verdict: 'pass', level: 'MUST', expected: 'a certificate for as.example chaining to a trusted root',
      actual: 'verified (subject as.example, issuer Example CA, valid to Jan 1 00:00:00 2030 GMT, DNS:as.example)', message: 'holds',
    });
  });

  test('fail: expired certificate', () => {
    const o = run('tls-certificate-valid', tls({ verification: { verified: false, error: 'CERT_HAS_EXPIRED', subject: 'as.example', issuer: 'Example CA', validTo: 'Jan 1 00:00:00 2020 GMT' } }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'the token endpoint\'s certificate does not verify: CERT_HAS_EXPIRED']);
  });
});

describe('legacy-tls-refused (TLS-04)', () => {
  test('pass: 1.0 and 1.1 refused, 1.2 and 1.3 accepted', () => {
    const o = run('legacy-tls-refused', tls());
    assert.deepEqual([o.verdict, o.actual], ['pass', 'TLSv1 refused, TLSv1.1 refused, TLSv1.2 accepted, TLSv1.3 accepted']);
  });

  test('fail: TLS 1.1 accepted', () => {
    const o = run('legacy-tls-refused', tls({ handshakes: ALL_MODERN.map((h) => (h.version === 'TLSv1.1' ? { version: h.version, accepted: true } : h)) }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'the token endpoint completes a handshake with TLSv1.1']);
  });

  test('fail: neither 1.2 nor 1.3 accepted', () => {
    const o = run('legacy-tls-refused', tls({ handshakes: ALL_MODERN.map((h) => ({ version: h.version, accepted: false, error: 'ECONNRESET' })) }));
    assert.deepEqual([o.verdict, o.message], ['fail', 'the token endpoint accepts neither TLS 1.2 nor TLS 1.3']);
  });

  test('skip: a legacy version the probe itself could not offer gives no verdict', () => {
    const o = run('legacy-tls-refused', tls({ handshakes: [{ version: 'TLSv1', accepted: false, error: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', clientLimit: true }, ...ALL_MODERN.slice(1)] }));
    assert.equal(o.verdict, 'skip');
  });
});
