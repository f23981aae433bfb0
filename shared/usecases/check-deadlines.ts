// The scheduled deadline check (督辦): reads only deadlines with a level still to record from
// the sparse due index (one the supervisor has been told of has left it), and records each
// escalation level once per deadline and due date.
import type { CaseFile, Deadline, PersonalRecord } from '../domain/case.ts';
import { currentDeadlines, localDateOf } from '../domain/case.ts';
import {
  checkHorizon,
  daysLate,
  type EscalationLevel,
  escalationRecipients,
  escalationText,
  levelsToRecord,
  OVERDUE_METRIC,
  type ProgressMark,
  progressMarksToRecord,
} from '../domain/escalation.ts';
import { type Notice, noticesFor } from '../domain/notices.ts';
import { CURRENT, counters } from '../domain/report-counters.ts';
import { ConflictError } from '../errors.ts';
import { logger } from '../logger.ts';
import { type CasePlan, changeCases, changeCasesWithPersonal, RecordExistsError } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import type { DueDeadline } from './ports.ts';

export interface DeadlineCheckResult {
  today: string;
  /** False for a preview: what the check would record on `today`, with nothing written. */
  recorded: boolean;
  itemsRead: number;
  deadlinesDue: number;
  /** Open office deadlines the supervisor has been told of, as the run leaves them (the alarm's gauge). */
  overdue: number;
  escalations: number;
  alreadyRecorded: number;
  /** Progress notices to petitioners (halfway through a handling period, a stage overdue). */
  progressNotices: number;
  /** The levels and progress marks reached on `today` and not yet recorded, per deadline (what a run records). */
  levels: Array<{
    caseId: string;
    stage: string;
    dueDate: string;
    levels: EscalationLevel[];
    marks: ProgressMark[];
    daysLate: number;
  }>;
}

/** A run as of another day: a preview unless `record` (allowed only where the clock may be moved). */
export interface CheckOptions {
  asOf?: string;
  record?: boolean;
}

/** The decision found nothing left to do (met meanwhile, or recorded by a concurrent run). */
class NothingToRecord extends Error {
  override name = 'NothingToRecord';
}

/**
 * Primary course:
 * 1. Query the due index for office deadlines due by today + the reminder lead (no scan):
 *    those the supervisor was told of are not in it; the overdue gauge is a counter.
 * 2. For each, work out the ladder levels reached and not yet recorded.
 * 3. Record them on the case in one transaction each: the deadline's recorded levels, an
 *    `escalated` timeline event per level, a once-only escalation record per level, and a
 *    notice per recipient in the outbox. A concurrent or repeated run finds the record and
 *    skips; a crash leaves each deadline either fully recorded or not at all.
 */
export async function checkDeadlines(
  ctx: UseCaseContext,
  options: CheckOptions = {},
): Promise<DeadlineCheckResult> {
  const { region } = ctx.config;
  const realToday = localDateOf(ctx.now(), region);
  const today = options.asOf ?? realToday;
  const record = options.record ?? today === realToday;
  if (record && today !== realToday && ctx.config.ALLOW_CLOCK_OVERRIDE !== 'true') {
    throw new ConflictError({
      zh: '只能預覽其他日期的督辦檢查；記錄僅限今天。',
      en: 'A check as of another day is a preview only here; only today can be recorded.',
    });
  }
  const [{ deadlines, itemsRead }, gauge] = await Promise.all([
    ctx.store.queries.dueBy(checkHorizon(today, region)),
    ctx.store.counters.read([CURRENT]),
  ]);
  const result: DeadlineCheckResult = {
    today,
    recorded: record,
    itemsRead,
    deadlinesDue: 0,
    overdue: gauge.totals[counters.standingOverdue] ?? 0,
    escalations: 0,
    progressNotices: 0,
    alreadyRecorded: 0,
    levels: [],
  };
  for (const due of deadlines) {
    const levels = levelsToRecord(due, today, region);
    const marks = progressMarksToRecord(due, today);
    if (levels.length === 0 && marks.length === 0) continue;
    result.deadlinesDue++;
    result.levels.push({
      caseId: due.caseId,
      stage: due.stage,
      dueDate: due.dueDate,
      levels,
      marks,
      daysLate: daysLate(due.dueDate, today),
    });
    if (!record) continue;
    try {
      const recorded = await escalate(ctx, due, today);
      result.escalations += recorded.levels;
      result.progressNotices += recorded.marks;
    } catch (error) {
      if (error instanceof NothingToRecord || error instanceof RecordExistsError) result.alreadyRecorded++;
      else throw error;
    }
  }
  if (record) {
    // The gauge as this run leaves it, when the run told the supervisor of anything.
    if (result.escalations && result.levels.some((d) => d.levels.includes('overdue'))) {
      result.overdue = (await ctx.store.counters.read([CURRENT])).totals[counters.standingOverdue] ?? 0;
    }
    logger.metric(OVERDUE_METRIC, result.overdue, { jurisdiction: region.region.code });
  }
  return result;
}

async function escalate(
  ctx: UseCaseContext,
  due: DueDeadline,
  today: string,
): Promise<{ levels: number; marks: number }> {
  const { region } = ctx.config;
  const recorded = { levels: 0, marks: 0 };
  const plan = (caseFile: CaseFile, personal: PersonalRecord | undefined): CasePlan[] => {
    const deadline = currentDeadlines(caseFile).find((d) => d.stage === due.stage);
    // Met or moved since the index was read: the case is the authority.
    if (!deadline || deadline.dueDate !== due.dueDate || deadline.owedBy !== 'office')
      throw new NothingToRecord();
    const levels = levelsToRecord(deadline, today, region);
    // A mark reached since the index was read waits for the next run, which reads the petitioner.
    const marks = personal ? progressMarksToRecord(deadline, today) : [];
    if (levels.length === 0 && marks.length === 0) throw new NothingToRecord();
    recorded.levels = levels.length;
    recorded.marks = marks.length;
    const updated: Deadline = {
      ...deadline,
      escalated: [...(deadline.escalated ?? []), ...levels, ...marks],
    };
    const at = ctx.now().toISOString();
    const system = { kind: 'system' as const, id: 'deadline-check' };
    return [
      {
        next: { ...caseFile, deadlines: { ...caseFile.deadlines, [deadline.stage]: updated } },
        events: [
          ...levels.map((level) => ({
            type: 'escalated',
            actor: system,
            data: { stage: deadline.stage, level, dueDate: deadline.dueDate, article: deadline.article },
          })),
          ...marks.map((mark) => ({
            type: 'progress_notice',
            actor: system,
            data: { stage: deadline.stage, mark, dueDate: deadline.dueDate, article: deadline.article },
          })),
        ],
        deadlines: [{ deadline: updated, open: true }],
        onceOnly: levels.map((level) => ({
          escalation: {
            caseId: caseFile.caseId,
            stage: deadline.stage,
            dueDate: deadline.dueDate,
            level,
            on: today,
            at,
          },
        })),
        notify: (written) => [
          ...levels.flatMap((level) => noticesOf(level, written, deadline, today, at)),
          // One progress notice per run to each addressee, whichever marks it records.
          ...(personal && marks.length ? noticesFor(['progress'], written, personal, region, at) : []),
        ],
      },
    ];
  };
  // The petitioner's record is read only for a progress notice: a ladder level tells staff.
  if (progressMarksToRecord(due, today).length)
    await changeCasesWithPersonal(ctx, [due.caseId], ([caseFile], [personal]) => plan(caseFile, personal));
  else await changeCases(ctx, [due.caseId], ([caseFile]) => plan(caseFile, undefined));
  return recorded;

  function noticesOf(
    level: EscalationLevel,
    caseFile: CaseFile,
    deadline: Deadline,
    on: string,
    at: string,
  ): Notice[] {
    return escalationRecipients(level, caseFile, deadline, region).map((recipient, i) => ({
      noticeId: `${String(caseFile.eventSeq).padStart(6, '0')}-escalation-${deadline.stage}-${level}-${i}`,
      caseId: caseFile.caseId,
      type: 'escalation',
      recipient,
      text: escalationText(level, caseFile, deadline, on),
      state: 'pending',
      attempts: 0,
      createdAt: at,
    }));
  }
}
