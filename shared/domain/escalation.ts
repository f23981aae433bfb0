// The escalation ladder (督辦) of the deadline check: a reminder to whoever handles the case
// some days before, the department head and the owner at the deadline, the bureau supervisor
// once it is overdue by some days. Each level is recorded once per deadline and due date.
import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import type { CaseFile, Deadline } from './case.ts';
import { addDays } from './clock.ts';
import type { Recipient } from './notices.ts';
import { STAGE_LABELS } from './procedure-terms.ts';

export const ESCALATION_LEVELS = ['reminder', 'due', 'overdue'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * An office deadline the check still has a level to record for: once the supervisor has been
 * told, it leaves the check's index (a standing overdue deadline costs the sweep nothing).
 */
export function awaitsEscalation(deadline: Pick<Deadline, 'owedBy' | 'escalated'>): boolean {
  return deadline.owedBy === 'office' && !deadline.escalated?.includes('overdue');
}

/** The case's open deadlines the supervisor has been told of: the overdue gauge counts them. */
export function standingOverdue(caseFile: Pick<CaseFile, 'deadlines'>): number {
  return Object.values(caseFile.deadlines).filter(
    (deadline) => deadline?.owedBy === 'office' && deadline.escalated?.includes('overdue'),
  ).length;
}

export const DEFAULT_LADDER = { remindDaysBefore: 3, supervisorAfterDays: 5 };

/** The metric the check publishes (CloudWatch embedded metric format) for the overdue alarm. */
export const OVERDUE_METRIC = { namespace: 'PetitionDesk', name: 'OverdueDeadlines' };

export function ladderOf(region: RegionConfig) {
  return { ...DEFAULT_LADDER, ...region.escalation };
}

/** The last due date the check must read to catch every reminder due today. */
export function checkHorizon(today: string, region: RegionConfig): string {
  return addDays(today, ladderOf(region).remindDaysBefore);
}

/**
 * The levels a deadline has reached today and that were not recorded yet. Once the deadline
 * itself has come, a reminder is no longer sent.
 */
export function levelsToRecord(
  deadline: Pick<Deadline, 'dueDate' | 'escalated'>,
  today: string,
  region: RegionConfig,
) {
  const ladder = ladderOf(region);
  const reached: EscalationLevel[] = [];
  if (today >= addDays(deadline.dueDate, ladder.supervisorAfterDays)) reached.push('overdue');
  if (today >= deadline.dueDate) reached.push('due');
  else if (today >= addDays(deadline.dueDate, -ladder.remindDaysBefore)) reached.push('reminder');
  const done = new Set(deadline.escalated ?? []);
  return reached.filter((level) => !done.has(level)).reverse();
}

/** Whole days from the due date to `today`: 0 on the day, negative before it. */
export function daysLate(dueDate: string, today: string): number {
  return Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
}

/** Who hears of each level: the handler first, then the head and owner, then the supervisor. */
export function escalationRecipients(
  level: EscalationLevel,
  caseFile: CaseFile,
  deadline: Pick<Deadline, 'department' | 'stage'>,
  region: RegionConfig,
): Recipient[] {
  // A joint review's task is owed by its own department; a stage by the handling department.
  const owedBy = deadline.department ?? caseFile.handlingDepartment;
  const department = owedBy ? region.departments.find((d) => d.code === owedBy) : undefined;
  const handler: Recipient = department
    ? { kind: 'staff', to: `department:${department.code}`, name: department.name }
    : { kind: 'staff', to: 'role:clerk', name: { zh: '信訪局登記窗口', en: 'Petition bureau intake desk' } };
  // A draft waiting for sign-off is the leaders' to sign: the one its gravity names hears first.
  if (deadline.stage === 'signOff' && level === 'reminder') {
    const head = caseFile.gravity === 'major';
    return [
      {
        kind: 'staff',
        to: `role:${head ? 'head' : 'deputy_head'}`,
        name: head ? { zh: '主要領導', en: 'The head' } : { zh: '分管領導', en: 'The leader in charge' },
      },
    ];
  }
  const owner = caseFile.ownerId ? region.officials.find((o) => o.id === caseFile.ownerId) : undefined;
  const supervisor: Recipient = {
    kind: 'staff',
    to: 'role:supervisor',
    name: { zh: '信訪局督查督辦', en: 'Bureau supervisor' },
  };
  switch (level) {
    case 'reminder':
      return [handler];
    case 'due':
      return [
        department
          ? { kind: 'staff', to: `department-head:${department.code}`, name: department.name }
          : supervisor,
        ...(owner
          ? [{ kind: 'staff' as const, to: `official:${owner.id}`, name: { zh: owner.name, en: owner.name } }]
          : []),
      ];
    case 'overdue':
      return [supervisor];
  }
}

export function escalationText(
  level: EscalationLevel,
  caseFile: CaseFile,
  deadline: Pick<Deadline, 'stage' | 'dueDate' | 'article'>,
  today: string,
): Bilingual {
  const stage =
    STAGE_LABELS[deadline.stage] ??
    (deadline.stage.startsWith('task-')
      ? { zh: `會診任務 ${deadline.stage.slice(5)}`, en: `joint review task ${deadline.stage.slice(5)}` }
      : deadline.stage.startsWith('ack-')
        ? { zh: '簽收交辦案件', en: 'acknowledging the assigned case' }
        : { zh: deadline.stage, en: deadline.stage });
  const what = {
    zh: `案件 ${caseFile.caseId}「${caseFile.subject}」的${stage.zh}期限為 ${deadline.dueDate}（${deadline.article}）`,
    en: `Case ${caseFile.caseId} "${caseFile.subject}": the deadline for ${stage.en} is ${deadline.dueDate} (${deadline.article})`,
  };
  const overdueDays = daysLate(deadline.dueDate, today);
  switch (level) {
    case 'reminder':
      return {
        zh: `提醒：${what.zh}，尚餘 ${-overdueDays} 日，請按期辦理。`,
        en: `Reminder: ${what.en}, ${-overdueDays} days from now; please act in time.`,
      };
    case 'due':
      // The first run after a missed date records this level late: it says so, never "today".
      return overdueDays === 0
        ? { zh: `到期：${what.zh}，今日到期。`, en: `Due: ${what.en}, which is today.` }
        : {
            zh: `已到期未辦：${what.zh}，已逾期 ${overdueDays} 日。`,
            en: `Missed: ${what.en}, now ${overdueDays} days late.`,
          };
    case 'overdue':
      return {
        zh: `督辦：${what.zh}，已逾期 ${overdueDays} 日，請督促辦理。`,
        en: `Overdue: ${what.en}, now ${overdueDays} days late; please follow up.`,
      };
  }
}

/**
 * Progress marks (進展告知): the petitioner hears from the office when a handling period passes
 * its halfway mark without an opinion, and whenever a stage the office owes them falls
 * overdue, once per mark (recorded beside the ladder's levels on the deadline).
 */
export const PROGRESS_MARKS = ['halfway', 'late'] as const;
export type ProgressMark = (typeof PROGRESS_MARKS)[number];

/** The stages the office owes the petitioner (internal ones, acknowledgements, tasks, sign-off, are not theirs to hear of). */
const OWED_TO_PETITIONER: ReadonlySet<string> = new Set([
  'register',
  'accept',
  'handle',
  'answerReview',
  'answerReReview',
]);

/** The day a handling period has passed its halfway mark: day 31 of 60 (none for other stages). */
export function halfwayOf(
  deadline: Pick<Deadline, 'stage' | 'startedOn' | 'days' | 'unit'>,
): string | undefined {
  if (deadline.stage !== 'handle' || deadline.unit !== 'calendar') return undefined;
  return addDays(deadline.startedOn, Math.floor(deadline.days / 2) + 1);
}

/** The marks a deadline has reached today and that were not recorded yet. */
export function progressMarksToRecord(
  deadline: Pick<Deadline, 'stage' | 'startedOn' | 'days' | 'unit' | 'dueDate' | 'escalated' | 'owedBy'>,
  today: string,
): ProgressMark[] {
  if (deadline.owedBy !== 'office' || !OWED_TO_PETITIONER.has(deadline.stage)) return [];
  const done = new Set(deadline.escalated ?? []);
  const halfway = halfwayOf(deadline);
  const reached: ProgressMark[] = [
    ...(halfway && today >= halfway && today <= deadline.dueDate ? (['halfway'] as const) : []),
    ...(today > deadline.dueDate ? (['late'] as const) : []),
  ];
  return reached.filter((mark) => !done.has(mark));
}

/**
 * The date the check must first read a deadline on: its halfway mark while that is still to
 * come, else its due date (the check reads due dates up to today and the reminder lead).
 */
export function checkDateOf(
  deadline: Pick<Deadline, 'stage' | 'startedOn' | 'days' | 'unit' | 'dueDate' | 'escalated'>,
): string {
  const halfway = halfwayOf(deadline);
  return halfway && halfway < deadline.dueDate && !deadline.escalated?.includes('halfway')
    ? halfway
    : deadline.dueDate;
}

/** An open office deadline as the due index holds it: enough to work out its levels and marks. */
export type DueDeadline = Pick<
  Deadline,
  'stage' | 'dueDate' | 'escalated' | 'startedOn' | 'days' | 'unit' | 'owedBy'
> & {
  caseId: string;
};

/** A deadline as the due index gives it to the check, the same from either store. */
export function dueDeadlineOf(caseId: string, d: Deadline): DueDeadline {
  return {
    caseId,
    stage: d.stage,
    dueDate: d.dueDate,
    startedOn: d.startedOn,
    days: d.days,
    unit: d.unit,
    owedBy: d.owedBy,
    ...(d.escalated && { escalated: [...d.escalated] }),
  };
}
