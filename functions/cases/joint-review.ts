// Joint review of a hard case (集體會診): convene, record the minutes (decisions with a
// department and a date become tasks the deadline check watches), and report tasks done.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import {
  completeJointReviewTask,
  conveneJointReview,
  recordJointReviewMinutes,
} from '../../shared/usecases/joint-review.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseId, caseIdPath, departmentCode, isoDate, officialId, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const convene = defineRoute({
  route: 'POST /cases/{id}/joint-reviews',
  operationId: 'conveneJointReview',
  summary: 'Convene a joint review (集體會診) of a hard case',
  access: rolesFor('joint_review'),
  request: (region) => ({
    params: caseIdPath,
    body: z.strictObject({
      meetingType: text(2, 100),
      date: isoDate,
      departments: z.array(departmentCode(region)).check(z.minLength(1), z.maxLength(20)),
      officials: z.array(officialId(region)).check(z.maxLength(20)),
    }),
  }),
  responses: caseChanged('Convened'),
  errors: { 404: NO_SUCH_CASE, 409: 'The case is over' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await conveneJointReview(ctx, params.id, body, staff)),
});

export const recordMinutes = defineRoute({
  route: 'PUT /cases/{id}/joint-reviews/{reviewId}/minutes',
  operationId: 'recordJointReviewMinutes',
  summary: 'Minutes: root cause, direction, decisions; a decision with a department and date is a task',
  access: rolesFor('joint_review'),
  request: (region) => ({
    params: z.strictObject({ id: caseId, reviewId: z.string().check(z.regex(/^\d{1,3}$/)) }),
    body: z.strictObject({
      rootCause: text(2, 5000),
      direction: text(2, 5000),
      decisions: z
        .array(
          z.strictObject({
            text: text(2, 2000),
            department: z.optional(departmentCode(region)),
            dueDate: z.optional(isoDate),
          }),
        )
        .check(z.minLength(1), z.maxLength(30)),
    }),
  }),
  responses: caseChanged('Recorded; tasks join the deadline check'),
  errors: {
    404: NO_SUCH_CASE,
    409: 'No such review, minutes already recorded, or a task to an accused department',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await recordJointReviewMinutes(ctx, params.id, params.reviewId, body, staff)),
});

export const completeTask = defineRoute({
  route: 'POST /cases/{id}/tasks/{taskId}/done',
  operationId: 'completeTask',
  summary: 'A department reports its joint-review task done',
  access: rolesFor('complete_task'),
  request: () => ({
    params: z.strictObject({ id: caseId, taskId: z.string().check(z.regex(/^\d{1,3}-\d{1,3}$/)) }),
    body: z.strictObject({ report: text(2, 5000) }),
  }),
  responses: caseChanged('Done; its deadline leaves the check'),
  errors: { 404: NO_SUCH_CASE, 409: 'No such task, or already done' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await completeJointReviewTask(ctx, params.id, params.taskId, body.report, staff)),
});
