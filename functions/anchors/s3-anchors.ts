// The anchors job's writer on AWS: one object per day in a bucket with Object Lock (compliance
// mode, set on the bucket), put only if absent; nobody, the account's root included, replaces it.
// One signed PUT, so the job carries no S3 client (its bundle: the SDK-only baseline's size).
import { createHash } from 'node:crypto';
import type { AnchorStore } from '../../shared/usecases/ports.ts';
import { type AnchorBucketOptions, anchorBucket, anchorKey, s3AnchorReader } from './anchor-store.ts';

export function s3Anchors(bucket: string, options: AnchorBucketOptions = {}): AnchorStore {
  const { send, host } = anchorBucket(bucket, options);
  return {
    get: s3AnchorReader(bucket, options).get,
    async put(anchor) {
      const body = JSON.stringify(anchor);
      const digest = createHash('sha256').update(body).digest();
      const answer = await send({
        method: 'PUT',
        host,
        path: `/${anchorKey(anchor.day)}`,
        headers: {
          'content-type': 'application/json',
          'x-amz-content-sha256': digest.toString('hex'),
          // Object Lock buckets take a write only with its checksum.
          'x-amz-checksum-sha256': digest.toString('base64'),
          // A second writer loses: the first anchor of a day stands.
          'if-none-match': '*',
        },
        body,
      });
      if (answer.status === 412) return 'exists';
      if (!answer.ok) throw new Error(`Writing the anchor of ${anchor.day} failed: HTTP ${answer.status}`);
      return 'written';
    },
  };
}
