// Moving a case through the procedure, and its ownership (包案), under object-level rules.
import { authorize, maskPersonal, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf } from '../domain/case.ts';
import { noticesFor, staffNotices } from '../domain/notices.ts';
import { applyTransition, type Transition } from '../domain/procedure.ts';
import { stepCounters } from '../domain/report-counters.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError } from '../errors.ts';
import { caseNotFound, changeCases, changeCasesWithPersonal } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import { readsPersonalData } from './personal-reads.ts';

function versionCheck(current: CaseFile, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new ConflictError({
      zh: `案件已被他人更新（版本 ${current.version}），請重新整理後再操作。`,
      en: `The case changed meanwhile (now version ${current.version}); reload it and try again.`,
    });
  }
}

/**
 * Primary course:
 * 1. Read the case (and, for the notices, the petitioner's contact details).
 * 2. Check that this person may take this step on this case.
 * 3. Apply the step: the state machine refuses an illegal one with the allowed next steps.
 * 4. Write the new case, its timeline event, deadlines, counters and notices in one
 *    transaction guarded by the case's version; a lost race starts again from 1.
 */
export async function takeStep(
  ctx: UseCaseContext,
  caseId: string,
  transition: Transition,
  staff: Staff,
  expectedVersion?: number,
): Promise<CaseFile> {
  const { region } = ctx.config;
  const [updated] = await changeCasesWithPersonal(ctx, [caseId], ([caseFile], [personal]) => {
    authorize(staff, caseFile, transition.action);
    versionCheck(caseFile, expectedVersion);
    const now = ctx.now();
    const on = localDateOf(now, region);
    const step = applyTransition(caseFile, transition, on, region);
    const { action: _, ...details } = transition;
    // What the state machine decided is the record: a request field never overwrites it.
    return [
      {
        next: step.next,
        events: [{ type: step.event.type, actor: actorOf(staff), data: { ...details, ...step.event.data } }],
        deadlines: step.deadlines,
        counters: stepCounters(caseFile, step, on.slice(0, 7)),
        notify: (written: CaseFile) => [
          ...noticesFor(step.notices, written, personal, region, now.toISOString()),
          ...(step.staffNotices ?? []).flatMap((type) =>
            staffNotices(type, written, region, now.toISOString()),
          ),
        ],
      },
    ];
  });
  return updated;
}

/** An official takes a case on as its owner (自選包案); refused if it has one. */
export async function claimCase(ctx: UseCaseContext, caseId: string, staff: Staff): Promise<CaseFile> {
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'claim');
    if (caseFile.ownerId) throw ownerLocked(caseFile);
    return [
      {
        next: { ...caseFile, ownerId: staff.officialId as string },
        events: [{ type: 'owner_claimed', actor: actorOf(staff), data: { ownerId: staff.officialId } }],
      },
    ];
  });
  return updated;
}

const ownerLocked = (caseFile: CaseFile) =>
  new ConflictError({
    zh: `案件已由 ${caseFile.ownerId} 包案，案結前不更換包案領導；確需更換須由督辦人員說明理由。`,
    en: `The case is owned by ${caseFile.ownerId}; the owner stays until it is resolved, unless a supervisor forces a change with a reason.`,
  });

const RESOLVED: ReadonlySet<CaseFile['status']> = new Set(['closed', 'final', 'referred', 'not_accepted']);

/**
 * A supervisor names the owner. Naming one where there is none is an assignment; replacing
 * an owner before the case is resolved is a forced change and needs a reason.
 */
export async function assignOwner(
  ctx: UseCaseContext,
  caseId: string,
  officialId: string,
  reason: string | undefined,
  staff: Staff,
): Promise<CaseFile> {
  if (!ctx.config.region.officials.some((o) => o.id === officialId)) {
    throw new ConflictError({ zh: `沒有官員 ${officialId}。`, en: `There is no official ${officialId}.` });
  }
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'assign_owner');
    if ((caseFile.recusals ?? []).includes(officialId)) {
      throw new ConflictError({
        zh: `${officialId} 已申明迴避，不能包案。`,
        en: `${officialId} declared an interest and cannot own this case.`,
      });
    }
    const forced = caseFile.ownerId !== undefined && !RESOLVED.has(caseFile.status);
    if (forced && !reason) throw ownerLocked(caseFile);
    return [
      {
        next: { ...caseFile, ownerId: officialId },
        events: [
          {
            type: caseFile.ownerId ? 'owner_changed' : 'owner_assigned',
            actor: actorOf(staff),
            data: {
              ownerId: officialId,
              previousOwnerId: caseFile.ownerId ?? null,
              forced,
              reason: reason ?? null,
            },
          },
        ],
      },
    ];
  });
  return updated;
}

/** The owner's instruction (批示), on the timeline for the handling departments to see. */
export async function instruct(
  ctx: UseCaseContext,
  caseId: string,
  text: string,
  staff: Staff,
): Promise<CaseFile> {
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'instruct');
    return [{ next: caseFile, events: [{ type: 'instruction', actor: actorOf(staff), data: { text } }] }];
  });
  return updated;
}

/**
 * Declares an interest (迴避). Anyone may declare their own; a supervisor may record anyone's.
 * The owner cannot step aside by declaration alone: a supervisor changes the owner first.
 */
export async function recuse(
  ctx: UseCaseContext,
  caseId: string,
  who: string,
  reason: string,
  staff: Staff,
): Promise<CaseFile> {
  const own = who === staff.sub || who === staff.officialId;
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'recuse');
    if (!own && !staff.roles.includes('supervisor')) {
      throw new ConflictError({ zh: '只能申明本人迴避。', en: 'You can declare only your own interest.' });
    }
    if (caseFile.ownerId === who) {
      throw new ConflictError({
        zh: '包案領導須先由督辦人員更換，才能登記迴避。',
        en: 'A supervisor must change the owner before the owner can be recused.',
      });
    }
    if ((caseFile.recusals ?? []).includes(who)) return [{ next: caseFile, events: [] }];
    return [
      {
        next: { ...caseFile, recusals: [...(caseFile.recusals ?? []), who] },
        events: [{ type: 'recusal', actor: actorOf(staff), data: { who, reason } }],
      },
    ];
  });
  return updated;
}

/**
 * The case file as this person may see it: hidden entirely from a department it complains
 * about, personal data masked unless the role needs it, and every unmasked read recorded.
 */
export async function readCaseAs(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const partition = await ctx.store.cases.whole(caseId);
  if (!partition) throw caseNotFound(caseId);
  authorize(staff, partition.caseFile, 'read');
  const unmasked = await readsPersonalData(ctx, partition.caseFile, staff, Boolean(partition.personal));
  // The same person's other files (the petitioner index), for those who may know who it is.
  const otherFiles = unmasked ? await otherFilesOf(ctx, caseId) : null;
  return {
    ...partition,
    personal: partition.personal && (unmasked ? partition.personal : maskPersonal(partition.personal)),
    personalMasked: !unmasked,
    otherFiles,
  };
}

/** The petitioner's other case files, newest first. */
export async function otherFilesOf(ctx: UseCaseContext, caseId: string, hashes?: string[]) {
  const files = await ctx.store.queries.casesOfPetitioner(
    hashes ?? (await ctx.store.cases.identityHashes(caseId)),
  );
  return files.filter((f) => f.caseId !== caseId).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
}
