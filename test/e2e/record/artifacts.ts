/**
 * Every text a run wrote, for the leak search: files under the report directory, with zip archives
 * (Playwright traces, its report's embedded data) unpacked and base64 data: URLs (the Playwright HTML
 * report embeds its whole data as one) decoded, recursively.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface Artifact { name: string; text: string }

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function artifactsOf(dir: string): Artifact[] {
  return filesUnder(dir).flatMap((f) => expand(path.relative(dir, f), readFileSync(f)));
}

function expand(name: string, data: Buffer): Artifact[] {
  if (data.readUInt32LE(0) === 0x04034b50) return unzip(data).flatMap((e) => expand(`${name}!${e.name}`, e.data));
  const text = data.toString('utf8');
  const embedded = [...text.matchAll(/data:[\w/+.-]+;base64,([A-Za-z0-9+/=]{100,})/g)].flatMap((m, i) => expand(`${name}#data${i}`, Buffer.from(m[1], 'base64')));
  return [{ name, text }, ...embedded];
}

/** Stored and deflated entries of a zip archive, read from its central directory. */
export function unzip(zip: Buffer): { name: string; data: Buffer }[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries: { name: string; data: Buffer }[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = zip.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : raw });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}
