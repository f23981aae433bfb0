// Moving a case through the procedure, under object-level rules (the state machine decides).
import { authorize, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf, type PersonalRecord } from '../domain/case.ts';
import { noticesFor, staffNotices } from '../domain/notices.ts';
import { applyTransition, type Transition } from '../domain/procedure.ts';
import { stepCounters } from '../domain/report-counters.ts';
import { isOpinionStep } from '../domain/sign-off.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError, type FieldProblem, ValidationError } from '../errors.ts';
import { changeCasesWithPersonal } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

function versionCheck(current: CaseFile, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new ConflictError({
      zh: `案件已被他人更新（版本 ${current.version}），請重新整理後再操作。`,
      en: `The case changed meanwhile (now version ${current.version}); reload it and try again.`,
    });
  }
}

/** An opinion goes out only signed off by a leader: drafted at /opinion-drafts, never issued as a step. */
export const opinionNeedsSignOff = () =>
  new ConflictError({
    zh: '意见须经领导签发：请提交意见稿（POST /cases/{id}/opinion-drafts），由领导签发后发出。',
    en: 'An opinion goes out only once a leader signs it off: submit it as a draft (POST /cases/{id}/opinion-drafts).',
  });

/**
 * Primary course:
 * 1. Read the case (and, for the notices, the petitioner's contact details).
 * 2. Check that this person may take this step on this case.
 * 3. Apply the step: the state machine refuses an illegal one with the allowed next steps.
 * 4. Write the new case, its timeline event, deadlines, counters and notices in one
 *    transaction guarded by the case's version; a lost race starts again from 1.
 * Exception: an opinion step is refused (409); it is drafted and signed off instead.
 */
export async function takeStep(
  ctx: UseCaseContext,
  caseId: string,
  transition: Transition,
  staff: Staff,
  expectedVersion?: number,
): Promise<CaseFile> {
  if (isOpinionStep(transition)) throw opinionNeedsSignOff();
  const [updated] = await changeCasesWithPersonal(ctx, [caseId], ([caseFile], [personal]) => {
    authorize(staff, caseFile, transition.action);
    versionCheck(caseFile, expectedVersion);
    return [stepPlan(ctx, caseFile, personal, transition, staff, [])];
  });
  return updated;
}

/** One step applied to the case: the new case, its event, deadlines, counters and notices. */
export function stepPlan(
  ctx: UseCaseContext,
  caseFile: CaseFile,
  personal: PersonalRecord,
  transition: Transition,
  actor: Staff,
  enclosures: Array<{ attachmentId: string; name: string }>,
) {
  const { region } = ctx.config;
  const now = ctx.now();
  const on = localDateOf(now, region);
  const step = applyTransition(caseFile, transition, on, region);
  const { action: _, ...details } = transition;
  // What the state machine decided is the record: a request field never overwrites it.
  return {
    step,
    next: step.next,
    events: [{ type: step.event.type, actor: actorOf(actor), data: { ...details, ...step.event.data } }],
    deadlines: step.deadlines,
    counters: stepCounters(caseFile, step, on.slice(0, 7)),
    notify: (written: CaseFile) => [
      // The written opinion lists the files it encloses.
      ...noticesFor(step.notices, written, personal, region, now.toISOString()).map((notice) =>
        enclosures.length ? { ...notice, enclosures } : notice,
      ),
      ...(step.staffNotices ?? []).flatMap((type) => staffNotices(type, written, region, now.toISOString())),
    ],
  };
}

/**
 * The files an opinion step encloses, each an available file of the case, named as uploaded;
 * any other id is refused by its field. None for other steps.
 */
export async function enclosed(ctx: UseCaseContext, caseId: string, transition: Transition) {
  const ids = 'enclosures' in transition ? (transition.enclosures ?? []) : [];
  if (!ids.length) return [];
  const files = await ctx.store.attachments.list(caseId);
  const problems: FieldProblem[] = [];
  const found = ids.flatMap((id, i) => {
    const file = files.find((f) => f.attachmentId === id && f.state === 'available');
    if (!file)
      problems.push({
        field: `enclosures.${i}`,
        code: 'not_available',
        message: {
          zh: `附件 ${id} 不屬於此案件或尚未通過檢查。`,
          en: `File ${id} is not one of the case's checked files.`,
        },
      });
    return file ? [{ attachmentId: file.attachmentId, name: file.name }] : [];
  });
  if (problems.length) throw new ValidationError(problems);
  return found;
}
