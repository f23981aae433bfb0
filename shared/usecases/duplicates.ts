// Linking a case into another as a duplicate (one file per matter found late), and undoing it.
import { authorize, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf } from '../domain/case.ts';
import { noticesFor } from '../domain/notices.ts';
import { linkInto, unlink } from '../domain/procedure.ts';
import { CURRENT, counters } from '../domain/report-counters.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError } from '../errors.ts';
import { caseFor, caseNotFound, changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

/** The open-case counter a handled duplicate leaves while it is linked. */
const openWith = (c: CaseFile) =>
  c.status === 'assigned' && c.handlingDepartment ? counters.openWith(c.handlingDepartment) : undefined;

const cannotLink = (zh: string, en: string) => new ConflictError({ zh, en });

/**
 * Primary course:
 * 1. Read both cases.
 * 2. Refuse a self-link, a case already linked, or a target that is itself a duplicate.
 * 3. Mark the case as a duplicate of the target; both timelines record it, in one transaction.
 */
export async function linkDuplicate(
  ctx: UseCaseContext,
  caseId: string,
  targetCaseId: string,
  reason: string,
  staff: Staff,
): Promise<CaseFile> {
  if (caseId === targetCaseId) {
    await caseFor(ctx, caseId, staff, 'link_duplicate');
    throw cannotLink('案件不能與自身合併。', 'A case cannot be a duplicate of itself.');
  }
  const { region } = ctx.config;
  const personal = await ctx.store.cases.personal(caseId);
  if (!personal) throw caseNotFound(caseId);
  const [linked] = await changeCases(ctx, [caseId, targetCaseId], ([d, t]) => {
    authorize(staff, d, 'link_duplicate');
    authorize(staff, t, 'link_duplicate');
    if (d.duplicateOf) {
      throw cannotLink(
        `案件已併入 ${d.duplicateOf}。`,
        `The case is already a duplicate of ${d.duplicateOf}.`,
      );
    }
    if (t.duplicateOf) {
      throw cannotLink(
        `目標案件本身已併入 ${t.duplicateOf}，請併入該案件。`,
        `The target is itself a duplicate of ${t.duplicateOf}; link to that case instead.`,
      );
    }
    const at = ctx.now();
    const link = linkInto(d, t, localDateOf(at, region));
    const open = openWith(d);
    return [
      {
        next: link.next,
        events: [
          {
            type: 'linked_as_duplicate',
            actor: actorOf(staff),
            data: { into: t.caseId, reason, closedDeadlines: link.closedStages },
          },
        ],
        deadlines: link.deadlines,
        ...(open && { counters: [{ bucket: CURRENT, add: [], subtract: [open] }] }),
        notify: (written) => noticesFor(link.notices, written, personal, region, at.toISOString()),
      },
      {
        next: t,
        events: [{ type: 'duplicate_linked', actor: actorOf(staff), data: { duplicate: d.caseId, reason } }],
      },
    ];
  });
  return linked;
}

export async function unlinkDuplicate(
  ctx: UseCaseContext,
  caseId: string,
  reason: string,
  staff: Staff,
): Promise<CaseFile> {
  const targetCaseId = (await caseFor(ctx, caseId, staff, 'link_duplicate')).duplicateOf;
  if (!targetCaseId) throw cannotLink('此案件未被併入其他案件。', 'The case is not linked as a duplicate.');
  const [unlinked] = await changeCases(ctx, [caseId, targetCaseId], ([d, target]) => {
    if (d.duplicateOf !== targetCaseId) {
      throw cannotLink('案件的合併狀態已變更，請重新整理。', 'The link changed meanwhile; reload the case.');
    }
    const undone = unlink(d, localDateOf(ctx.now(), ctx.config.region));
    const open = openWith(d);
    return [
      {
        next: undone.next,
        deadlines: undone.deadlines,
        ...(open && { counters: [{ bucket: CURRENT, add: [open] }] }),
        events: [
          { type: 'duplicate_link_undone', actor: actorOf(staff), data: { from: targetCaseId, reason } },
        ],
      },
      {
        next: target,
        events: [{ type: 'duplicate_unlinked', actor: actorOf(staff), data: { duplicate: caseId, reason } }],
      },
    ];
  });
  return unlinked;
}
