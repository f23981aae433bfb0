// Repeats function (the table's stream): each new case file is compared with the same person's
// earlier files, after the write, so intake stays one round trip. A record that fails is
// reported alone and retried by Lambda; the others are not done twice.
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { errorFields, logger } from '../../shared/logger.ts';
import { keys } from '../../shared/store/keys.ts';
import { checkLikelyRepeat } from '../../shared/usecases/similar-matters.ts';
import { functionContext } from '../context.ts';

const ctx = functionContext();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>(
  async (event: DynamoDBStreamEvent, context: Context) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const key = record.dynamodb?.Keys;
      const caseId = key && keys.caseIdOf(key.PK?.S, key.SK?.S);
      if (!caseId) continue;
      try {
        const flag = await checkLikelyRepeat(ctx, caseId);
        logger.info('repeat check done', {
          requestId: context.awsRequestId,
          caseId,
          likelyRepeatOf: flag?.caseId ?? null,
        });
      } catch (error) {
        logger.error('repeat check failed', {
          requestId: context.awsRequestId,
          caseId,
          ...errorFields(error),
        });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }
    return { batchItemFailures };
  },
);
