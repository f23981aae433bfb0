// One SigV4-signed HTTPS request to an AWS service with the function's own credentials: a read
// or two at cold start, or a job's one write, need no SDK client in the bundle (S3 anchors,
// the pepper secret).
import { createHash, createHmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';

type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: Bytes) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 and HMAC-SHA-256 as the SigV4 signer wants them, from node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: Bytes) {
    this.hash = secret ? createHmac('sha256', bytesOf(secret)) : createHash('sha256');
  }
  update(data: Bytes): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/** A service's host in the function's partition (the China regions end in .com.cn). */
export const awsHost = (prefix: string, region: string) =>
  `${prefix}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

export interface SignedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  host: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** How long the request may take; a file's bytes may need more than the default 2 s. */
  timeoutMs?: number;
  /** Query parameters, signed with the request (`versions`, `delete`: empty values). */
  query?: Record<string, string>;
}

/** A query string as SigV4 canonicalises it: names sorted, both sides percent-encoded. */
const queryString = (query: Record<string, string>) =>
  Object.keys(query)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(query[name] ?? '')}`)
    .join('&');

/** The SigV4 signer of one service in one region, with the function's own credentials. */
export const signerFor = (service: string, region: string) =>
  new SignatureV4({ service, region, credentials: fromEnv(), sha256: NodeSha256 });

/**
 * A sender for one service in one region. `origin` sends the requests elsewhere (a test's
 * stub), still signed for the real host.
 */
export function signedSender(service: string, region: string, origin?: string) {
  const signer = signerFor(service, region);
  return async ({
    method,
    host,
    path,
    headers = {},
    body,
    timeoutMs = 2_000,
    query,
  }: SignedRequest): Promise<Response> => {
    const signed = await signer.sign({
      method,
      protocol: 'https:',
      hostname: host,
      path,
      headers: { ...headers, host },
      ...(query && { query }),
      ...(body !== undefined && { body }),
    });
    return fetch(`${origin ?? `https://${host}`}${path}${query ? `?${queryString(query)}` : ''}`, {
      method,
      headers: signed.headers,
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  };
}
