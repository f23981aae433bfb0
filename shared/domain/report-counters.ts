// Which report counters each thing that happens moves (docs/data-model.md, counters). The
// procedure says what happened; this module, next to the reports that read them, names the
// counters: month buckets, a year's totals (the backlog drive), and CURRENT (what stands now).
import type { CaseFile } from './case.ts';
import type { StepResult } from './procedure.ts';

/** The bucket of what stands now (open cases per department), not of a period. */
export const CURRENT = 'CURRENT';

/**
 * Every report counter, by what it counts: the one list the changes write and the reports
 * read (a name typed wrong on either side does not compile). Stored as attribute names of the
 * counter items (docs/data-model.md, COUNTER).
 */
export const counters = {
  received: 'received',
  receivedFirstTime: 'received.first',
  receivedRepeat: 'received.repeat',
  registeredLate: 'received.late',
  receivedByChannel: (channel: string) => `received.channel.${channel}` as const,
  receivedByCategory: (category: string) => `received.category.${category}` as const,
  receivedByTownship: (township: string) => `received.township.${township}` as const,
  receivedByReferralLevel: (level: string) => `received.referral.${level}` as const,
  /** The bodies petitions complain about, for the annual report's "most complained about". */
  complainedAbout: (department: string) => `received.complainsAbout.${department}` as const,
  accepted: 'accepted',
  referred: 'referred',
  notAccepted: 'not_accepted',
  assignedTo: (department: string) => `assigned.department.${department}` as const,
  returnedBy: (department: string) => `returned.department.${department}` as const,
  /** CURRENT: cases open with a department. */
  openWith: (department: string) => `open.department.${department}` as const,
  extended: 'extended',
  opinionOutcome: (outcome: string) => `opinion.outcome.${outcome}` as const,
  opinionTimeliness: (department: string, onTime: boolean) =>
    `opinion.department.${department}.${onTime ? 'onTime' : 'late'}` as const,
  closed: 'closed',
  reviewRequested: 'review.requested',
  reviewOutcome: (outcome: string) => `review.outcome.${outcome}` as const,
  reReviewRequested: 're_review.requested',
  reReviewOutcome: (outcome: string) => `re_review.outcome.${outcome}` as const,
  final: 'final',
  rating: (rating: string) => `rating.${rating}` as const,
  /** The petitioner's rights over their data (PIPL arts. 44-47): copies given, requests asked and decided. */
  dataCopy: 'dataRights.copy',
  dataRequestAsked: (kind: string) => `dataRights.${kind}.asked` as const,
  dataRequestDecided: (kind: string, granted: boolean) =>
    `dataRights.${kind}.${granted ? 'granted' : 'refused'}` as const,
  /** Year buckets: the backlog drive. */
  backlogListed: 'backlog.listed',
  backlogResolved: 'backlog.resolved',
  /** CURRENT: office deadlines open after the supervisor was told (the overdue alarm's gauge). */
  standingOverdue: 'overdue.standing',
} as const;

type NameOf<T> = T extends (...args: never[]) => infer Name ? Name : T;
export type CounterName = NameOf<(typeof counters)[keyof typeof counters]>;

/** Counter totals of some buckets, by name. */
export type Totals = Partial<Record<CounterName, number>>;

/** The departments petitions complained about, and how often (codes read back from the names). */
export function complainedAbout(totals: Totals): Array<{ department: string; count: number }> {
  const prefix = counters.complainedAbout('');
  return Object.entries(totals).flatMap(([name, count]) =>
    name.startsWith(prefix) && count !== undefined ? [{ department: name.slice(prefix.length), count }] : [],
  );
}

/** The totals of several bucket reads, added up. */
export function sumOfTotals(all: Totals[]): Totals {
  const sum = new Map<string, number>();
  for (const totals of all) {
    for (const [name, count] of Object.entries(totals)) sum.set(name, (sum.get(name) ?? 0) + (count ?? 0));
  }
  return Object.fromEntries(sum);
}

/** Counters of one bucket: a month (YYYY-MM), a year (YYYY), or CURRENT. */
export interface CounterChange {
  bucket: string;
  add: CounterName[];
  /** Counters to take one from (CURRENT figures that fall when a case moves on). */
  subtract?: CounterName[];
}

/** What an intake adds to its month. */
export function intakeCounters(caseFile: CaseFile): CounterName[] {
  return [
    counters.received,
    counters.receivedFirstTime,
    counters.receivedByChannel(caseFile.channel),
    counters.receivedByCategory(caseFile.category),
    counters.receivedByTownship(caseFile.township),
    ...(caseFile.referral ? [counters.receivedByReferralLevel(caseFile.referral.level)] : []),
    ...(caseFile.lateRegistration ? [counters.registeredLate] : []),
    ...(caseFile.complainsAbout ?? []).map(counters.complainedAbout),
  ];
}

export const REPEAT_COUNTERS: CounterName[] = [counters.receivedRepeat];

/** What a step of the procedure moves, from the case before it and the step's own record. */
export function stepCounters(before: CaseFile, step: StepResult, month: string): CounterChange[] {
  const { transition: t } = step;
  const department = before.handlingDepartment ?? 'none';
  const inMonth = (...add: CounterName[]): CounterChange[] => (add.length ? [{ bucket: month, add }] : []);
  switch (t.action) {
    case 'accept':
      return inMonth(counters.accepted);
    case 'refer':
      return inMonth(counters.referred);
    case 'not_accept':
      return inMonth(counters.notAccepted);
    case 'assign':
      return [
        ...inMonth(counters.assignedTo(t.leadDepartment)),
        { bucket: CURRENT, add: [counters.openWith(t.leadDepartment)] },
      ];
    case 'return_misrouted':
      return [
        ...inMonth(counters.returnedBy(department)),
        { bucket: CURRENT, add: [], subtract: [counters.openWith(department)] },
      ];
    case 'extend':
      return inMonth(counters.extended);
    case 'issue_opinion': {
      // No longer open with the department (what is overdue is read from the open queue).
      return [
        ...inMonth(
          counters.opinionOutcome(t.outcome),
          counters.opinionTimeliness(department, step.onTime ?? true),
        ),
        {
          bucket: CURRENT,
          add: [],
          subtract: [counters.openWith(department)],
        },
        // A backlog case with its opinion counts as resolved for the year it was listed in.
        ...(before.backlog ? [{ bucket: String(before.backlog.year), add: [counters.backlogResolved] }] : []),
      ];
    }
    case 'record_receipt':
      return before.status === 'opinion_issued' ? inMonth(counters.closed) : [];
    case 'request_review':
      return inMonth(counters.reviewRequested);
    case 'request_re_review':
      return inMonth(counters.reReviewRequested);
    case 'issue_review_opinion':
      return inMonth(counters.reviewOutcome(t.outcome));
    case 'issue_re_review_opinion':
      return inMonth(counters.reReviewOutcome(t.outcome), counters.final);
    default:
      return [];
  }
}
