// The one middy stack for scheduled functions (EventBridge on AWS, the local runner's timer):
// run the job, log what it did; a failure is logged and rethrown so EventBridge retries it
// and, past its retries, sends the event to the dead-letter queue.
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { errorFields, logger } from '../../shared/logger.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { functionContext } from '../context.ts';

const logFailure = (job: string): MiddlewareObj<ScheduledEvent, unknown, Error, Context> => ({
  onError: (request) => {
    logger.error('scheduled job failed', {
      job,
      requestId: request.context.awsRequestId,
      ...errorFields(request.error),
    });
  },
});

export function scheduledFunction<R extends object>(job: string, run: (ctx: UseCaseContext) => Promise<R>) {
  const ctx = functionContext();
  return middy<ScheduledEvent, R, Error, Context>(async (_event: ScheduledEvent, context: Context) => {
    const result = await run(ctx);
    logger.info('scheduled job done', { job, requestId: context.awsRequestId, ...result });
    return result;
  }).use(logFailure(job));
}
