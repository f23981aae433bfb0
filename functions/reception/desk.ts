// The reception desk: triage each visitor, and the day's queue (first-time petitioners first).
import * as z from 'zod/mini';
import { petitionSchemas } from '../../shared/domain/petition.ts';
import { dayQueue, triage } from '../../shared/usecases/triage.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { isoDate, responses } from '../http/schemas.ts';

export const triageVisitor = defineRoute({
  method: 'POST',
  path: '/reception/triage',
  operationId: 'triage',
  summary:
    'Triage a visitor at the desk: the owner, the due date, where to go first, or registration and the queue',
  access: ['clerk', 'supervisor'],
  request: (region) => ({
    body: z
      .strictObject({
        receiptCode: z.optional(z.string().check(z.maxLength(20))),
        petition: z.optional(petitionSchemas(region).webPetition),
      })
      .check(
        z.refine((t) => Boolean(t.receiptCode || t.petition), {
          ...rule('請提供回執碼或信訪事項。', 'Give a receipt code or the petition.'),
          path: ['petition'],
        }),
      ),
  }),
  responses: {
    200: {
      description: 'The decision: see_owner, within_period, go_first or queued',
      schema: () => z.object({ decision: z.enum(['see_owner', 'within_period', 'go_first', 'queued']) }),
    },
  },
  errors: { 404: 'Unknown receipt code and no petition' },
  action: async ({ body, caller }, ctx) => ({ statusCode: 200, body: await triage(ctx, body, caller) }),
});

export const deskQueue = defineRoute({
  method: 'GET',
  path: '/reception/queue',
  operationId: 'receptionQueue',
  summary: "The desk's queue for a day: first-time petitioners first",
  access: ['clerk', 'supervisor'],
  request: () => ({ query: z.strictObject({ date: isoDate }) }),
  responses: {
    200: {
      description: 'The queue in order',
      schema: () => z.object({ queue: z.array(responses().record) }),
    },
  },
  action: async ({ query }, ctx) => ({ statusCode: 200, body: { queue: await dayQueue(ctx, query.date) } }),
});
