// File-check function (on the files bucket's "Object Created" events under uploads/): each
// upload is checked by its bytes, cleaned, scanned, and kept or refused; the uploader sees which.
// A failure throws, so EventBridge retries it and then parks the event; an upload is processed once.
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { scannerConfig } from '../../shared/config.ts';
import { uploadOf } from '../../shared/domain/attachments.ts';
import { errorFields, logger } from '../../shared/logger.ts';
import { processUpload } from '../../shared/usecases/attachments.ts';
import { inspectFile } from '../attachments/inspect-file.ts';
import { configuredFiles } from '../attachments/s3-files.ts';
import { functionContext } from '../context.ts';
import { clamdScanner, testSignatureScanner } from './scanners.ts';

/** The part of S3's EventBridge event this function reads. */
export type ObjectCreated = EventBridgeEvent<'Object Created', { object: { key: string; size?: number } }>;

const scanner = scannerConfig();
const ctx = {
  ...functionContext(),
  files: configuredFiles(),
  inspector: { inspect: inspectFile },
  scanner:
    scanner.MALWARE_SCANNER === 'clamd'
      ? clamdScanner(...hostAndPort(scanner.CLAMD_ADDRESS))
      : testSignatureScanner,
};

function hostAndPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

export const handler = middy<ObjectCreated, void, Error, Context>(
  async (event: ObjectCreated, context: Context) => {
    const upload = uploadOf(event.detail.object.key);
    if (!upload) {
      logger.warn('not an upload', { key: event.detail.object.key, requestId: context.awsRequestId });
      return;
    }
    const done = await processUpload(ctx, upload.caseId, upload.attachmentId);
    logger.info('upload checked', {
      ...upload,
      requestId: context.awsRequestId,
      state: done?.state ?? 'already processed',
      ...(done?.refusal && { refusal: done.refusal.reason }),
    });
  },
).use({
  onError: (request) => {
    logger.error('upload check failed', {
      key: request.event.detail.object.key,
      requestId: request.context.awsRequestId,
      ...errorFields(request.error),
    });
  },
});
