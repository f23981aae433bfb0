// Where the daily anchors are kept, written once: an S3 bucket with Object Lock on AWS, a
// folder of read-only files locally. Reading an anchor on AWS is one signed GET (no S3 client
// in the staff function's bundle); writing is the anchors job's (s3-anchors.ts).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { AppConfig } from '../../shared/config.ts';
import type { AnchorStore, ChainAnchor } from '../../shared/usecases/ports.ts';
import { awsHost, signedSender } from '../aws/signed-request.ts';

/** An anchor as read back: checked, as anything read from outside the table is. */
const anchorSchema: z.ZodMiniType<ChainAnchor> = z.object({
  day: z.string(),
  heads: z.record(z.string(), z.object({ seq: z.number(), hash: z.string() })),
  digest: z.string(),
  at: z.string(),
});

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
        return anchorSchema.parse(JSON.parse(await readFile(file(day), 'utf8')));
      } catch (error) {
        if (code(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

export interface AnchorBucketOptions {
  region?: string;
  /** Where the requests go instead (a test's stub), still signed for the real host. */
  origin?: string;
}

/** The anchors' bucket, signed for: in the function's own region and partition unless told. */
export function anchorBucket(
  bucket: string,
  { region = process.env.AWS_REGION ?? '', origin }: AnchorBucketOptions,
) {
  return { send: signedSender('s3', region, origin), host: awsHost(`${bucket}.s3`, region) };
}

/** AWS: a signed GET of the day's object; the bucket's region and partition are the function's. */
export function s3AnchorReader(bucket: string, options: AnchorBucketOptions = {}): AnchorStore {
  const { send, host } = anchorBucket(bucket, options);
  return {
    async put() {
      throw new Error('The anchors are written by the anchors job only');
    },
    async get(day) {
      const answer = await send({
        method: 'GET',
        host,
        path: `/${anchorKey(day)}`,
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      if (answer.status === 404) return undefined;
      if (!answer.ok) throw new Error(`Reading the anchor of ${day} failed: HTTP ${answer.status}`);
      return anchorSchema.parse(await answer.json());
    },
  };
}

/** The anchors a staff function reads, as the configuration names them (none: no anchor check). */
export function anchorReaderOf(config: AppConfig): AnchorStore | undefined {
  if (config.ANCHOR_DIR) return fileAnchors(config.ANCHOR_DIR);
  if (config.ANCHOR_BUCKET) return s3AnchorReader(config.ANCHOR_BUCKET);
  return undefined;
}
