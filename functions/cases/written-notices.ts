// The print queue of written notices that go by post, and the record of how each reached
// its addressee (method, date, tracking number or signature, who recorded it).
import * as z from 'zod/mini';
import { printQueue, recordDelivery } from '../../shared/usecases/written-notices.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { isoDate, noticePath, responses, text } from '../http/schemas.ts';

const PRINTERS = ['clerk', 'supervisor'] as const;

export const listPrintQueue = defineRoute({
  route: 'GET /notices/print-queue',
  operationId: 'listPrintQueue',
  summary: 'Written notices waiting to be printed and posted, oldest first (no phone, or the SMS failed)',
  access: PRINTERS,
  responses: {
    200: {
      description: 'Each notice as its document, with the address it goes to',
      schema: () =>
        z.object({
          notices: z.array(
            z.extend(responses().writtenNotice, {
              address: z.nullable(z.string()),
              waitingSince: z.string(),
            }),
          ),
        }),
    },
  },
  action: async ({ staff }, ctx) => ({ statusCode: 200, body: { notices: await printQueue(ctx, staff) } }),
});

export const recordNoticeDelivery = defineRoute({
  route: 'PUT /cases/{id}/notices/{noticeId}/delivery',
  operationId: 'recordNoticeDelivery',
  summary:
    'Record how a posted notice reached the addressee: by post with its tracking number, or handed over and signed for',
  access: PRINTERS,
  request: () => ({
    params: noticePath,
    body: z
      .strictObject({
        method: z.enum(['post', 'in_person']),
        on: isoDate,
        trackingNumber: z.optional(text(4, 40)),
        signedBy: z.optional(text(1, 60)),
      })
      .check(
        z.refine((d) => d.method !== 'post' || d.trackingNumber !== undefined, {
          ...rule('郵寄送達須填寫掛號或快遞單號。', 'A posted notice needs its tracking number.'),
          path: ['trackingNumber'],
        }),
        z.refine((d) => d.method !== 'in_person' || d.signedBy !== undefined, {
          ...rule('當面送達須填寫簽收人。', 'A notice handed over needs who signed for it.'),
          path: ['signedBy'],
        }),
      ),
  }),
  responses: { 200: { description: 'The notice as delivered', schema: () => responses().writtenNotice } },
  errors: { 404: 'No such case or notice', 409: 'The notice is not waiting to be posted' },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: await recordDelivery(ctx, params.id, params.noticeId, body, staff),
  }),
});
