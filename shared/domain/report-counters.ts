// Which report counters each thing that happens moves (docs/data-model.md, counters). The
// procedure says what happened; this module, next to the reports that read them, names the
// counters: month buckets, a year's totals (the backlog drive), and CURRENT (what stands now).
import type { CaseFile } from './case.ts';
import type { StepResult } from './procedure.ts';

/** The bucket of what stands now (open cases per department), not of a period. */
export const CURRENT = 'CURRENT';

/** CURRENT: office deadlines open after the supervisor was told (the overdue alarm's gauge). */
export const STANDING_OVERDUE = 'overdue.standing';

/** Counters of one bucket: a month (YYYY-MM), a year (YYYY), or CURRENT. */
export interface CounterChange {
  bucket: string;
  add: string[];
  /** Counters to take one from (CURRENT figures that fall when a case moves on). */
  subtract?: string[];
}

/** What an intake adds to its month. */
export function intakeCounters(caseFile: CaseFile): string[] {
  return [
    'received',
    'received.first',
    `received.channel.${caseFile.channel}`,
    `received.category.${caseFile.category}`,
    `received.township.${caseFile.township}`,
    ...(caseFile.referral ? [`received.referral.${caseFile.referral.level}`] : []),
    ...(caseFile.lateRegistration ? ['received.late'] : []),
    // The bodies petitions complain about, for the annual report's "most complained about".
    ...(caseFile.complainsAbout ?? []).map((department) => `received.complainsAbout.${department}`),
  ];
}

export const REPEAT_COUNTERS = ['received.repeat'];

/** What a step of the procedure moves, from the case before it and the step's own record. */
export function stepCounters(before: CaseFile, step: StepResult, month: string): CounterChange[] {
  const data = step.event.data;
  const department = before.handlingDepartment ?? 'none';
  const inMonth = (...add: string[]): CounterChange[] => (add.length ? [{ bucket: month, add }] : []);
  switch (step.event.type) {
    case 'accept':
      return inMonth('accepted');
    case 'refer':
      return inMonth('referred');
    case 'not_accept':
      return inMonth('not_accepted');
    case 'assign':
      return [
        ...inMonth(`assigned.department.${data.leadDepartment}`),
        { bucket: CURRENT, add: [`open.department.${data.leadDepartment}`] },
      ];
    case 'return_misrouted':
      return [
        ...inMonth(`returned.department.${department}`),
        { bucket: CURRENT, add: [], subtract: [`open.department.${department}`] },
      ];
    case 'extend':
      return inMonth('extended');
    case 'issue_opinion': {
      // No longer open with the department (what is overdue is read from the open queue).
      return [
        ...inMonth(
          `opinion.outcome.${data.outcome}`,
          `opinion.department.${department}.${data.onTime ? 'onTime' : 'late'}`,
        ),
        {
          bucket: CURRENT,
          add: [],
          subtract: [`open.department.${department}`],
        },
        // A backlog case with its opinion counts as resolved for the year it was listed in.
        ...(before.backlog ? [{ bucket: String(before.backlog.year), add: ['backlog.resolved'] }] : []),
      ];
    }
    case 'record_receipt':
      return before.status === 'opinion_issued' ? inMonth('closed') : [];
    case 'request_review':
      return inMonth('review.requested');
    case 'request_re_review':
      return inMonth('re_review.requested');
    case 'issue_review_opinion':
      return inMonth(`review.outcome.${data.outcome}`);
    case 'issue_re_review_opinion':
      return inMonth(`re_review.outcome.${data.outcome}`, 'final');
    default:
      return [];
  }
}
