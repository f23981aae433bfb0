// The procedure as a state machine (信訪工作條例 2022, arts. 22-36): which step may follow
// which, what each step records, which deadline it meets and which it sets, and which
// notices the petitioner must get (report counters: report-counters.ts). Plain domain code.
import type { Bilingual } from '../errors.ts';
import { ConflictError } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import {
  acknowledgementDeadline,
  acknowledgementStages,
  type CaseFile,
  type CaseStatus,
  currentDeadlines,
  type Deadline,
  type DeadlineStage,
  deadlineFrom,
  type OpinionRecord,
  rescheduled,
} from './case.ts';
import { daysInclusive, dueDate, workingCalendar } from './clock.ts';
import type { Action, Transition } from './steps.ts';

export type { Action, Transition };

import type { NoticeType, Outcome, StaffNoticeType } from './procedure-terms.ts';

export { OUTCOMES, type Outcome, REFERRAL_PROCEDURES } from './procedure-terms.ts';

/** The handling opinion (處理意見書) and the review and re-review opinions share this shape. */
export interface Opinion {
  outcome: Outcome;
  request: string;
  facts: string;
  reasons: string;
  legalBasis: string;
  opinion: string;
  /** The case's files the written opinion encloses, by id. */
  enclosures?: string[] | undefined;
}

export const ACTIONS = [
  'accept',
  'refer',
  'not_accept',
  'assign',
  'return_misrouted',
  'extend',
  'issue_opinion',
  'record_receipt',
  'request_review',
  'issue_review_opinion',
  'request_re_review',
  'record_hearing',
  'issue_re_review_opinion',
] as const satisfies readonly Action[];

/** The steps each state allows, the usual next one first. Terminal states allow none. */
export const NEXT_STEPS: Record<CaseStatus, readonly Action[]> = {
  received: ['accept', 'refer', 'not_accept'],
  accepted: ['assign'],
  referred: [],
  not_accepted: [],
  assigned: ['issue_opinion', 'extend', 'return_misrouted'],
  opinion_issued: ['record_receipt'],
  closed: ['request_review'],
  review_requested: ['issue_review_opinion'],
  review_opinion_issued: ['record_receipt', 'request_re_review'],
  re_review_requested: ['issue_re_review_opinion', 'record_hearing'],
  final: [],
};

/** A deadline set (open) or met / no longer relevant (closed). */
export interface DeadlineChange {
  deadline: Deadline;
  open: boolean;
}

export interface StepResult {
  /** The step as asked (typed by action): what the counters read, never the event's data. */
  transition: Transition;
  /** An opinion given within its handling period (issue_opinion only). */
  onTime?: boolean;
  next: CaseFile;
  event: { type: string; data: Record<string, unknown> };
  deadlines: DeadlineChange[];
  notices: NoticeType[];
  /** Staff to tell (the departments a case was assigned to). */
  staffNotices?: StaffNoticeType[];
}

export class IllegalTransitionError extends ConflictError {
  override name = 'IllegalTransitionError';
  constructor(
    readonly status: CaseStatus,
    readonly action: string,
    readonly allowed: readonly Action[],
  ) {
    super({
      zh: `案件目前狀態為「${status}」，不能執行「${action}」。可執行：${allowed.join('、') || '無'}。`,
      en: `A case in state "${status}" cannot take "${action}". Allowed next steps: ${allowed.join(', ') || 'none'}.`,
    });
  }
}

const refuse = (message: Bilingual) => new ConflictError(message);

export function met(caseFile: CaseFile, stage: DeadlineStage): DeadlineChange[] {
  const current = caseFile.deadlines[stage];
  return current ? [{ deadline: current, open: false }] : [];
}

export const setting = (deadline: Deadline): DeadlineChange => ({ deadline, open: true });

/** Handling is over (or back at the bureau): no department still owes an acknowledgement. */
export const metAcknowledgements = (caseFile: CaseFile): DeadlineChange[] =>
  acknowledgementStages(caseFile).flatMap((stage) => met(caseFile, stage));

export function withDeadlines(caseFile: CaseFile, changes: DeadlineChange[]): CaseFile {
  const deadlines = { ...caseFile.deadlines };
  for (const { deadline, open } of changes) {
    if (open) deadlines[deadline.stage] = deadline;
    else delete deadlines[deadline.stage];
  }
  return { ...caseFile, deadlines };
}

function milestone(caseFile: CaseFile, step: string, on: string): CaseFile['milestones'] {
  return [...caseFile.milestones, { step, on }];
}

function opinionRecord(t: Opinion & { decidedBy?: string }, on: string): OpinionRecord {
  return {
    outcome: t.outcome,
    request: t.request,
    facts: t.facts,
    reasons: t.reasons,
    legalBasis: t.legalBasis,
    opinion: t.opinion,
    issuedOn: on,
    ...(t.decidedBy && { decidedBy: t.decidedBy }),
    ...(t.enclosures?.length && { enclosures: t.enclosures }),
  };
}

/**
 * Applies one step of the procedure on the given local date. Throws IllegalTransitionError
 * (with the allowed next steps) when the state does not allow it, and ConflictError when a
 * rule of the step is not met (a window passed, an extension already used).
 */
export function applyTransition(
  caseFile: CaseFile,
  t: Transition,
  on: string,
  region: RegionConfig,
): StepResult {
  const allowed = NEXT_STEPS[caseFile.status];
  if (!allowed.includes(t.action)) throw new IllegalTransitionError(caseFile.status, t.action, allowed);
  const to = (status: CaseStatus, extra: Partial<CaseFile> = {}): CaseFile => ({
    ...caseFile,
    ...extra,
    status,
    milestones: milestone(caseFile, status, on),
  });
  const result = (step: {
    next: CaseFile;
    data: Record<string, unknown>;
    deadlines: DeadlineChange[];
    notices?: NoticeType[];
    onTime?: boolean;
  }): StepResult => ({
    transition: t,
    ...(step.onTime !== undefined && { onTime: step.onTime }),
    next: withDeadlines(step.next, step.deadlines),
    event: { type: t.action, data: step.data },
    deadlines: step.deadlines,
    notices: step.notices ?? [],
  });
  const department = caseFile.handlingDepartment ?? 'none';

  switch (t.action) {
    case 'accept': {
      const handle = deadlineFrom('handle', 'accepted', on, region);
      return result({
        next: to('accepted', { acceptance: { plan: t.plan, on } }),
        data: { plan: t.plan },
        deadlines: [...met(caseFile, 'register'), setting(handle)],
        notices: ['accepted'],
      });
    }
    case 'refer':
      return result({
        next: to('referred', {
          referredTo: { procedure: t.procedure, where: t.where, reason: t.reason, on },
        }),
        data: { procedure: t.procedure, where: t.where, reason: t.reason },
        deadlines: met(caseFile, 'register'),
        notices: ['referred'],
      });
    case 'not_accept':
      return result({
        next: to('not_accepted', {
          notAccepted: { reason: t.reason, on, ...(t.routine && { routine: true }) },
        }),
        data: { reason: t.reason, ...(t.routine && { routine: true }) },
        deadlines: met(caseFile, 'register'),
        notices: ['not_accepted'],
      });
    case 'assign': {
      if (
        caseFile.complainsAbout?.includes(t.leadDepartment) ||
        t.assistingDepartments?.some((d) => caseFile.complainsAbout?.includes(d))
      ) {
        throw refuse({
          zh: '不得將案件交給被反映的部門辦理（《信訪工作條例》第30條）。',
          en: 'A case may not go to the department it complains about (art. 30).',
        });
      }
      const returnWindow = deadlineFrom('objectToTransfer', 'assigned', on, region);
      const acknowledgements = [t.leadDepartment, ...(t.assistingDepartments ?? [])].map((d) =>
        setting(acknowledgementDeadline(d, on, region)),
      );
      const assigned = result({
        next: to('assigned', {
          handlingDepartment: t.leadDepartment,
          assistingDepartments: t.assistingDepartments ?? [],
          assignedOn: on,
        }),
        data: { leadDepartment: t.leadDepartment, assistingDepartments: t.assistingDepartments ?? [] },
        deadlines: [setting(returnWindow), ...acknowledgements],
        // Art. 23: the petitioner is told where the case went; the departments are told at once.
        notices: ['transferred'],
      });
      return { ...assigned, staffNotices: ['assigned'] };
    }
    case 'return_misrouted': {
      const window = caseFile.deadlines.objectToTransfer;
      if (!window || on > window.dueDate) {
        throw refuse({
          zh: '退回錯送案件須在收到交辦後5個工作日內提出。',
          en: 'A misrouted case can be returned only within 5 working days of the transfer.',
        });
      }
      const { handlingDepartment: _, assistingDepartments: __, assignedOn: ___, ...rest } = caseFile;
      return result({
        next: { ...rest, status: 'accepted', milestones: milestone(caseFile, 'returned', on) },
        data: { department, reason: t.reason },
        deadlines: [{ deadline: window, open: false }, ...metAcknowledgements(caseFile)],
      });
    }
    case 'extend': {
      const handle = caseFile.deadlines.handle;
      if (!handle)
        throw refuse({ zh: '沒有可延長的辦理期限。', en: 'There is no handling deadline to extend.' });
      if (caseFile.extension) {
        throw refuse({ zh: '辦理期限只能延長一次。', en: 'The handling period can be extended only once.' });
      }
      const limit = deadlineFrom('extension', 'extended', on, region).days;
      if (t.days > limit) {
        throw refuse({ zh: `延長不得超過${limit}日。`, en: `An extension may not exceed ${limit} days.` });
      }
      const extended = rescheduled(
        handle,
        dueDate(
          handle.dueDate,
          { days: t.days, unit: 'calendar', article: handle.article },
          workingCalendar(region),
        ),
        { days: handle.days + t.days, article: deadlineFrom('extension', 'extended', on, region).article },
      );
      return result({
        next: {
          ...caseFile,
          extension: { days: t.days, reason: t.reason, on, previousDueDate: handle.dueDate },
        },
        data: { days: t.days, reason: t.reason, newDueDate: extended.dueDate },
        deadlines: [setting(extended)],
        notices: ['extended'],
      });
    }
    case 'issue_opinion': {
      const handle = caseFile.deadlines.handle;
      const onTime = !handle || on <= handle.dueDate;
      return result({
        next: to('opinion_issued', { opinion: opinionRecord(t, on) }),
        data: { outcome: t.outcome, onTime },
        onTime,
        deadlines: [
          ...met(caseFile, 'handle'),
          ...met(caseFile, 'objectToTransfer'),
          ...metAcknowledgements(caseFile),
        ],
        notices: ['opinion'],
      });
    }
    case 'record_receipt': {
      if (t.receivedOn > on) {
        throw refuse({ zh: '送達日期不能晚於今天。', en: 'The receipt date cannot be in the future.' });
      }
      if (caseFile.status === 'opinion_issued') {
        const window = deadlineFrom('requestReview', 'opinion_received', t.receivedOn, region);
        return result({
          next: to('closed', { opinionReceivedOn: t.receivedOn }),
          data: { receivedOn: t.receivedOn, of: 'opinion' },
          deadlines: [setting(window)],
        });
      }
      if (caseFile.reviewOpinionReceivedOn) {
        throw refuse({
          zh: '已登記復查意見送達。',
          en: 'Receipt of the review opinion is already recorded.',
        });
      }
      const window = deadlineFrom('requestReReview', 'review_opinion_received', t.receivedOn, region);
      return result({
        next: { ...caseFile, reviewOpinionReceivedOn: t.receivedOn },
        data: { receivedOn: t.receivedOn, of: 'review_opinion' },
        deadlines: [setting(window)],
      });
    }
    case 'request_review':
    case 'request_re_review': {
      const review = t.action === 'request_review';
      const window = caseFile.deadlines[review ? 'requestReview' : 'requestReReview'];
      if (!window) {
        throw refuse({
          zh: '須先登記意見送達日期。',
          en: 'Record the date the petitioner received the opinion first.',
        });
      }
      if (t.requestedOn > window.dueDate || t.requestedOn > on || t.requestedOn < window.startedOn) {
        throw refuse({
          zh: `申請須在收到意見後30日內（${window.dueDate}前）提出。`,
          en: `The request must be made within 30 days of receiving the opinion (by ${window.dueDate}).`,
        });
      }
      const answer = deadlineFrom(
        review ? 'answerReview' : 'answerReReview',
        t.action,
        t.requestedOn,
        region,
      );
      return result({
        next: to(review ? 'review_requested' : 're_review_requested'),
        data: { requestedOn: t.requestedOn, grounds: t.grounds },
        deadlines: [{ deadline: window, open: false }, setting(answer)],
      });
    }
    case 'record_hearing': {
      // Hearing time is not counted in the re-review period (art. 36): the clock pauses.
      const answer = caseFile.deadlines.answerReReview;
      if (!answer || t.to < t.from || t.to > on) {
        throw refuse({ zh: '聽證日期不正確。', en: 'The hearing dates are not valid (from ≤ to ≤ today).' });
      }
      const pausedDays = (answer.pausedDays ?? 0) + daysInclusive(t.from, t.to);
      const paused = rescheduled(
        answer,
        dueDate(
          answer.startedOn,
          { days: answer.days + pausedDays, unit: answer.unit, article: answer.article },
          workingCalendar(region),
        ),
        { pausedDays },
      );
      return result({
        next: { ...caseFile, hearings: [...(caseFile.hearings ?? []), { from: t.from, to: t.to }] },
        data: { from: t.from, to: t.to, pausedDays, newDueDate: paused.dueDate },
        deadlines: [setting(paused)],
      });
    }
    case 'issue_review_opinion':
      return result({
        next: to('review_opinion_issued', { reviewOpinion: opinionRecord(t, on) }),
        data: { outcome: t.outcome, decidedBy: t.decidedBy },
        deadlines: met(caseFile, 'answerReview'),
        notices: ['review_opinion'],
      });
    case 'issue_re_review_opinion':
      return result({
        next: to('final', { reReviewOpinion: opinionRecord(t, on) }),
        data: { outcome: t.outcome, decidedBy: t.decidedBy },
        deadlines: met(caseFile, 'answerReReview'),
        notices: ['re_review_opinion'],
      });
  }
}

/**
 * A duplicate joins another file (統一建檔): its own office deadlines stop running (kept, to
 * reopen if the link is undone), and its petitioner is told which file it joined.
 */
export function linkInto(duplicate: CaseFile, target: CaseFile, on: string) {
  const closed = currentDeadlines(duplicate).filter((d) => d.owedBy === 'office');
  const deadlines = closed.map((deadline) => ({ deadline, open: false }));
  const next = withDeadlines(
    {
      ...duplicate,
      duplicateOf: target.caseId,
      linkedInto: { caseId: target.caseId, receiptCode: target.receiptCode, on, closedDeadlines: closed },
      milestones: milestone(duplicate, 'linked', on),
    },
    deadlines,
  );
  const notices: NoticeType[] = ['linked'];
  return { next, deadlines, closedStages: closed.map((d) => d.stage), notices };
}

/** The link undone: the duplicate's own deadlines run again from where they were. */
export function unlink(duplicate: CaseFile, on: string) {
  const { duplicateOf: _, linkedInto, ...rest } = duplicate;
  const deadlines = (linkedInto?.closedDeadlines ?? []).map(setting);
  return {
    next: withDeadlines({ ...rest, milestones: milestone(duplicate, 'unlinked', on) }, deadlines),
    deadlines,
  };
}
