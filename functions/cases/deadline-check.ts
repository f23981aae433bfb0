// The deadline check on demand (it also runs every 15 minutes on its schedule).
import * as z from 'zod/mini';
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import { defineRoute } from '../http/define-route.ts';

export const runDeadlineCheck = defineRoute({
  route: 'POST /deadline-checks',
  operationId: 'checkDeadlines',
  summary: 'Run the deadline check now (it also runs every 15 minutes)',
  access: ['supervisor', 'admin'],
  responses: {
    200: {
      description: 'What the check read and recorded',
      schema: () =>
        z.object({
          today: z.string(),
          itemsRead: z.int(),
          deadlinesDue: z.int(),
          overdue: z.int(),
          escalations: z.int(),
          alreadyRecorded: z.int(),
        }),
    },
  },
  action: async (_request, ctx) => ({ statusCode: 200, body: await checkDeadlines(ctx) }),
});
