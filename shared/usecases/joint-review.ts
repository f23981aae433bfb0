// Joint review of a hard case and its tasks; the backlog drive's list and progress.
import { authorize, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf } from '../domain/case.ts';
import {
  completeTask,
  convene,
  type Decision,
  type JointReviewStep,
  recordMinutes,
} from '../domain/joint-review.ts';
import { counters } from '../domain/report-counters.ts';
import { targetsOf } from '../domain/report-figures.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import { changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

async function changeOne(
  ctx: UseCaseContext,
  caseId: string,
  staff: Staff,
  act: 'joint_review' | 'complete_task',
  decide: (caseFile: CaseFile, on: string) => JointReviewStep,
): Promise<CaseFile> {
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, act);
    const step = decide(caseFile, localDateOf(ctx.now(), ctx.config.region));
    return [
      {
        next: step.next,
        events: [{ type: step.event.type, actor: actorOf(staff), data: step.event.data }],
        deadlines: step.deadlines,
      },
    ];
  });
  return updated;
}

export function conveneJointReview(
  ctx: UseCaseContext,
  caseId: string,
  meeting: { meetingType: string; date: string; departments: string[]; officials: string[] },
  staff: Staff,
) {
  return changeOne(ctx, caseId, staff, 'joint_review', (caseFile) => convene(caseFile, meeting));
}

export function recordJointReviewMinutes(
  ctx: UseCaseContext,
  caseId: string,
  reviewId: string,
  minutes: { rootCause: string; direction: string; decisions: Decision[] },
  staff: Staff,
) {
  return changeOne(ctx, caseId, staff, 'joint_review', (caseFile, on) => {
    const accused = minutes.decisions.find(
      (d) => d.department && caseFile.complainsAbout?.includes(d.department),
    );
    if (accused) {
      throw new ConflictError({
        zh: '不得將任務交給被反映的部門（《信訪工作條例》第30條）。',
        en: 'A task may not go to the department the case complains about (art. 30).',
      });
    }
    return recordMinutes(caseFile, reviewId, minutes, on);
  });
}

export function completeJointReviewTask(
  ctx: UseCaseContext,
  caseId: string,
  taskId: string,
  report: string,
  staff: Staff,
) {
  return changeOne(ctx, caseId, staff, 'complete_task', (caseFile, on) => {
    const task = caseFile.tasks?.[taskId];
    if (
      task &&
      staff.roles.includes('department') &&
      !staff.roles.includes('supervisor') &&
      task.department !== staff.department
    ) {
      throw new ForbiddenError('complete_task: another department');
    }
    return completeTask(caseFile, taskId, report, on);
  });
}

/**
 * Lists a case in a year's backlog drive (積案). Counted once for that year; the case
 * counts as resolved for that year when its handling opinion is issued.
 */
export async function listInBacklog(ctx: UseCaseContext, caseId: string, year: number, staff: Staff) {
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'mark_backlog');
    if (caseFile.backlog) {
      throw new ConflictError({
        zh: `案件已列入 ${caseFile.backlog.year} 年積案。`,
        en: `The case is already on the ${caseFile.backlog.year} backlog list.`,
      });
    }
    const on = localDateOf(ctx.now(), ctx.config.region);
    return [
      {
        next: { ...caseFile, backlog: { year, listedOn: on } },
        events: [{ type: 'backlog_listed', actor: actorOf(staff), data: { year } }],
        counters: [{ bucket: String(year), add: [counters.backlogListed] }],
      },
    ];
  });
  return updated;
}

/** Progress of a year's backlog drive: resolved of listed, against the year's target. */
export async function backlogProgress(ctx: UseCaseContext, year: number) {
  const [{ totals }, cases] = await Promise.all([
    ctx.store.counters.read([String(year)]),
    ctx.store.queries.backlog(year),
  ]);
  const listed = totals[counters.backlogListed] ?? 0;
  const resolved = totals[counters.backlogResolved] ?? 0;
  const rate = listed === 0 ? 0 : Math.round((resolved / listed) * 100);
  return {
    year,
    listed,
    resolved,
    ratePercent: rate,
    summary: {
      zh: `已化解 ${resolved} 件，共列入 ${listed} 件，化解率 ${rate}%`,
      en: `${resolved} of ${listed}, ${rate}%`,
    },
    target: targetsOf(ctx.config.region, year).backlogResolved ?? null,
    cases: cases.map((c) => ({
      caseId: c.caseId,
      subject: c.subject,
      status: c.status,
      resolved: Boolean(c.opinion),
    })),
  };
}
