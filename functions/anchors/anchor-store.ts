// Where the daily anchors are kept, written once: an S3 bucket with Object Lock on AWS, a
// folder of read-only files locally. Reading an anchor on AWS is one signed GET (no S3 client
// in the staff function's bundle); writing is the anchors job's (s3-anchors.ts).
import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AppConfig } from '../../shared/config.ts';
import type { AnchorStore, ChainAnchor } from '../../shared/usecases/ports.ts';

const code = (error: unknown) => (error as { code?: string }).code;

export const anchorKey = (day: string) => `anchors/${day}.json`;

/** Local: one file per day, created exclusively and left read-only. */
export function fileAnchors(dir: string): AnchorStore {
  const file = (day: string) => join(dir, `${day}.json`);
  return {
    async put(anchor) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      try {
        await writeFile(file(anchor.day), JSON.stringify(anchor), { flag: 'wx', mode: 0o444 });
        return 'written';
      } catch (error) {
        if (code(error) === 'EEXIST') return 'exists';
        throw error;
      }
    },
    async get(day) {
      try {
        return JSON.parse(await readFile(file(day), 'utf8')) as ChainAnchor;
      } catch (error) {
        if (code(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

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

/** AWS: a signed GET of the day's object; the bucket's region and partition are the function's. */
export function s3AnchorReader(
  bucket: string,
  { region = process.env.AWS_REGION ?? '', origin }: { region?: string; origin?: string } = {},
): AnchorStore {
  const signer = new SignatureV4({ service: 's3', region, credentials: fromEnv(), sha256: NodeSha256 });
  const host = `${bucket}.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
  const base = origin ?? `https://${host}`;
  return {
    async put() {
      throw new Error('The anchors are written by the anchors job only');
    },
    async get(day) {
      const path = `/${anchorKey(day)}`;
      const signed = await signer.sign({
        method: 'GET',
        protocol: 'https:',
        hostname: host,
        path,
        headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      const answer = await fetch(`${base}${path}`, {
        headers: signed.headers,
        signal: AbortSignal.timeout(2_000),
      });
      if (answer.status === 404) return undefined;
      if (!answer.ok) throw new Error(`Reading the anchor of ${day} failed: HTTP ${answer.status}`);
      return (await answer.json()) as ChainAnchor;
    },
  };
}

/** The anchors a staff function reads, as the configuration names them (none: no anchor check). */
export function anchorReaderOf(config: AppConfig): AnchorStore | undefined {
  if (config.ANCHOR_DIR) return fileAnchors(config.ANCHOR_DIR);
  if (config.ANCHOR_BUCKET) return s3AnchorReader(config.ANCHOR_BUCKET);
  return undefined;
}
