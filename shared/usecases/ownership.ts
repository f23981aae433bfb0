// The case's owner official (包案領導): claimed or named, kept until it is resolved; the owner's
// instructions; and declared interests (迴避), which keep a person off the case.
import { authorize, type Staff } from '../domain/access.ts';
import type { CaseFile } from '../domain/case.ts';
import { isResolved } from '../domain/case-status.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError } from '../errors.ts';
import { changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

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
    const forced = caseFile.ownerId !== undefined && !isResolved(caseFile.status);
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
