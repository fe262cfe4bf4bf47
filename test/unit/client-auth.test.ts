/**
 * Client authentication as the harness sends it: the JWT assertions of client_secret_jwt and
 * private_key_jwt (claims, signature by the right key and only by it), the wrong-auth variants for
 * them, keys from a JWK or a PEM file, and the redaction of keys and assertions.
 */
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { clientAuth, JWT_BEARER } from '../../src/steps/client-auth.js';
import { NotApplicable } from '../../src/harness-error.js';
import { Redactor } from '../../src/evidence/redact.js';
import { ROOT } from '../../src/runner/env.js';
import { loadClientKey } from '../../src/target/client-key.js';
import { profileSecrets } from '../../src/target/secrets.js';
import type { ClientProfile, TargetProfile } from '../../src/target/schema.js';

const KEYS = path.join(ROOT, 'fixtures/keys');
const TOKEN_ENDPOINT = 'https://as.example/token';
const CB = ['https://client.oauth-conformance.test/cb'];
const pkJwt: ClientProfile = { id: 'pk-client', auth: 'private_key_jwt', key: path.join(KEYS, 'embedded-client.TEST-ONLY.private.jwk.json'), redirect_uris: CB };
const pkPem: ClientProfile = { ...pkJwt, key: path.join(KEYS, 'embedded-client-rsa.TEST-ONLY.private.pem') };
const hsJwt: ClientProfile = { id: 'hs-client', auth: 'client_secret_jwt', secret: 'a-long-enough-hmac-secret-0123456789', redirect_uris: CB };

const assertionOf = (parts: { form: [string, string][] }) => parts.form.find(([k]) => k === 'client_assertion')?.[1] ?? '';
const publicOf = (c: ClientProfile) => createPublicKey(loadClientKey(c.key!).key);
const hmacKey = (c: ClientProfile) => new TextEncoder().encode(c.secret);

describe('JWT client assertions (RFC 7523 §2.2, OIDC Core §9)', () => {
  for (const [c, alg, verifyKey] of [[pkJwt, 'ES256', publicOf(pkJwt)], [pkPem, 'RS256', publicOf(pkPem)], [hsJwt, 'HS256', hmacKey(hsJwt)]] as const) {
    test(`${c.auth} (${alg}): iss = sub = client_id, aud = token endpoint, unique jti, short exp, verifiable`, async () => {
      const seen: string[] = [];
      const parts = await clientAuth(c, 'as-registered', TOKEN_ENDPOINT, (a) => seen.push(a));
      assert.deepEqual(parts.form.filter(([k]) => k !== 'client_assertion'), [['client_id', c.id], ['client_assertion_type', JWT_BEARER]]);
      assert.deepEqual(parts.headers, {});
      const jwt = assertionOf(parts);
      assert.deepEqual(seen, [jwt], 'the assertion is handed to the redactor');
      const { payload, protectedHeader } = await jwtVerify(jwt, verifyKey, { issuer: c.id, subject: c.id, audience: TOKEN_ENDPOINT });
      assert.equal(protectedHeader.alg, alg);
      const now = Date.now() / 1000;
      assert.ok(payload.exp! > now && payload.exp! <= now + 61, `exp within a minute (${payload.exp! - now}s)`);
      const again = decodeJwt(assertionOf(await clientAuth(c, 'as-registered', TOKEN_ENDPOINT)));
      assert.notEqual(again.jti, payload.jti, 'each assertion has its own jti');
    });

    test(`${c.auth} (${alg}) negative: wrong-secret is signed with another key, empty-secret is unsigned`, async () => {
      const wrong = assertionOf(await clientAuth(c, 'wrong-secret', TOKEN_ENDPOINT));
      assert.equal(decodeJwt(wrong).iss, c.id, 'the claims are right; only the signature is not');
      await assert.rejects(jwtVerify(wrong, verifyKey), /signature verification failed/);
      const unsigned = assertionOf(await clientAuth(c, 'empty-secret', TOKEN_ENDPOINT));
      assert.equal(decodeProtectedHeader(unsigned).alg, 'none');
      assert.ok(unsigned.endsWith('.'), 'no signature');
    });
  }

  test('switch-method: client_secret_jwt sends its secret with Basic; private_key_jwt has no other method', async () => {
    const parts = await clientAuth(hsJwt, 'switch-method', TOKEN_ENDPOINT);
    assert.match(parts.headers.authorization ?? '', /^Basic /);
    await assert.rejects(clientAuth(pkJwt, 'switch-method', TOKEN_ENDPOINT), NotApplicable);
    await assert.rejects(clientAuth(pkJwt, 'secret-in-query', TOKEN_ENDPOINT), NotApplicable);
  });
});

describe('client keys and redaction', () => {
  test('a public JWK or a missing file is refused with a one-line reason', () => {
    assert.throws(() => loadClientKey(path.join(KEYS, 'no-such.jwk.json')), /ENOENT/);
    const pub = path.join(ROOT, 'package.json'); // JSON without "d"
    assert.throws(() => loadClientKey(pub), /no private part/);
  });

  test('the private key never appears unmasked: its JWK members and PEM lines are registered', async () => {
    const profile = { clients: { confidential: pkPem }, user: { username: 'alice', password: 'pw-123456' } } as unknown as TargetProfile;
    const r = new Redactor();
    for (const [v, kind] of profileSecrets(profile)) r.add(v, kind);
    const jwk = loadClientKey(pkPem.key!).key.export({ format: 'jwk' }) as Record<string, string>;
    const leaked = r.redactString(`d=${jwk.d} p=${jwk.p}`);
    assert.ok(!leaked.includes(jwk.d!) && !leaked.includes(jwk.p!), leaked);
    const assertion = assertionOf(await clientAuth(pkPem, 'as-registered', TOKEN_ENDPOINT, (a) => r.add(a, 'client_assertion')));
    assert.ok(!r.redactString(`{"assertion":"x","note":"${assertion}"}`).includes(assertion));
  });
});
