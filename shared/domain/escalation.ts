// The escalation ladder (督辦) of the deadline check: a reminder to whoever handles the case
// some days before, the department head and the owner at the deadline, the bureau supervisor
// once it is overdue by some days. Each level is recorded once per deadline and due date.
import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import type { CaseFile, Deadline } from './case.ts';
import { addDays } from './clock.ts';
import type { Recipient } from './notices.ts';

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

const STAGE_LABELS: Record<string, Bilingual> = {
  register: { zh: '登記轉送', en: 'registering and routing' },
  accept: { zh: '受理告知', en: 'deciding acceptance' },
  handle: { zh: '出具處理意見', en: 'issuing the handling opinion' },
  answerReview: { zh: '出具復查意見', en: 'answering the review' },
  answerReReview: { zh: '出具復核意見', en: 'answering the re-review' },
};

/** Who hears of each level: the handler first, then the head and owner, then the supervisor. */
export function escalationRecipients(
  level: EscalationLevel,
  caseFile: CaseFile,
  deadline: Pick<Deadline, 'department'>,
  region: RegionConfig,
): Recipient[] {
  // A joint review's task is owed by its own department; a stage by the handling department.
  const owedBy = deadline.department ?? caseFile.handlingDepartment;
  const department = owedBy ? region.departments.find((d) => d.code === owedBy) : undefined;
  const handler: Recipient = department
    ? { kind: 'staff', to: `department:${department.code}`, name: department.name }
    : { kind: 'staff', to: 'role:clerk', name: { zh: '信訪局登記窗口', en: 'Petition bureau intake desk' } };
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
