// Intake, the status look-up and the rating, over the memory store.

import { describe, expect, it } from 'vitest';
import { queues } from '../../../shared/domain/work-queues.ts';
import {
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  ValidationError,
} from '../../../shared/errors.ts';
import { checkStatus } from '../../../shared/usecases/check-status.ts';
import { rateHandling } from '../../../shared/usecases/rate-handling.ts';
import { submitPetition } from '../../../shared/usecases/submit-petition.ts';
import { webIntake } from '../../fixtures/petitions.ts';
import { monthOf, publicCaller, useCaseContext } from '../../fixtures/use-case-context.ts';
import { answeredCase, openCase } from '../../fixtures/walks.ts';

describe('submitPetition', () => {
  it('opens one case file per matter: the same matter again joins it as a repeat', async () => {
    const ctx = useCaseContext();
    const first = await openCase(ctx);
    expect(first).toMatchObject({ status: 'received', repeatCount: 0, alreadyOnFile: false });
    const again = await submitPetition(
      ctx,
      { ...first.intake, description: '仍未發放，再次反映。' },
      publicCaller,
    );
    expect(again).toMatchObject({ caseId: first.caseId, repeatCount: 1, alreadyOnFile: true });
    const timeline = await ctx.store.cases.timeline(first.caseId);
    expect(timeline.map((e) => e.type)).toEqual(['received', 'repeat_submission']);
    expect((await ctx.store.counters.read([monthOf(ctx)])).totals).toMatchObject({
      received: 1,
      'received.repeat': 1,
    });
  });

  it('answers a replayed Idempotency-Key with the first result, and opens nothing more', async () => {
    const ctx = useCaseContext();
    const intake = { ...webIntake(), receivedAt: ctx.now().toISOString() };
    const key = { scope: 'public', key: 'key-1', body: intake };
    const first = await submitPetition(ctx, intake, publicCaller, key);
    expect(await submitPetition(ctx, intake, publicCaller, key)).toEqual(first);
    expect((await ctx.store.cases.get(first.caseId))?.repeatCount).toBe(0);
    const other = { ...intake, subject: '另一件事：道路損壞' };
    await expect(submitPetition(ctx, other, publicCaller, { ...key, body: other })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('refuses a petition received before the office went live, storing nothing', async () => {
    const ctx = useCaseContext();
    const intake = { ...webIntake(), receivedAt: '2001-01-01T09:00:00+08:00' };
    await expect(submitPetition(ctx, intake, publicCaller)).rejects.toBeInstanceOf(ValidationError);
    expect(await ctx.store.queries.count(queues.open, {})).toBe(0);
  });
});

describe('checkStatus', () => {
  it('answers the public status for the receipt code and the right verifier', async () => {
    const ctx = useCaseContext();
    const { receiptCode, verifier, intake } = await openCase(ctx);
    const status = await checkStatus(ctx, receiptCode, verifier);
    expect(status).toMatchObject({ receiptCode, status: 'received' });
    expect(JSON.stringify(status)).not.toContain(String(intake.petitioner.phone));
    expect(JSON.stringify(status)).not.toContain(intake.petitioner.name);
  });

  it('answers a wrong verifier as an unknown code, and locks the code after five tries', async () => {
    const ctx = useCaseContext();
    const { receiptCode, verifier } = await openCase(ctx);
    const wrong = verifier === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++)
      await expect(checkStatus(ctx, receiptCode, wrong)).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkStatus(ctx, receiptCode, verifier)).rejects.toBeInstanceOf(NotFoundError);
    ctx.clock.advance(16 * 60_000);
    expect((await checkStatus(ctx, receiptCode, verifier)).receiptCode).toBe(receiptCode);
  });
});

describe('rateHandling', () => {
  it('records a rating of the opinion, once', async () => {
    const ctx = useCaseContext();
    const { receiptCode, verifier, caseId } = await answeredCase(ctx);
    const rated = await rateHandling(ctx, receiptCode, verifier, 'dissatisfied', '太慢');
    expect(rated).toMatchObject({ qualityReview: true });
    expect((await ctx.store.cases.get(caseId))?.status).toBe('opinion_issued');
    await expect(rateHandling(ctx, receiptCode, verifier, 'satisfied', undefined)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses a rating before any opinion', async () => {
    const ctx = useCaseContext();
    const { receiptCode, verifier } = await openCase(ctx);
    await expect(rateHandling(ctx, receiptCode, verifier, 'satisfied', undefined)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
