/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1). For Basic, id and secret are
 * form-urlencoded before base64, as the RFC requires (a detail many clients get wrong).
 */
import type { ClientProfile } from '../target/schema.js';

export function clientAuth(c: ClientProfile): { headers: Record<string, string>; form: Record<string, string> } {
  if (c.auth === 'client_secret_basic') {
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    return { headers: { authorization: `Basic ${Buffer.from(`${enc(c.id)}:${enc(c.secret ?? '')}`).toString('base64')}` }, form: {} };
  }
  if (c.auth === 'client_secret_post') return { headers: {}, form: { client_id: c.id, client_secret: c.secret ?? '' } };
  return { headers: {}, form: { client_id: c.id } };
}
