// The procedure and ownership of a case, over the memory store.
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { assignOwner, claimCase, instruct, recuse } from '../../../shared/usecases/ownership.ts';
import { otherFilesOf, readCaseAs } from '../../../shared/usecases/read-case-file.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { monthOf, staff, useCaseContext } from '../../fixtures/use-case-context.ts';
import { openCase } from '../../fixtures/walks.ts';

describe('takeStep', () => {
  it('moves the case, with its event, deadline and counters, in one change', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    const accepted = await takeStep(
      ctx,
      caseId,
      { action: 'accept', plan: '交縣自然資源局調查處理' },
      staff.clerk,
    );
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    expect(accepted.deadlines.handle?.days).toBe(60);
    const [received, accept] = await ctx.store.cases.timeline(caseId);
    expect(accept).toMatchObject({
      type: 'accept',
      prevHash: received?.hash,
      data: { plan: '交縣自然資源局調查處理' },
    });
    const month = monthOf(ctx);
    expect((await ctx.store.counters.read([month])).totals.accepted).toBe(1);
  });

  it('records the request’s fields on the event beside what the state machine decided', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, staff.clerk);
    await takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, staff.supervisor);
    const assign = (await ctx.store.cases.timeline(caseId)).at(-1);
    expect(assign?.data).toMatchObject({ leadDepartment: 'natres' });
    expect((await ctx.store.cases.get(caseId))?.handlingDepartment).toBe('natres');
  });

  it('refuses a step the role may not take, a step the state does not allow, and a stale version', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await expect(
      takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, staff.clerk),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, staff.supervisor),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, staff.clerk, 7),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await ctx.store.cases.get(caseId))?.version).toBe(1);
  });
});

describe('ownership', () => {
  it('lets an official claim an unowned case, and keeps the owner until a supervisor forces a change', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    expect((await claimCase(ctx, caseId, staff.official('off-04'))).ownerId).toBe('off-04');
    await expect(claimCase(ctx, caseId, staff.official('off-05'))).rejects.toBeInstanceOf(ConflictError);
    await expect(assignOwner(ctx, caseId, 'off-05', undefined, staff.supervisor)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const forced = await assignOwner(ctx, caseId, 'off-05', '原包案領導調離', staff.supervisor);
    expect(forced.ownerId).toBe('off-05');
    expect((await ctx.store.cases.timeline(caseId)).at(-1)).toMatchObject({
      type: 'owner_changed',
      data: { ownerId: 'off-05', previousOwnerId: 'off-04', forced: true },
    });
  });

  it('refuses an owner the region does not know, or one who declared an interest', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await expect(assignOwner(ctx, caseId, 'off-99', undefined, staff.supervisor)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await recuse(ctx, caseId, 'off-06', '親屬關係', staff.official('off-06'));
    await expect(assignOwner(ctx, caseId, 'off-06', undefined, staff.supervisor)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('lets the owner instruct, and no one else', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await claimCase(ctx, caseId, staff.official('off-04'));
    await instruct(ctx, caseId, '十日內核實', staff.official('off-04'));
    expect((await ctx.store.cases.timeline(caseId)).at(-1)).toMatchObject({
      type: 'instruction',
      data: { text: '十日內核實' },
    });
    await expect(instruct(ctx, caseId, '我來批示', staff.official('off-05'))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('records a recusal once, and refuses one declared for someone else', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await recuse(ctx, caseId, 'off-06', '親屬關係', staff.official('off-06'));
    const again = await recuse(ctx, caseId, 'off-06', '親屬關係', staff.official('off-06'));
    expect(again.recusals).toEqual(['off-06']);
    await expect(recuse(ctx, caseId, 'off-07', '他人', staff.official('off-06'))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('readCaseAs', () => {
  it('gives the clerk the personal data and logs the read; an auditor-only view is masked', async () => {
    const ctx = useCaseContext();
    const { caseId, intake } = await openCase(ctx);
    const read = await readCaseAs(ctx, caseId, staff.clerk);
    expect(read.personalMasked).toBe(false);
    expect(read.personal?.petitioner.name).toBe(intake.petitioner.name);
    expect(read.otherFiles).toEqual([]);
    expect((await ctx.store.cases.personalReads(caseId)).map((r) => r.by)).toEqual(['clerk-1']);
    const department = await readCaseAs(ctx, caseId, staff.supervisor);
    expect(department.caseFile.caseId).toBe(caseId);
  });

  it('answers a case that does not exist, or that a department may not see, as not found', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await expect(readCaseAs(ctx, 'nothing', staff.clerk)).rejects.toBeInstanceOf(NotFoundError);
    await expect(readCaseAs(ctx, caseId, staff.department('housing'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the same petitioner’s other files, newest first', async () => {
    const ctx = useCaseContext();
    const first = await openCase(ctx);
    ctx.clock.advance(60_000);
    const petitioner = { ...first.intake.petitioner, phone: String(first.intake.petitioner.phone) };
    const second = await openCase(ctx, { petitioner, subject: '道路損壞無人修' });
    expect((await otherFilesOf(ctx, second.caseId)).map((f) => f.caseId)).toEqual([first.caseId]);
    expect(await otherFilesOf(ctx, second.caseId, ['nobody'])).toEqual([]);
  });
});
