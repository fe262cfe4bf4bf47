/** Reading the authorization server metadata documents, shared by the checks that judge them (RFC 8414). */
import type { MetadataEvidence } from '../evidence/types.js';
import { safeUrl } from '../evidence/params.js';

export type MetadataDocument = MetadataEvidence['documents'][number];

/** A document that was served: 200 with a JSON object body. */
export interface ServedDocument {
  source: MetadataDocument['source'];
  url: string;
  contentType: string;
  json: Record<string, unknown>;
}

/** Which well-known location a document came from, for people. */
export function sourceLabel(source: MetadataDocument['source']): string {
  return source === 'rfc8414' ? 'RFC 8414 metadata' : 'OpenID Connect Discovery document';
}

/** The documents that answered 200 with a JSON object (a 404 with a JSON error body is not metadata). */
export function servedDocuments(e: MetadataEvidence): ServedDocument[] {
  return e.documents.flatMap((d) => {
    const j = d.response.json;
    if (d.response.status !== 200 || !j || typeof j !== 'object' || Array.isArray(j)) return [];
    return [{ source: d.source, url: d.request.url, contentType: d.response.headers['content-type'] ?? '', json: j as Record<string, unknown> }];
  });
}

/** The metadata to judge: the RFC 8414 document when served, else the OpenID Connect one. */
export function servedMetadata(e: MetadataEvidence): ServedDocument | undefined {
  const served = servedDocuments(e);
  return served.find((d) => d.source === 'rfc8414') ?? served[0];
}

/** Names of the metadata members that hold endpoint URLs (`*_endpoint`, and the few named otherwise). */
export function endpointMembers(meta: Record<string, unknown>): string[] {
  return Object.keys(meta).filter((k) => /_endpoint$/.test(k) || k === 'jwks_uri');
}

export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** 127.0.0.0/8, ::1 and localhost: where plain http is a test setup, not a deployment. */
export function isLoopbackUrl(url: string): boolean {
  const host = safeUrl(url)?.hostname.replace(/^\[|\]$/g, '');
  return host !== undefined && (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
