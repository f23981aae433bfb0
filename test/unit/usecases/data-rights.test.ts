// The petitioner's rights over their data over the memory store: requests recorded apart from
// the case, decided with a reason and told, counted; the copy of the file; a deletion granted.
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { askAboutMyData, copyOfMyFile, decideDataRequest } from '../../../shared/usecases/data-rights.ts';
import { decideDisposalList, runRetention } from '../../../shared/usecases/retention.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { memoryBucket } from '../../fixtures/file-storage.ts';
import { monthOf, staff, useCaseContext } from '../../fixtures/use-case-context.ts';
import { openCase } from '../../fixtures/walks.ts';

describe("the petitioner's data rights", () => {
  it('records a correction request apart from the case, queues it, and tells the decision with its reason', async () => {
    const ctx = useCaseContext();
    const { caseId, receiptCode, verifier } = await openCase(ctx);
    await expect(
      askAboutMyData(ctx, receiptCode, verifier === '0000' ? '1111' : '0000', {
        kind: 'deletion',
        text: '請刪除',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await ctx.store.receipts.get(receiptCode))?.failedAttempts).toBe(1);

    const asked = await askAboutMyData(ctx, receiptCode, verifier, {
      kind: 'correction',
      phone: '13900009999',
      text: '電話已更換',
    });
    expect(asked).toMatchObject({ requestId: 'R001', kind: 'correction' });
    const caseFile = await ctx.store.cases.get(caseId);
    // The case item holds no personal value of the request; its own record does.
    expect(JSON.stringify(caseFile)).not.toContain('13900009999');
    expect((await ctx.store.cases.whole(caseId))?.dataRequests).toEqual([
      expect.objectContaining({ requestId: 'R001', phone: '13900009999', text: '電話已更換' }),
    ]);
    const queue = await ctx.store.queries.queue({ kind: 'dataRequests' }, {}, { limit: 10, filters: {} });
    expect(queue.cases.map((c) => c.caseId)).toEqual([caseId]);

    await expect(
      decideDataRequest(ctx, caseId, 'R001', { granted: true, reason: '已更正' }, staff.department('natres')),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      decideDataRequest(ctx, caseId, 'R001', { granted: true, reason: '已更正' }, staff.auditor),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      decideDataRequest(ctx, caseId, 'R009', { granted: true, reason: '已更正' }, staff.clerk),
    ).rejects.toBeInstanceOf(NotFoundError);
    const decided = await decideDataRequest(
      ctx,
      caseId,
      'R001',
      { granted: true, reason: '已按新號碼更正' },
      staff.clerk,
    );
    expect(decided.dataRequests?.R001?.decision).toMatchObject({ granted: true, reason: '已按新號碼更正' });
    await expect(
      decideDataRequest(ctx, caseId, 'R001', { granted: false, reason: '再次' }, staff.clerk),
    ).rejects.toBeInstanceOf(ConflictError);
    const told = (await ctx.store.cases.notices(caseId)).filter((n) => n.type === 'data_request_decided');
    expect(told).toHaveLength(1);
    expect(told[0]?.text.zh).toContain('已按新號碼更正');
    expect(
      (await ctx.store.queries.queue({ kind: 'dataRequests' }, {}, { limit: 10, filters: {} })).cases,
    ).toEqual([]);
    const { totals } = await ctx.store.counters.read([monthOf(ctx)]);
    expect(totals).toMatchObject({ 'dataRights.correction.asked': 1, 'dataRights.correction.granted': 1 });
    expect((await ctx.store.cases.timeline(caseId)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['data_request', 'data_request_decided']),
    );
  });

  it('refuses a deletion while the case is handled; granted once closed, the file falls due for disposal that day', async () => {
    const ctx = useCaseContext();
    const { caseId, receiptCode, verifier } = await openCase(ctx);
    await askAboutMyData(ctx, receiptCode, verifier, { kind: 'deletion', text: '請刪除我的信息' });
    await expect(
      decideDataRequest(ctx, caseId, 'R001', { granted: true, reason: '同意' }, staff.clerk),
    ).rejects.toThrow(/still being handled/);
    await decideDataRequest(
      ctx,
      caseId,
      'R001',
      { granted: false, reason: '案件仍在辦理，保管期限未滿' },
      staff.clerk,
    );
    await takeStep(ctx, caseId, { action: 'not_accept', reason: '已由法院受理' }, staff.clerk);
    await askAboutMyData(ctx, receiptCode, verifier, { kind: 'deletion', text: '辦結了，請刪除' });
    expect((await runRetention(ctx, { dryRun: true })).dueForDisposal).toEqual([]);
    await decideDataRequest(ctx, caseId, 'R002', { granted: true, reason: '同意刪除' }, staff.supervisor);
    expect((await runRetention(ctx, { dryRun: true })).dueForDisposal.map((d) => d.caseId)).toEqual([caseId]);
  });

  it('takes a disposed file out of the data-requests queue: nobody is left to tell', async () => {
    const ctx = { ...useCaseContext(), files: memoryBucket() };
    const { caseId, receiptCode, verifier } = await openCase(ctx);
    await takeStep(ctx, caseId, { action: 'not_accept', reason: '一般諮詢', routine: true }, staff.clerk);
    await askAboutMyData(ctx, receiptCode, verifier, { kind: 'correction', text: '地址有誤' });
    const waiting = () => ctx.store.queries.queue({ kind: 'dataRequests' }, {}, { limit: 10, filters: {} });
    expect((await waiting()).cases.map((c) => c.caseId)).toEqual([caseId]);
    ctx.clock.advance(400 * 86_400_000);
    const { listed } = await runRetention(ctx);
    await decideDisposalList(ctx, listed ?? '', 'approved', staff.archivist());
    expect((await runRetention(ctx)).disposed).toEqual([caseId]);
    expect((await waiting()).cases).toEqual([]);
  });

  it('gives the petitioner a copy of their own file: their words, their details, the steps, the notices; counted', async () => {
    const ctx = useCaseContext();
    const { caseId, receiptCode, verifier } = await openCase(ctx, {
      representatives: [{ name: '代表乙', phone: '13900001111' }],
    });
    await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, staff.clerk);
    const copy = await copyOfMyFile(ctx, receiptCode, verifier);
    expect(copy.addressee).toBe('張某');
    expect(copy.documentNumber).toBe(receiptCode);
    expect(copy.body.zh).toContain('征地補償款未發放');
    expect(copy.body.zh).toContain('信訪事項受理告知書');
    expect(copy.body.en).toContain('Accepted');
    // Never another person's data, never a staff account.
    expect(copy.body.zh).not.toContain('代表乙');
    expect(copy.body.zh).not.toContain(staff.clerk.sub);
    const { totals } = await ctx.store.counters.read([monthOf(ctx)]);
    expect(totals['dataRights.copy']).toBe(1);
    expect((await ctx.store.cases.timeline(caseId)).at(-1)?.type).toBe('data_copy_given');
  });
});
