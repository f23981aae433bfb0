// Retention over the memory store: holds, restriction and the archivist's look-up, disposal
// lists and their decisions, the disposal itself, its replay after a restore.
import { describe, expect, it } from 'vitest';
import { ERASED_MARK } from '../../../shared/domain/retention.ts';
import { firstTamperedPoint } from '../../../shared/domain/timeline.ts';
import { ConflictError, ForbiddenError } from '../../../shared/errors.ts';
import { linkDuplicate } from '../../../shared/usecases/duplicates.ts';
import {
  decideDisposalList,
  disposalList,
  disposalLists,
  disposeCase,
  drawUpDisposalList,
  liftHold,
  lookUpRestricted,
  placeHold,
  replayDisposals,
  runRetention,
} from '../../../shared/usecases/retention.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { listCases } from '../../../shared/usecases/work-queues.ts';
import { memoryBucket } from '../../fixtures/file-storage.ts';
import { staff, useCaseContext } from '../../fixtures/use-case-context.ts';
import { openCase } from '../../fixtures/walks.ts';

const YEAR = 366 * 86_400_000;

/** A case not accepted (10 years) and a routine letter (1 year), closed today. */
async function closedCases() {
  const ctx = { ...useCaseContext(), files: memoryBucket() };
  const kept = await openCase(ctx, { description: '本人張某，請求補發。' });
  await takeStep(ctx, kept.caseId, { action: 'not_accept', reason: '已由法院受理' }, staff.clerk);
  const routine = await openCase(ctx, { subject: '詢問辦公時間' });
  await takeStep(
    ctx,
    routine.caseId,
    { action: 'not_accept', reason: '一般諮詢', routine: true },
    staff.clerk,
  );
  ctx.files.upload(`cases/${kept.caseId}/A1`, new Uint8Array([1]));
  return { ctx, kept, routine };
}

describe('retention', () => {
  it('schedules a file when it closes and restricts it after the active period: unlinked, not shown, looked up with a reason', async () => {
    const { ctx, kept } = await closedCases();
    expect((await ctx.store.cases.get(kept.caseId))?.retention).toMatchObject({ class: 'notHandled' });
    expect(await ctx.store.cases.identityHashes(kept.caseId)).not.toEqual([]);
    await expect(lookUpRestricted(ctx, kept.caseId, '調閱', staff.archivist())).rejects.toBeInstanceOf(
      ConflictError,
    );

    ctx.clock.advance(3 * YEAR);
    const preview = await runRetention(ctx, { dryRun: true });
    expect(preview.restricted).toContain(kept.caseId);
    expect((await ctx.store.cases.get(kept.caseId))?.restricted).toBeUndefined();
    const run = await runRetention(ctx);
    expect(run.restricted).toEqual([kept.caseId]);
    expect(await ctx.store.cases.identityHashes(kept.caseId)).toEqual([]);
    const lookedUp = await lookUpRestricted(ctx, kept.caseId, '法院調閱', staff.archivist());
    expect(lookedUp.petitioner.name).toBe('張某');
    expect((await ctx.store.cases.personalReads(kept.caseId)).at(-1)).toMatchObject({ reason: '法院調閱' });
    await expect(lookUpRestricted(ctx, kept.caseId, '調閱', staff.supervisor)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('lets an archivist find a case by id, though the archive keeps no work queue', async () => {
    const { ctx, kept } = await closedCases();
    expect(await listCases(ctx, staff.archivist(), { limit: 10 })).toMatchObject({ view: 'find', cases: [] });
    const found = await listCases(ctx, staff.archivist(), { find: kept.caseId, limit: 10 });
    expect(found.cases.map((c) => c.caseId)).toEqual([kept.caseId]);
  });

  it('holds a case: no step while held; refuses a second hold, lifting none, and a hold after disposal', async () => {
    const { ctx, kept } = await closedCases();
    await placeHold(ctx, kept.caseId, '行政訴訟', staff.archivist());
    await expect(placeHold(ctx, kept.caseId, '再次', staff.supervisor)).rejects.toBeInstanceOf(ConflictError);
    ctx.clock.advance(11 * YEAR);
    const run = await runRetention(ctx);
    expect(run.restricted).not.toContain(kept.caseId);
    expect(run.dueForDisposal.map((d) => d.caseId)).not.toContain(kept.caseId);
    await liftHold(ctx, kept.caseId, '訴訟終結', staff.archivist());
    await expect(liftHold(ctx, kept.caseId, '再次', staff.archivist())).rejects.toBeInstanceOf(ConflictError);
    await expect(placeHold(ctx, kept.caseId, '無權', staff.clerk)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lists what is due, approved only by another person, once, and never while a case on it is held; then disposes', async () => {
    const { ctx, kept, routine } = await closedCases();
    ctx.clock.advance(12 * YEAR);
    // The run restricts the kept file and lists the routine letter (due a year after it closed).
    await runRetention(ctx);
    const [systemList] = await disposalLists(ctx, staff.archivist());
    expect(systemList).toMatchObject({ generatedBy: 'system', cases: [{ caseId: routine.caseId }] });
    await decideDisposalList(ctx, systemList?.listId ?? '', 'withdrawn', staff.archivist());
    const mine = await drawUpDisposalList(ctx, staff.archivist('archivist-a'));
    expect(mine.cases.map((c) => c.caseId).sort()).toEqual([kept.caseId, routine.caseId].sort());
    await expect(drawUpDisposalList(ctx, staff.archivist('archivist-a'))).rejects.toThrow(/waiting/);
    await expect(
      decideDisposalList(ctx, mine.listId, 'approved', staff.archivist('archivist-a')),
    ).rejects.toThrow(/someone other/);
    await placeHold(ctx, routine.caseId, '保全', staff.archivist());
    await expect(
      decideDisposalList(ctx, mine.listId, 'approved', staff.archivist('archivist-b')),
    ).rejects.toThrow(/on hold/);
    await liftHold(ctx, routine.caseId, '解除', staff.archivist());
    const approved = await decideDisposalList(ctx, mine.listId, 'approved', staff.archivist('archivist-b'));
    expect(approved.decision).toMatchObject({ state: 'approved', by: 'archivist-b' });
    await expect(
      decideDisposalList(ctx, mine.listId, 'approved', staff.archivist('archivist-b')),
    ).rejects.toBeInstanceOf(ConflictError);

    const run = await runRetention(ctx);
    expect(run.disposed.sort()).toEqual([kept.caseId, routine.caseId].sort());
    expect((await disposalList(ctx, mine.listId, staff.archivist())).disposed).toHaveLength(2);
    const disposed = await ctx.store.cases.get(kept.caseId);
    expect(disposed?.description).toBe(`本人${ERASED_MARK}，請求補發。`);
    expect(await ctx.store.cases.personal(kept.caseId)).toBeUndefined();
    expect(await ctx.store.receipts.get(kept.receiptCode)).toBeUndefined();
    expect([...ctx.files.objects.keys()]).toEqual([]);
    const timeline = await ctx.store.cases.timeline(kept.caseId);
    expect(firstTamperedPoint(disposed as NonNullable<typeof disposed>, timeline)).toBeUndefined();
    await expect(placeHold(ctx, kept.caseId, '晚了', staff.archivist())).rejects.toThrow(/disposed/);
    await expect(disposalLists(ctx, staff.supervisor)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('disposes of a duplicate with its main file, and replays every approved disposal (a restore) without changing what is disposed', async () => {
    const ctx = { ...useCaseContext(), files: memoryBucket() };
    const main = await openCase(ctx);
    const duplicate = await openCase(ctx, { subject: '征地補償款仍未發放到戶' });
    await linkDuplicate(ctx, duplicate.caseId, main.caseId, '同一事項', staff.clerk);
    await takeStep(ctx, main.caseId, { action: 'not_accept', reason: '已由法院受理' }, staff.clerk);
    ctx.clock.advance(11 * YEAR);
    await runRetention(ctx);
    await runRetention(ctx);
    const [list] = await disposalLists(ctx, staff.archivist());
    expect(list?.cases).toEqual([
      expect.objectContaining({ caseId: main.caseId, duplicates: [duplicate.caseId] }),
    ]);
    await decideDisposalList(ctx, list?.listId ?? '', 'approved', staff.archivist());
    expect((await runRetention(ctx)).disposed).toEqual([duplicate.caseId, main.caseId]);
    expect(await ctx.store.cases.personal(duplicate.caseId)).toBeUndefined();
    // After a restore the replay carries every approved list out again, whatever it recorded;
    // on files already disposed of it changes nothing (the restore itself: the integration test).
    const before = await ctx.store.cases.get(main.caseId);
    expect(await replayDisposals(ctx)).toEqual([duplicate.caseId, main.caseId]);
    expect(await disposeCase(ctx, list as NonNullable<typeof list>, main.caseId)).toBe(true);
    expect(await ctx.store.cases.get(main.caseId)).toEqual(before);
  });
});
