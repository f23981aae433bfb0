// The outbox: notices are written with the step that causes them (same transaction), then
// delivered by a scheduled run through a delivery adapter. Delivery is at least once: a
// notice stays pending until the adapter accepted it and it was marked delivered.
import type { Notice } from '../domain/notices.ts';
import { inRegionScript, regionScript } from '../domain/region-script.ts';
import { errorFields, logger } from '../logger.ts';
import type { UseCaseContext } from './context.ts';

/** The port every delivery channel implements (a local file, SMS on AWS). */
export interface NoticeDelivery {
  send(notice: Notice): Promise<void>;
}

export const NOTICES_PER_RUN = 100;

/**
 * Primary course:
 * 1. Read the oldest pending notices from the outbox index (no scan).
 * 2. Hand each to the delivery adapter, its text in the region's script.
 * 3. Mark it delivered (it leaves the index); a failure counts an attempt and stays pending.
 */
export async function deliverPendingNotices(
  ctx: UseCaseContext,
  delivery: NoticeDelivery,
): Promise<{ delivered: number; failed: number }> {
  const pending = await ctx.store.outbox.pending(NOTICES_PER_RUN);
  const script = regionScript(ctx.config.region.region.language);
  let delivered = 0;
  let failed = 0;
  for (const notice of pending) {
    try {
      await delivery.send(inRegionScript(notice, script));
      if (await ctx.store.outbox.markDelivered(notice, ctx.now().toISOString())) delivered++;
    } catch (error) {
      failed++;
      logger.warn('notice delivery failed', {
        caseId: notice.caseId,
        noticeId: notice.noticeId,
        ...errorFields(error),
      });
      await ctx.store.outbox.countAttempt(notice);
    }
  }
  return { delivered, failed };
}
