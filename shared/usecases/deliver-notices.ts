// The outbox: notices are written with the step that causes them (same transaction), then
// delivered by a scheduled run through a delivery adapter. Delivery is at least once: a
// notice stays pending until the adapter accepted it and it was marked delivered. A written
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

export const NOTICES_PER_RUN = 100;
/** Tries of one notice by its channel before a petitioner's goes by post instead. */
export const MAX_ATTEMPTS = 3;

/**
 * Primary course:
 * 1. Read the oldest pending notices from the outbox index (no scan).
 * 2. A written notice gets its document number; one that goes by post (no phone, or the
 *    region's channels put post first) joins the print queue.
 * 3. Hand each other to the delivery adapter, its text in the region's script.
 * 4. Record how it was delivered (it leaves the index); a failure counts an attempt and stays
 *    pending, and a petitioner's notice that failed MAX_ATTEMPTS times joins the print queue.
 */
export async function deliverPendingNotices(
  ctx: UseCaseContext,
  delivery: NoticeDelivery,
): Promise<{ delivered: number; failed: number; toPost: number }> {
  const pending = await ctx.store.outbox.pending(NOTICES_PER_RUN);
  const script = regionScript(ctx.config.region.region.language);
  const channels = ctx.config.region.noticeChannels;
  let delivered = 0;
  let failed = 0;
  let toPost = 0;
  for (const notice of pending) {
    const issued = await issueDocument(ctx, notice);
    if (channelFor(issued, channels) === 'post') {
      if (await ctx.store.outbox.markToPost(issued)) toPost++;
      continue;
    }
    try {
      const sent = await delivery.send(inRegionScript(issued, script));
      const now = ctx.now();
      const record: Delivery = {
        ...sent,
        on: localDateOf(now, ctx.config.region),
        recordedBy: 'system:deliver-notices',
        recordedAt: now.toISOString(),
      };
      if (await ctx.store.outbox.markDelivered(issued, record)) delivered++;
    } catch (error) {
      failed++;
      logger.warn('notice delivery failed', {
        caseId: notice.caseId,
        noticeId: notice.noticeId,
        attempts: notice.attempts + 1,
        ...errorFields(error),
      });
      await ctx.store.outbox.countAttempt(issued);
      if (issued.recipient.kind === 'petitioner' && issued.attempts + 1 >= MAX_ATTEMPTS) {
        if (await ctx.store.outbox.markToPost(issued)) toPost++;
      }
    }
  }
  return { delivered, failed, toPost };
}
