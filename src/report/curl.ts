/** A back-channel request as a curl command a reviewer can paste (values already redacted). */
export function curlOf(r: { method: string; url: string; headers: Record<string, string>; body?: string }): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-i', ...(r.method !== 'GET' ? ['-X', r.method] : []), q(r.url)];
  for (const [k, v] of Object.entries(r.headers)) parts.push('-H', q(`${k}: ${v}`));
  if (r.body) parts.push('--data', q(r.body));
  return parts.join(' ');
}
