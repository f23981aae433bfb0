// What staff read and do on a case file at this stage: read it whole, see similar matters
// filed by others, and link a case into another as a duplicate (or undo that link).
import { type CaseFile, rankSimilar } from '../domain/case.ts';
import { ConflictError } from '../errors.ts';
import { getCasePartition, queryCasesInArea } from '../store/case-store.ts';
import { caseNotFound, changeCases } from './change-cases.ts';
import type { Caller, UseCaseContext } from './context.ts';

/** How many of the newest cases in the same township and category are compared. */
export const SIMILAR_CANDIDATES = 200;

export async function readCase(ctx: UseCaseContext, caseId: string) {
  const partition = await getCasePartition(ctx.store, caseId);
  if (!partition) throw caseNotFound(caseId);
  return partition;
}

/**
 * Primary course:
 * 1. Read the case.
 * 2. Query the newest cases of its township and category (an index, never a scan).
 * 3. Rank them by text similarity; keep those above the threshold.
 */
export async function findSimilar(ctx: UseCaseContext, caseId: string) {
  const { caseFile } = await readCase(ctx, caseId);
  const candidates = await queryCasesInArea(
    ctx.store,
    caseFile.township,
    caseFile.category,
    SIMILAR_CANDIDATES,
  );
  return rankSimilar(caseFile, candidates).map(({ caseFile: c, score }) => ({
    caseId: c.caseId,
    subject: c.subject,
    status: c.status,
    channel: c.channel,
    receivedAt: c.receivedAt,
    duplicateOf: c.duplicateOf ?? null,
    score: Math.round(score * 1000) / 1000,
  }));
}

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
  caller: Caller,
): Promise<CaseFile> {
  if (caseId === targetCaseId)
    throw cannotLink('案件不能與自身合併。', 'A case cannot be a duplicate of itself.');
  const [linked] = await changeCases(ctx, [caseId, targetCaseId], ([duplicate, target]) => {
    const d = duplicate as CaseFile;
    const t = target as CaseFile;
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
    return [
      {
        next: { ...d, duplicateOf: t.caseId },
        events: [{ type: 'linked_as_duplicate', actor: caller.actor, data: { into: t.caseId, reason } }],
      },
      {
        next: t,
        events: [{ type: 'duplicate_linked', actor: caller.actor, data: { duplicate: d.caseId, reason } }],
      },
    ];
  });
  return linked as CaseFile;
}

export async function unlinkDuplicate(
  ctx: UseCaseContext,
  caseId: string,
  reason: string,
  caller: Caller,
): Promise<CaseFile> {
  const partition = await readCase(ctx, caseId);
  const targetCaseId = partition.caseFile.duplicateOf;
  if (!targetCaseId) throw cannotLink('此案件未被併入其他案件。', 'The case is not linked as a duplicate.');
  const [unlinked] = await changeCases(ctx, [caseId, targetCaseId], ([duplicate, target]) => {
    const { duplicateOf, ...d } = duplicate as CaseFile;
    if (duplicateOf !== targetCaseId) {
      throw cannotLink('案件的合併狀態已變更，請重新整理。', 'The link changed meanwhile; reload the case.');
    }
    return [
      {
        next: d,
        events: [
          { type: 'duplicate_link_undone', actor: caller.actor, data: { from: targetCaseId, reason } },
        ],
      },
      {
        next: target as CaseFile,
        events: [{ type: 'duplicate_unlinked', actor: caller.actor, data: { duplicate: caseId, reason } }],
      },
    ];
  });
  return unlinked as CaseFile;
}
