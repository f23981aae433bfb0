// The outbox's delivery run, SMS reports, written notices and the print queue, over the memory store.
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/domain/notices.ts';
import { ConflictError, NotFoundError } from '../../../shared/errors.ts';
import {
  deliverPendingNotices,
  MAX_ATTEMPTS,
  type NoticeDelivery,
} from '../../../shared/usecases/deliver-notices.ts';
import { recordSmsReports } from '../../../shared/usecases/sms-reports.ts';
import { submitPetition } from '../../../shared/usecases/submit-petition.ts';
import { printQueue, readWrittenNotice, recordDelivery } from '../../../shared/usecases/written-notices.ts';
import { staffCase } from '../../fixtures/petitions.ts';
import { staff, staffCaller, type TestContext, useCaseContext } from '../../fixtures/use-case-context.ts';

/** A delivery adapter that records what it was handed, and fails while told to. */
function smsGateway() {
  const sent: Notice[] = [];
  let failing = false;
  const gateway: NoticeDelivery & { sent: Notice[]; fail(on: boolean): void } = {
    sent,
    fail: (on) => {
      failing = on;
    },
    async send(notice) {
      if (failing) throw new Error('provider down');
      sent.push(notice);
      return { method: 'sms', providerMessageId: `sms-${sent.length}` };
    },
  };
  return gateway;
}

async function letterCase(ctx: TestContext, overrides: Parameters<typeof staffCase>[0] = {}) {
  const letter = staffCase({ receivedAt: ctx.now().toISOString(), ...overrides });
  return submitPetition(ctx, letter, staffCaller(staff.clerk));
}

describe('deliverPendingNotices', () => {
  it('delivers each pending notice once, numbered, in the region’s script', async () => {
    const ctx = useCaseContext();
    const { caseId } = await letterCase(ctx);
    const gateway = smsGateway();
    expect(await deliverPendingNotices(ctx, gateway)).toEqual({ delivered: 1, failed: 0, toPost: 0 });
    expect(await deliverPendingNotices(ctx, gateway)).toEqual({ delivered: 0, failed: 0, toPost: 0 });
    const [notice] = await ctx.store.cases.notices(caseId);
    expect(notice).toMatchObject({
      state: 'delivered',
      delivery: { method: 'sms', providerMessageId: 'sms-1' },
    });
    expect(notice?.document?.number).toMatch(/^珠信告〔\d{4}〕1号$/);
    expect(gateway.sent[0]?.text.zh).not.toMatch(/[處補償]/);
  });

  it('counts a failed delivery and posts a petitioner’s notice after the last try', async () => {
    const ctx = useCaseContext();
    await letterCase(ctx);
    const gateway = smsGateway();
    gateway.fail(true);
    for (let run = 1; run < MAX_ATTEMPTS; run++) {
      expect(await deliverPendingNotices(ctx, gateway)).toEqual({ delivered: 0, failed: 1, toPost: 0 });
    }
    expect(await deliverPendingNotices(ctx, gateway)).toEqual({ delivered: 0, failed: 1, toPost: 1 });
    expect(await ctx.store.outbox.toPost(10)).toHaveLength(1);
  });

  it('puts a notice with no phone in the print queue without trying the SMS', async () => {
    const ctx = useCaseContext();
    await letterCase(ctx, { petitioner: { name: '李某', address: '柳樹鄉柳樹村' } });
    const gateway = smsGateway();
    expect(await deliverPendingNotices(ctx, gateway)).toEqual({ delivered: 0, failed: 0, toPost: 1 });
    expect(gateway.sent).toEqual([]);
  });
});

describe('recordSmsReports', () => {
  it('records a provider’s reports once, posts a notice whose SMS was not received, and counts unknown ones', async () => {
    const ctx = useCaseContext();
    await letterCase(ctx);
    await deliverPendingNotices(ctx, smsGateway());
    const report = { status: 'failed' as const, at: ctx.now().toISOString(), code: 'UNDELIV' };
    expect(
      await recordSmsReports(ctx, [
        { sent: { providerMessageId: 'sms-1' }, report },
        { sent: { providerMessageId: 'sms-9' }, report },
      ]),
    ).toEqual({ recorded: 1, unknown: 1 });
    expect(await ctx.store.outbox.toPost(10)).toHaveLength(1);
    expect(await recordSmsReports(ctx, [{ sent: { providerMessageId: 'sms-1' }, report }])).toEqual({
      recorded: 0,
      unknown: 0,
    });
  });
});

describe('written notices and the print queue', () => {
  it('reads a notice as its draft (no number) until it is issued, masked for an auditor', async () => {
    const ctx = useCaseContext();
    const letter = staffCase({ receivedAt: ctx.now().toISOString() });
    const { caseId } = await submitPetition(ctx, letter, staffCaller(staff.clerk));
    const [notice] = await ctx.store.cases.notices(caseId);
    const draft = await readWrittenNotice(ctx, caseId, String(notice?.noticeId), staff.clerk);
    expect(draft.documentNumber).toBeNull();
    expect(JSON.stringify(draft)).toContain(letter.petitioner.name);
    const masked = await readWrittenNotice(ctx, caseId, String(notice?.noticeId), staff.auditor);
    expect(JSON.stringify(masked)).not.toContain(letter.petitioner.name);
    await expect(readWrittenNotice(ctx, caseId, 'nothing', staff.clerk)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('numbers the print queue, and records each posted notice’s delivery once', async () => {
    const ctx = useCaseContext();
    const { caseId } = await letterCase(ctx, { petitioner: { name: '李某', address: '柳樹鄉柳樹村' } });
    await deliverPendingNotices(ctx, smsGateway());
    const [waiting] = await printQueue(ctx, staff.clerk);
    expect(waiting).toMatchObject({
      address: '柳樹鄉柳樹村',
      documentNumber: expect.stringMatching(/〔\d{4}〕1号$/),
    });
    expect((await ctx.store.cases.personalReads(caseId)).map((r) => r.by)).toEqual(['clerk-1']);
    const [notice] = await ctx.store.cases.notices(caseId);
    const how = { method: 'post' as const, on: '2026-12-07', trackingNumber: 'EMS123' };
    const recorded = await recordDelivery(ctx, caseId, String(notice?.noticeId), how, staff.clerk);
    expect(recorded.documentNumber).toBe(waiting?.documentNumber);
    expect(await printQueue(ctx, staff.clerk)).toEqual([]);
    await expect(
      recordDelivery(ctx, caseId, String(notice?.noticeId), how, staff.clerk),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(recordDelivery(ctx, caseId, 'nothing', how, staff.clerk)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
