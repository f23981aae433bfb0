// The handling desk, corrections, and the personal-data log, over the memory store.
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { MatterOnFileError } from '../../../shared/usecases/change-cases.ts';
import { checkStatus } from '../../../shared/usecases/check-status.ts';
import { correctCase } from '../../../shared/usecases/corrections.ts';
import {
  acknowledgeCase,
  askForExtension,
  decideExtensionRequest,
  personalDataLog,
  recordFollowUp,
} from '../../../shared/usecases/handling-desk.ts';
import { readCaseAs } from '../../../shared/usecases/read-case-file.ts';
import { monthOf, staff, useCaseContext } from '../../fixtures/use-case-context.ts';
import { answeredCase, assignedCase, openCase } from '../../fixtures/walks.ts';

describe('the handling desk', () => {
  it('lets the lead department acknowledge once', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    const acknowledged = await acknowledgeCase(ctx, caseId, staff.department('natres'));
    expect((await ctx.store.cases.timeline(caseId)).at(-1)?.type).toBe('acknowledged');
    expect(acknowledged.version).toBe(4);
    await expect(acknowledgeCase(ctx, caseId, staff.department('natres'))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses an acknowledgement from a department the case is not with', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    await expect(acknowledgeCase(ctx, caseId, staff.department('housing'))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(acknowledgeCase(ctx, caseId, staff.clerk)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('takes a department’s extension request to the supervisor, whose approval moves the due date', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    const before = (await ctx.store.cases.get(caseId))?.deadlines.handle?.dueDate as string;
    await askForExtension(ctx, caseId, { days: 20, reason: '需實地測量' }, staff.department('natres'));
    const staffAlerts = (await ctx.store.cases.notices(caseId)).filter(
      (n) => n.type === 'extension_requested',
    );
    expect(staffAlerts).toHaveLength(1);
    const decided = await decideExtensionRequest(
      ctx,
      caseId,
      { approve: true, note: '同意' },
      staff.supervisor,
    );
    expect(String(decided.deadlines.handle?.dueDate) > before).toBe(true);
    await expect(
      decideExtensionRequest(ctx, caseId, { approve: true, note: '再批' }, staff.supervisor),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('records a follow-up call after the opinion, and refuses one before it', async () => {
    const ctx = useCaseContext();
    const answered = await answeredCase(ctx);
    const followUp = { reached: true, satisfied: true, notes: '已發放' };
    await recordFollowUp(ctx, answered.caseId, followUp, staff.clerk);
    expect((await ctx.store.cases.timeline(answered.caseId)).at(-1)?.type).toBe('follow_up');
    const open = await assignedCase(ctx, 'natres', { subject: '道路損壞無人修' });
    await expect(recordFollowUp(ctx, open.caseId, followUp, staff.clerk)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('shows an auditor who read the personal data; a department may not see the log', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    await readCaseAs(ctx, caseId, staff.clerk);
    expect((await personalDataLog(ctx, caseId, staff.auditor)).map((r) => r.by)).toContain('clerk-1');
    await expect(personalDataLog(ctx, caseId, staff.department('natres'))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(personalDataLog(ctx, 'nothing', staff.auditor)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('correctCase', () => {
  it('corrects the matter and the phone, moving the counters and the verifier', async () => {
    const ctx = useCaseContext();
    const { caseId, receiptCode } = await openCase(ctx);
    const corrected = await correctCase(
      ctx,
      caseId,
      { reason: '登記錯誤', township: 'zhuquan', phone: '13900000001' },
      staff.clerk,
    );
    expect(corrected.township).toBe('zhuquan');
    expect((await ctx.store.cases.personal(caseId))?.petitioner.phone).toBe('13900000001');
    const month = monthOf(ctx);
    expect((await ctx.store.counters.read([month])).totals).toMatchObject({
      'received.township.liushu': 0,
      'received.township.zhuquan': 1,
    });
    expect((await checkStatus(ctx, receiptCode, '0001')).receiptCode).toBe(receiptCode);
    expect((await ctx.store.cases.personalReads(caseId)).at(-1)?.changed).toEqual(['phone']);
  });

  it('refuses a correction that makes it the matter of another case on file', async () => {
    const ctx = useCaseContext();
    const first = await openCase(ctx);
    const petitioner = { ...first.intake.petitioner, phone: String(first.intake.petitioner.phone) };
    const second = await openCase(ctx, { petitioner, subject: '道路損壞無人修' });
    await expect(
      correctCase(ctx, second.caseId, { reason: '同一事項', subject: first.intake.subject }, staff.clerk),
    ).rejects.toBeInstanceOf(MatterOnFileError);
    expect((await ctx.store.cases.get(second.caseId))?.subject).toBe('道路損壞無人修');
  });
});
