// The backlog drive (積案化解): list a case in a year's drive, and the year's progress.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { CASE_STATUSES } from '../../shared/domain/case-status.ts';
import { backlogProgress, listInBacklog } from '../../shared/usecases/joint-review.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, responses, yearPath } from '../http/schemas.ts';
import { caseAnswer } from './answers.ts';

export const listInDrive = defineRoute({
  route: 'PUT /cases/{id}/backlog',
  operationId: 'listInBacklog',
  summary: "List a case in a year's backlog drive (積案)",
  access: rolesFor('mark_backlog'),
  request: () => ({
    params: caseIdPath,
    body: z.strictObject({ year: z.int().check(z.minimum(2000), z.maximum(2100)) }),
  }),
  responses: { 200: { description: 'Listed', schema: () => responses().caseResult } },
  errors: { 404: 'No such case', 409: 'Already listed' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await listInBacklog(ctx, params.id, body.year, staff)),
});

export const driveProgress = defineRoute({
  route: 'GET /backlog/{year}',
  operationId: 'backlogProgress',
  summary: "A year's backlog drive: resolved of listed, against the target",
  access: ['supervisor', 'admin', 'auditor'],
  request: () => ({ params: yearPath }),
  responses: {
    200: {
      description: 'Progress, as in "32 of 68, 47%"',
      schema: () =>
        z.object({
          year: z.int(),
          listed: z.int(),
          resolved: z.int(),
          ratePercent: z.int(),
          summary: responses().bilingual,
          target: z.nullable(z.int()),
          cases: z.array(
            z.object({
              caseId: z.string(),
              subject: z.string(),
              status: z.enum(CASE_STATUSES),
              resolved: z.boolean(),
            }),
          ),
        }),
    },
  },
  action: async ({ params }, ctx) => ({ statusCode: 200, body: await backlogProgress(ctx, params.year) }),
});
