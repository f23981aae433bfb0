// The deadline check on demand (it also runs every 15 minutes on its schedule), or as of
// another day to see what the clock will do: a preview unless `record=true` where allowed.
import * as z from 'zod/mini';
import { ESCALATION_LEVELS, PROGRESS_MARKS } from '../../shared/domain/escalation.ts';
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import { defineRoute } from '../http/define-route.ts';
import { isoDate } from '../http/schemas.ts';

export const runDeadlineCheck = defineRoute({
  route: 'POST /deadline-checks',
  operationId: 'checkDeadlines',
  summary:
    'Run the deadline check now (it also runs every 15 minutes), or preview it as of another day (asOf)',
  access: ['supervisor', 'admin'],
  request: () => ({
    query: z.strictObject({
      asOf: z.optional(isoDate),
      /** Record what a run as of another day finds: only the local stack allows it. */
      record: z.optional(z.enum(['true', 'false'])),
    }),
  }),
  responses: {
    200: {
      description: 'What the check read, found due and recorded (nothing for a preview)',
      schema: () =>
        z.object({
          today: z.string(),
          recorded: z.boolean(),
          itemsRead: z.int(),
          deadlinesDue: z.int(),
          overdue: z.int(),
          escalations: z.int(),
          progressNotices: z.int(),
          alreadyRecorded: z.int(),
          levels: z.array(
            z.object({
              caseId: z.string(),
              stage: z.string(),
              dueDate: z.string(),
              levels: z.array(z.enum(ESCALATION_LEVELS)),
              /** Progress notices to the petitioner: halfway through a handling period, a stage overdue. */
              marks: z.array(z.enum(PROGRESS_MARKS)),
              daysLate: z.int(),
            }),
          ),
        }),
    },
  },
  errors: { 409: 'Recording as of another day where the clock may not be moved' },
  action: async ({ query }, ctx) => ({
    statusCode: 200,
    body: await checkDeadlines(ctx, {
      ...(query.asOf && { asOf: query.asOf }),
      ...(query.record && { record: query.record === 'true' }),
    }),
  }),
});
