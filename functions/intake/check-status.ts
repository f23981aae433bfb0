// The petitioner's own routes, by receipt code and the phone's last four digits: progress,
// and the rating of an opinion.
import * as z from 'zod/mini';
import { RATINGS } from '../../shared/domain/case.ts';
import { checkStatus } from '../../shared/usecases/check-status.ts';
import { rateHandling } from '../../shared/usecases/rate-handling.ts';
import { defineRoute } from '../http/define-route.ts';
import { receiptPath, responses, text, verifier } from '../http/schemas.ts';

const UNKNOWN_OR_LOCKED = 'Unknown code, wrong verifier or temporarily locked (one answer)';

export const checkProgress = defineRoute({
  route: 'GET /petitions/{receiptCode}',
  operationId: 'checkStatus',
  summary: 'Check progress with the receipt code and the last 4 digits of the phone',
  access: 'public',
  request: () => ({ params: receiptPath, query: z.strictObject({ verifier }) }),
  responses: {
    200: { description: 'Public status: no personal data', schema: () => responses().publicStatus },
  },
  errors: { 404: UNKNOWN_OR_LOCKED },
  action: async ({ params, query }, ctx) => ({
    statusCode: 200,
    body: await checkStatus(ctx, params.receiptCode, query.verifier),
  }),
});

export const rateOpinion = defineRoute({
  route: 'POST /petitions/{receiptCode}/rating',
  operationId: 'rateHandling',
  summary: 'The petitioner rates the handling once an opinion was issued',
  access: 'public',
  request: () => ({
    params: receiptPath,
    body: z.strictObject({ verifier, rating: z.enum(RATINGS), comment: z.optional(text(1, 1000)) }),
  }),
  responses: {
    200: {
      description: 'Recorded; the answer reminds of the next step open to the petitioner',
      schema: () =>
        z.object({
          rating: z.enum(RATINGS),
          opinion: z.string(),
          qualityReview: z.boolean(),
          reminder: responses().bilingual,
        }),
    },
  },
  errors: { 404: UNKNOWN_OR_LOCKED, 409: 'No opinion yet, or this opinion was already rated' },
  action: async ({ params, body }, ctx) => ({
    statusCode: 200,
    body: await rateHandling(ctx, params.receiptCode, body.verifier, body.rating, body.comment),
  }),
});
