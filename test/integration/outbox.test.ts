// The outbox drained by several deliverers at once: every lane in parallel within a run, and
// runs that overlap share the notices by claim, so each notice is sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import type { Notice } from '../../shared/domain/notices.ts';
import {
  CLAIM_MS,
  deliverPendingNotices,
  type NoticeDelivery,
} from '../../shared/usecases/deliver-notices.ts';
import { staffCase, uniquePhone } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let clerk: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.as({ roles: ['clerk'] });
});
afterAll(async () => {
  await api.close();
});

async function registerLetters(count: number): Promise<string[]> {
  const caseIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const filed = await api.call('POST', '/cases', {
      headers: clerk,
      body: staffCase({
        petitioner: { name: '趙某', phone: uniquePhone() },
        receivedAt: new Date().toISOString(),
      }),
    });
    expect(filed.status).toBe(201);
    caseIds.push(filed.body.caseId);
  }
  return caseIds;
}

/** A provider that takes a few milliseconds per SMS and remembers what it was given. */
function recordingProvider() {
  const sent: string[] = [];
  const delivery: NoticeDelivery = {
    async send(notice) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(`${notice.caseId}/${notice.noticeId}`);
      return { method: 'local_file' };
    },
  };
  return { sent, delivery };
}

const pendingOf = async () => {
  const items = await api.allItems();
  return items.filter((i) => i.entity === 'notice' && i.state === 'pending');
};

describe('delivering the outbox', () => {
  it('sends each notice once when two runs drain it at the same time, over every lane', async () => {
    await registerLetters(24);
    const waiting = await pendingOf();
    const { sent, delivery } = recordingProvider();
    const ctx = functionContext();

    const [first, second] = await Promise.all([
      deliverPendingNotices(ctx, delivery),
      deliverPendingNotices(ctx, delivery),
    ]);

    expect(waiting.length).toBeGreaterThanOrEqual(24);
    expect(new Set(waiting.map((n) => String(n.duePK))).size).toBeGreaterThan(1);
    expect(sent).toHaveLength(new Set(sent).size);
    expect(new Set(sent)).toEqual(new Set(waiting.map((n) => `${n.caseId}/${n.noticeId}`)));
    expect(first.delivered + second.delivered).toBe(waiting.length);
    expect(await pendingOf()).toEqual([]);
  });

  it('leaves a notice another deliverer holds until its claim lapses', async () => {
    const [caseId] = await registerLetters(1);
    const ctx = functionContext();
    const [held] = (await pendingOf()).filter((n) => n.caseId === caseId) as unknown as Notice[];
    const now = new Date();
    expect(
      await ctx.store.outbox.claim(
        held as Notice,
        now.toISOString(),
        new Date(now.getTime() + CLAIM_MS).toISOString(),
      ),
    ).toBe(true);

    const meanwhile = recordingProvider();
    await deliverPendingNotices(ctx, meanwhile.delivery);
    const later = recordingProvider();
    await deliverPendingNotices(
      { ...ctx, now: () => new Date(now.getTime() + CLAIM_MS + 1000) },
      later.delivery,
    );

    const key = `${caseId}/${held?.noticeId}`;
    expect(meanwhile.sent).not.toContain(key);
    expect(later.sent).toContain(key);
  });

  it('stops a run when its time is up and goes on from there in the next', async () => {
    await registerLetters(12);
    const ctx = functionContext();
    const { sent, delivery } = recordingProvider();

    const cut = await deliverPendingNotices(ctx, delivery, 0);
    const sentByTheCutRun = sent.length;
    const next = await deliverPendingNotices(ctx, delivery);

    expect(cut).toEqual({ delivered: 0, failed: 0, toPost: 0 });
    expect(sentByTheCutRun).toBe(0);
    expect(next.delivered).toBeGreaterThanOrEqual(12);
    expect(await pendingOf()).toEqual([]);
  });
});
