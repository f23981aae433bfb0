// The reception desk: triage each visitor, and the day's queue (first-time petitioners first).
import * as z from 'zod/mini';
import { petitionSchemas } from '../../shared/domain/petition.ts';
import { dayQueue, markVisitor, triage } from '../../shared/usecases/triage.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseId, isoDate, responses } from '../http/schemas.ts';

export const triageVisitor = defineRoute({
  route: 'POST /reception/triage',
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
      schema: () => {
        const { bilingual, named } = responses();
        const otherFiles = z.array(z.object({ caseId: z.string(), receivedAt: z.string() }));
        return z.discriminatedUnion('decision', [
          z.object({
            decision: z.literal('see_owner'),
            otherFiles,
            caseId: z.string(),
            owner: z.object({ id: z.string(), name: z.string(), title: bilingual }),
          }),
          z.object({
            decision: z.literal('within_period'),
            otherFiles,
            caseId: z.string(),
            stage: z.string(),
            dueDate: z.string(),
            article: z.string(),
          }),
          z.object({ decision: z.literal('go_first'), competentBody: named, otherFiles }),
          z.object({
            decision: z.literal('queued'),
            otherFiles,
            caseId: z.string(),
            receiptCode: z.string(),
            firstTime: z.boolean(),
            position: z.int(),
          }),
        ]);
      },
    },
  },
  errors: { 404: 'Unknown receipt code and no petition' },
  action: async ({ body, caller }, ctx) => ({ statusCode: 200, body: await triage(ctx, body, caller) }),
});

/** A visitor in the day's queue, with who called them to the desk and who saw them, once each. */
const queueEntry = () => {
  const mark = z.object({ at: z.string(), by: z.string() });
  return z.object({
    date: z.string(),
    caseId: z.string(),
    receiptCode: z.string(),
    firstTime: z.boolean(),
    at: z.string(),
    called: z.optional(mark),
    seen: z.optional(mark),
  });
};

export const deskQueue = defineRoute({
  route: 'GET /reception/queue',
  operationId: 'receptionQueue',
  summary: "The desk's queue for a day (first-time petitioners first) and who receives that day",
  access: ['clerk', 'supervisor'],
  request: () => ({ query: z.strictObject({ date: isoDate }) }),
  responses: {
    200: {
      description: 'The queue in order',
      schema: () =>
        z.object({
          date: z.string(),
          receiving: z.array(z.object({ name: z.string(), title: responses().bilingual })),
          queue: z.array(queueEntry()),
        }),
    },
  },
  action: async ({ query }, ctx) => ({ statusCode: 200, body: await dayQueue(ctx, query.date) }),
});

export const markQueuedVisitor = defineRoute({
  route: 'PUT /reception/queue/{date}/{caseId}',
  operationId: 'markQueuedVisitor',
  summary: 'Record that a queued visitor was called to the desk, or seen by the receiving official',
  access: ['clerk', 'supervisor'],
  request: () => ({
    params: z.strictObject({ date: isoDate, caseId }),
    body: z.strictObject({ step: z.enum(['called', 'seen']) }),
  }),
  responses: {
    200: {
      description: 'The queue entry with its marks',
      schema: () => z.object({ entry: queueEntry() }),
    },
  },
  errors: { 404: "The case is not in that day's queue" },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: { entry: await markVisitor(ctx, params.date, params.caseId, body.step, staff) },
  }),
});
