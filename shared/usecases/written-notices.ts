// Written notices (書面告知): each gets its document number when first issued (by the
// delivery run, or when staff open it first); those that go by post wait in the print queue
// until a clerk records how each reached the addressee.
import type { Staff } from '../domain/access.ts';
import { localDateOf } from '../domain/case.ts';
import { documentNumber, isWrittenNotice, type WrittenNotice, writtenNotice } from '../domain/documents.ts';
import type { Delivery, Notice } from '../domain/notices.ts';
import { regionScript } from '../domain/region-script.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { caseFor } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

/** How many notices the print queue shows at once (a county posts a few a day). */
export const PRINT_QUEUE_LIMIT = 200;

const noticeNotFound = (noticeId: string) =>
  new NotFoundError({ zh: `找不到告知 ${noticeId}。`, en: `Notice ${noticeId} was not found.` });

/**
 * Gives a written notice its document number, once: the year's next number of the bureau,
 * then the notice, guarded so the first number stands (a lost race leaves a number unused).
 */
export async function issueDocument(ctx: UseCaseContext, notice: Notice): Promise<Notice> {
  if (notice.document || !isWrittenNotice(notice)) return notice;
  const { region } = ctx.config;
  const issuedOn = localDateOf(ctx.now(), region);
  const year = Number(issuedOn.slice(0, 4));
  const sequence = await ctx.store.outbox.nextDocumentNumber(year);
  // Stored as printed: in the region's script (珠信告〔2026〕12号).
  const number = regionScript(region.region.language)(documentNumber(region, year, sequence));
  return ctx.store.outbox.issueDocument(notice, { number, issuedOn });
}

/** The document of one written notice of a case this person may read the notices of. */
export async function readWrittenNotice(
  ctx: UseCaseContext,
  caseId: string,
  noticeId: string,
  staff: Staff,
): Promise<WrittenNotice> {
  await caseFor(ctx, caseId, staff, 'list_notices');
  const notice = await ctx.store.outbox.get(caseId, noticeId);
  if (!notice || !isWrittenNotice(notice)) throw noticeNotFound(noticeId);
  return documentOf(ctx, await issueDocument(ctx, notice));
}

function documentOf(ctx: UseCaseContext, notice: Notice): WrittenNotice {
  if (!isWrittenNotice(notice) || !notice.document)
    throw new Error(`Notice ${notice.noticeId} has no document`);
  return writtenNotice({ ...notice, document: notice.document }, ctx.config.region);
}

/** The notices waiting to be printed and posted, oldest first, each as its document. */
export async function printQueue(ctx: UseCaseContext) {
  const waiting = await ctx.store.outbox.toPost(PRINT_QUEUE_LIMIT);
  return Promise.all(
    waiting.map(async (notice) => {
      const issued = await issueDocument(ctx, notice);
      return {
        ...documentOf(ctx, issued),
        address: issued.recipient.kind === 'petitioner' ? (issued.recipient.address ?? null) : null,
        waitingSince: issued.createdAt,
      };
    }),
  );
}

/** A clerk records how a posted notice reached its addressee: once; it leaves the print queue. */
export async function recordDelivery(
  ctx: UseCaseContext,
  caseId: string,
  noticeId: string,
  how: Pick<Delivery, 'method' | 'on' | 'trackingNumber' | 'signedBy'>,
  staff: Staff,
): Promise<WrittenNotice> {
  await caseFor(ctx, caseId, staff, 'list_notices');
  const delivery: Delivery = { ...how, recordedBy: staff.sub, recordedAt: ctx.now().toISOString() };
  const outcome = await ctx.store.outbox.recordDelivery(caseId, noticeId, delivery);
  if (outcome === 'notFound') throw noticeNotFound(noticeId);
  if (outcome === 'notToPost') {
    throw new ConflictError({
      zh: '此告知不在待郵寄清單中（已送達或將以短信送達）。',
      en: 'This notice is not waiting to be posted (it was delivered, or goes by SMS).',
    });
  }
  const recorded = await ctx.store.outbox.get(caseId, noticeId);
  if (!recorded) throw noticeNotFound(noticeId);
  return documentOf(ctx, await issueDocument(ctx, recorded));
}
