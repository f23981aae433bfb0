// Staff work queues: a view of the cases a person works on, by due date, with filters and
// cursor pagination; a case by id or receipt code; counts per view for badges.
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../../shared/auth.ts';
import { CASE_STATUSES } from '../../shared/domain/case.ts';
import { CHANNELS } from '../../shared/domain/petition.ts';
import { VIEWS } from '../../shared/domain/views.ts';
import { countViews, listCases } from '../../shared/usecases/work-queues.ts';
import { defineRoute } from '../http/define-route.ts';
import { categoryCode, isoDate, townshipCode } from '../http/schemas.ts';

const summary = () =>
  z.object({
    caseId: z.string(),
    subject: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    township: z.string(),
    category: z.string(),
    receivedAt: z.string(),
    ownerId: z.nullable(z.string()),
    handlingDepartment: z.nullable(z.string()),
    dueStage: z.string(),
    dueFrom: z.nullable(z.string()),
    dueDate: z.string(),
    gravity: z.optional(z.enum(['ordinary', 'major'])),
  });

export const listWork = defineRoute({
  route: 'GET /cases',
  operationId: 'listCases',
  summary:
    'A work queue by due date (mine, unowned, department, overdue, due-soon, quality-review, approvals, backlog), or a case by id or receipt code',
  access: STAFF_ROLES,
  request: (region) => ({
    query: z.strictObject({
      view: z.optional(z.enum(VIEWS)),
      find: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(30))),
      status: z.optional(z.enum(CASE_STATUSES)),
      channel: z.optional(z.enum(CHANNELS)),
      category: z.optional(categoryCode(region)),
      township: z.optional(townshipCode(region)),
      receivedFrom: z.optional(isoDate),
      receivedTo: z.optional(isoDate),
      year: z.optional(z.pipe(z.string().check(z.regex(/^20\d{2}$/)), z.transform(Number))),
      cursor: z.optional(z.string().check(z.maxLength(2000))),
      limit: z._default(
        z
          .pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number))
          .check(z.refine((n) => n >= 1 && n <= 100)),
        25,
      ),
    }),
  }),
  responses: {
    200: {
      description: 'One page of the queue, by due date; nextCursor is null on the last page',
      schema: () =>
        z.object({
          view: z.enum([...VIEWS, 'find']),
          cases: z.array(summary()),
          nextCursor: z.nullable(z.string()),
          itemsRead: z.int(),
        }),
    },
  },
  action: async ({ query, staff }, ctx) => ({ statusCode: 200, body: await listCases(ctx, staff, query) }),
});

export const countWork = defineRoute({
  route: 'GET /cases/counts',
  operationId: 'countCases',
  summary: 'How many cases wait in each view the caller may open (for badges)',
  access: STAFF_ROLES,
  responses: {
    200: {
      description: 'Counts by view',
      schema: () => z.object({ counts: z.partialRecord(z.enum(VIEWS), z.int()) }),
    },
  },
  action: async ({ staff }, ctx) => ({ statusCode: 200, body: { counts: await countViews(ctx, staff) } }),
});
