// Joint review (集體會診) of a hard case: a meeting of several departments that finds the
// root cause, sets the direction, and hands each department a task with a reply deadline.
// Tasks are watched by the deadline check like the statutory deadlines.
import type { Bilingual } from '../errors.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { CaseFile, Deadline, JointReview, Task, TaskStage } from './case.ts';
import { type DeadlineChange, met, setting, withDeadlines } from './procedure.ts';

export const TASK_ARTICLE = '集體會診決定（信訪工作條例 (2022) 第34條 辦理期限內）';

export interface Decision {
  text: string;
  department?: string;
  dueDate?: string;
}

export interface JointReviewStep {
  next: CaseFile;
  event: { type: string; data: Record<string, unknown> };
  deadlines: DeadlineChange[];
}

const refuse = (message: Bilingual) => new ConflictError(message);
const CLOSED: ReadonlySet<CaseFile['status']> = new Set(['referred', 'not_accepted', 'final']);

export const taskStage = (taskId: string): TaskStage => `task-${taskId}`;

export function convene(
  caseFile: CaseFile,
  meeting: { meetingType: string; date: string; departments: string[]; officials: string[] },
): JointReviewStep {
  if (CLOSED.has(caseFile.status)) {
    throw refuse({
      zh: '案件已結束，不能再召開會診。',
      en: 'The case is over; no joint review can be convened.',
    });
  }
  const reviewId = String((caseFile.jointReviews?.length ?? 0) + 1);
  const review: JointReview = { reviewId, ...meeting };
  return {
    next: { ...caseFile, jointReviews: [...(caseFile.jointReviews ?? []), review] },
    event: { type: 'joint_review_convened', data: { reviewId, ...meeting } },
    deadlines: [],
  };
}

/** The minutes: root cause, direction, decisions; a decision naming a department and a date is a task. */
export function recordMinutes(
  caseFile: CaseFile,
  reviewId: string,
  minutes: { rootCause: string; direction: string; decisions: Decision[] },
  on: string,
): JointReviewStep {
  const review = caseFile.jointReviews?.find((r) => r.reviewId === reviewId);
  if (!review)
    throw refuse({ zh: `沒有第 ${reviewId} 次會診。`, en: `There is no joint review ${reviewId}.` });
  if (review.minutes)
    throw refuse({ zh: '會診紀要已記錄。', en: 'The minutes of this review are already recorded.' });
  // A task due before the minutes would be overdue the moment it is set.
  const past = minutes.decisions.flatMap((decision, i) =>
    decision.dueDate && decision.dueDate < on
      ? [
          {
            field: `decisions.${i}.dueDate`,
            code: 'date_in_past',
            message: {
              zh: `任務期限不能早於今天（${on}）。`,
              en: `A task's due date cannot be before today (${on}).`,
            },
          },
        ]
      : [],
  );
  if (past.length) throw new ValidationError(past);
  const tasks: Task[] = minutes.decisions.flatMap((decision, i) =>
    decision.department && decision.dueDate
      ? [
          {
            taskId: `${reviewId}-${i + 1}`,
            reviewId,
            department: decision.department,
            text: decision.text,
            dueDate: decision.dueDate,
          },
        ]
      : [],
  );
  const deadlines = tasks.map((task) =>
    setting({
      stage: taskStage(task.taskId),
      owedBy: 'office',
      dueDate: task.dueDate,
      days: 0,
      unit: 'calendar',
      article: TASK_ARTICLE,
      startedBy: `joint_review_${reviewId}`,
      startedOn: on,
      department: task.department,
    } satisfies Deadline),
  );
  const next: CaseFile = {
    ...caseFile,
    jointReviews: (caseFile.jointReviews ?? []).map((r) =>
      r.reviewId === reviewId
        ? {
            ...r,
            minutes: {
              rootCause: minutes.rootCause,
              direction: minutes.direction,
              decisions: minutes.decisions.map((d) => d.text),
              recordedOn: on,
            },
          }
        : r,
    ),
    tasks: { ...caseFile.tasks, ...Object.fromEntries(tasks.map((t) => [t.taskId, t])) },
  };
  return {
    next: withDeadlines(next, deadlines),
    event: {
      type: 'joint_review_minutes',
      data: {
        reviewId,
        rootCause: minutes.rootCause,
        direction: minutes.direction,
        tasks: tasks.map((t) => t.taskId),
      },
    },
    deadlines,
  };
}

export function completeTask(
  caseFile: CaseFile,
  taskId: string,
  report: string,
  on: string,
): JointReviewStep {
  const task = caseFile.tasks?.[taskId];
  if (!task) throw refuse({ zh: `沒有任務 ${taskId}。`, en: `There is no task ${taskId}.` });
  if (task.done) throw refuse({ zh: '任務已完成。', en: 'The task is already done.' });
  const deadlines = met(caseFile, taskStage(taskId));
  const next: CaseFile = {
    ...caseFile,
    tasks: { ...caseFile.tasks, [taskId]: { ...task, done: { on, report } } },
  };
  return {
    next: withDeadlines(next, deadlines),
    event: {
      type: 'task_done',
      data: { taskId, department: task.department, report, onTime: on <= task.dueDate },
    },
    deadlines,
  };
}

export function openTasks(caseFile: CaseFile): Task[] {
  return Object.values(caseFile.tasks ?? {}).filter((t) => !t.done);
}
