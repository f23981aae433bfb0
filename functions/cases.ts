// Cases function: staff read a case file and its timeline, move it through the procedure,
// own it, instruct on it, and link duplicates; every act checked against the case itself.
import type { StaffClaims } from '../shared/auth.ts';
import { openTasks } from '../shared/domain/joint-review.ts';
import type { Transition } from '../shared/domain/procedure.ts';
import { checkDeadlines } from '../shared/usecases/check-deadlines.ts';
import {
  backlogProgress,
  completeJointReviewTask,
  conveneJointReview,
  listInBacklog,
  recordJointReviewMinutes,
} from '../shared/usecases/joint-review.ts';
import {
  assignOwner,
  claimCase,
  instruct,
  readCaseAs,
  recuse,
  takeStep,
} from '../shared/usecases/lifecycle.ts';
import {
  findSimilar,
  linkDuplicate,
  readNotices,
  readTimeline,
  unlinkDuplicate,
} from '../shared/usecases/staff-cases.ts';
import { type HttpRequest, httpFunction } from './http/http-function.ts';

const caseIdOf = (request: HttpRequest) => (request.params as { id: string }).id;
// Every route of this function requires a staff token, so the claims are there.
const staffOf = (request: HttpRequest) => request.staff as StaffClaims;
const ok = (body: unknown) => ({ statusCode: 200, body });

export const handler = httpFunction('cases', {
  'GET /cases/{id}': async (request, ctx) => {
    const { caseFile, personal, personalMasked, events, deadlines } = await readCaseAs(
      ctx,
      caseIdOf(request),
      staffOf(request),
    );
    return ok({
      case: caseFile,
      openTasks: openTasks(caseFile),
      petitioner: personal ?? null,
      personalMasked,
      deadlines,
      timeline: events,
    });
  },
  'GET /cases/{id}/timeline': async (request, ctx) =>
    ok(await readTimeline(ctx, caseIdOf(request), staffOf(request))),
  'GET /cases/{id}/similar': async (request, ctx) =>
    ok({ similar: await findSimilar(ctx, caseIdOf(request), staffOf(request)) }),
  'GET /cases/{id}/notices': async (request, ctx) =>
    ok({ notices: await readNotices(ctx, caseIdOf(request), staffOf(request)) }),
  'PUT /cases/{id}/duplicate-of': async (request, ctx) => {
    const { caseId, reason } = request.body as { caseId: string; reason: string };
    return ok({ case: await linkDuplicate(ctx, caseIdOf(request), caseId, reason, staffOf(request)) });
  },
  'DELETE /cases/{id}/duplicate-of': async (request, ctx) => {
    const { reason } = request.body as { reason: string };
    return ok({ case: await unlinkDuplicate(ctx, caseIdOf(request), reason, staffOf(request)) });
  },
  'POST /cases/{id}/transitions': async (request, ctx) => {
    const { expectedVersion, ...transition } = request.body as Transition & { expectedVersion?: number };
    return ok({
      case: await takeStep(
        ctx,
        caseIdOf(request),
        transition as Transition,
        staffOf(request),
        expectedVersion,
      ),
    });
  },
  'POST /cases/{id}/owner/claim': async (request, ctx) =>
    ok({ case: await claimCase(ctx, caseIdOf(request), staffOf(request)) }),
  'PUT /cases/{id}/owner': async (request, ctx) => {
    const { officialId, reason } = request.body as { officialId: string; reason?: string };
    return ok({ case: await assignOwner(ctx, caseIdOf(request), officialId, reason, staffOf(request)) });
  },
  'POST /cases/{id}/instructions': async (request, ctx) => {
    const { text } = request.body as { text: string };
    return ok({ case: await instruct(ctx, caseIdOf(request), text, staffOf(request)) });
  },
  'POST /deadline-checks': async (_request, ctx) => ok(await checkDeadlines(ctx)),
  'POST /cases/{id}/joint-reviews': async (request, ctx) => {
    const meeting = request.body as Parameters<typeof conveneJointReview>[2];
    return ok({ case: await conveneJointReview(ctx, caseIdOf(request), meeting, staffOf(request)) });
  },
  'PUT /cases/{id}/joint-reviews/{reviewId}/minutes': async (request, ctx) => {
    const { reviewId } = request.params as { reviewId: string };
    const minutes = request.body as Parameters<typeof recordJointReviewMinutes>[3];
    return ok({
      case: await recordJointReviewMinutes(ctx, caseIdOf(request), reviewId, minutes, staffOf(request)),
    });
  },
  'POST /cases/{id}/tasks/{taskId}/done': async (request, ctx) => {
    const { taskId } = request.params as { taskId: string };
    const { report } = request.body as { report: string };
    return ok({
      case: await completeJointReviewTask(ctx, caseIdOf(request), taskId, report, staffOf(request)),
    });
  },
  'PUT /cases/{id}/backlog': async (request, ctx) => {
    const { year } = request.body as { year: number };
    return ok({ case: await listInBacklog(ctx, caseIdOf(request), year, staffOf(request)) });
  },
  'GET /backlog/{year}': async (request, ctx) => {
    const { year } = request.params as { year: string };
    return ok(await backlogProgress(ctx, Number(year)));
  },
  'POST /cases/{id}/recusals': async (request, ctx) => {
    const { who, reason } = request.body as { who: string; reason: string };
    return ok({ case: await recuse(ctx, caseIdOf(request), who, reason, staffOf(request)) });
  },
});
