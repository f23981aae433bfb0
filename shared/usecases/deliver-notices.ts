// The outbox: notices are written with the step that causes them (same transaction), then
// delivered by a scheduled run through a delivery adapter, every lane of the outbox drained at
// once. Delivery is at least once: a notice stays pending until the adapter accepted it and it
// was marked delivered (a deliverer that dies between the two leaves it to its claim's end). A written
// notice gets its document number first; one that cannot go by SMS (no phone, or the SMS
// failed MAX_ATTEMPTS times) goes to the print queue, to be posted.
import { localDateOf } from '../domain/case.ts';
import { channelFor, type Delivery, type Notice } from '../domain/notices.ts';
import { inRegionScript, regionScript } from '../domain/region-script.ts';
import { errorFields, logger } from '../logger.ts';
import type { UseCaseContext } from './context.ts';
import { issueDocument } from './written-notices.ts';

/** The port every delivery channel implements (a local file, SMS): how it delivered, under which id. */
export interface NoticeDelivery {
  send(notice: Notice): Promise<{ method: Delivery['method']; providerMessageId?: string }>;
}

/** Tries of one notice by its channel before a petitioner's goes by post instead. */
export const MAX_ATTEMPTS = 3;
/** Notices read from a lane at a time, and sent at once from each lane. */
export const LANE_PAGE = 24;
export const IN_FLIGHT_PER_LANE = 4;
/** How long a run delivers (the function has a minute); the next run goes on from there. */
export const RUN_BUDGET_MS = 40_000;
/** How long a deliverer holds a notice it took: one that crashed mid-send lets it go by then. */
export const CLAIM_MS = 2 * 60_000;

export interface DeliveryRun {
  delivered: number;
  failed: number;
  toPost: number;
}

/**
 * Primary course, on every lane of the outbox at once (a deliverer per lane; runs that overlap
 * share the lanes notice by notice):
 * 1. Read the lane's oldest pending notices from the outbox index (no scan), a page at a time,
 *    until it is empty or the run's time is up; each notice is tried at most once a run.
 * 2. Take the notice (a claim another deliverer respects until it lapses), so no two send it.
 * 3. A written notice gets its document number; one that goes by post (no phone, or the
 *    region's channels put post first) joins the print queue.
 * 4. Hand each other to the delivery adapter, its text in the region's script.
 * 5. Record how it was delivered (it leaves the index); a failure counts an attempt and lets it
 *    go, and a petitioner's notice that failed MAX_ATTEMPTS times joins the print queue.
 */
export async function deliverPendingNotices(
  ctx: UseCaseContext,
  delivery: NoticeDelivery,
  budgetMs = RUN_BUDGET_MS,
): Promise<DeliveryRun> {
  const stopAt = Date.now() + budgetMs;
  const script = regionScript(ctx.config.region.region.language);
  const channels = ctx.config.region.noticeChannels;
  const run: DeliveryRun = { delivered: 0, failed: 0, toPost: 0 };

  async function deliverOne(notice: Notice): Promise<void> {
    const now = ctx.now();
    if (
      !(await ctx.store.outbox.claim(
        notice,
        now.toISOString(),
        new Date(now.getTime() + CLAIM_MS).toISOString(),
      ))
    )
      return;
    const issued = await issueDocument(ctx, notice);
    if (channelFor(issued, channels) === 'post') {
      if (await ctx.store.outbox.markToPost(issued)) run.toPost++;
      return;
    }
    try {
      const sent = await delivery.send(inRegionScript(issued, script));
      const at = ctx.now();
      const record: Delivery = {
        ...sent,
        on: localDateOf(at, ctx.config.region),
        recordedBy: 'system:deliver-notices',
        recordedAt: at.toISOString(),
      };
      if (await ctx.store.outbox.markDelivered(issued, record)) run.delivered++;
    } catch (error) {
      run.failed++;
      logger.warn('notice delivery failed', {
        caseId: notice.caseId,
        noticeId: notice.noticeId,
        attempts: notice.attempts + 1,
        ...errorFields(error),
      });
      await ctx.store.outbox.countAttempt(issued);
      if (issued.recipient.kind === 'petitioner' && issued.attempts + 1 >= MAX_ATTEMPTS) {
        if (await ctx.store.outbox.markToPost(issued)) run.toPost++;
      }
    }
  }

  async function drainLane(lane: number): Promise<void> {
    let after: Notice | undefined;
    while (Date.now() < stopAt) {
      const page = await ctx.store.outbox.pending(lane, LANE_PAGE, after);
      if (page.length === 0) return;
      after = page.at(-1);
      for (let i = 0; i < page.length; i += IN_FLIGHT_PER_LANE)
        await Promise.all(page.slice(i, i + IN_FLIGHT_PER_LANE).map(deliverOne));
    }
  }

  await Promise.all(Array.from({ length: ctx.store.outbox.lanes }, (_, lane) => drainLane(lane)));
  return run;
}
