// The anchors job's writer on AWS: one object per day in a bucket with Object Lock (compliance
// mode, set on the bucket), put only if absent; nobody, the account's root included, replaces it.
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { AnchorStore } from '../../shared/usecases/ports.ts';
import { anchorKey, s3AnchorReader } from './anchor-store.ts';

export function s3Anchors(bucket: string, client = new S3Client({})): AnchorStore {
  return {
    get: s3AnchorReader(bucket).get,
    async put(anchor) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: anchorKey(anchor.day),
            Body: JSON.stringify(anchor),
            ContentType: 'application/json',
            // A second writer loses: the first anchor of a day stands.
            IfNoneMatch: '*',
            ChecksumAlgorithm: 'SHA256',
          }),
        );
        return 'written';
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return 'exists';
        throw error;
      }
    },
  };
}
