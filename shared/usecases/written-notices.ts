// Written notices (書面告知): each gets its document number when first issued (by the
// delivery run, or when staff open it first); those that go by post wait in the print queue
// until a clerk records how each reached the addressee.

import { randomBytes } from 'node:crypto';
import { maskNotice, type Staff } from '../domain/access.ts';
import { localDateOf } from '../domain/case.ts';
import {
  checkCode,
  documentNumber,
  isWrittenNotice,
  type WrittenNotice,
  writtenNotice,
} from '../domain/documents.ts';
import type { Delivery, Notice } from '../domain/notices.ts';
import { regionScript } from '../domain/region-script.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { caseFor } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import { readsPersonalData } from './personal-reads.ts';

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
  return ctx.store.outbox.issueDocument(notice, { number, issuedOn, checkCode: checkCode(randomBytes) });
}

/**
 * The document of one written notice of a case this person may read the notices of: masked as
 * the case view is (an unmasked read in the read log); a notice not yet issued reads as its
 * draft, without a number (reading issues nothing).
 */
export async function readWrittenNotice(
  ctx: UseCaseContext,
  caseId: string,
  noticeId: string,
  staff: Staff,
): Promise<WrittenNotice> {
  const caseFile = await caseFor(ctx, caseId, staff, 'list_notices');
  const notice = await ctx.store.outbox.get(caseId, noticeId);
  if (!notice || !isWrittenNotice(notice)) throw noticeNotFound(noticeId);
  const unmasked = await readsPersonalData(ctx, caseFile, staff, true);
  return writtenNotice(unmasked ? notice : maskNotice(notice, caseFile.receiptCode), ctx.config.region);
}

function documentOf(ctx: UseCaseContext, notice: Notice): WrittenNotice {
  if (!isWrittenNotice(notice)) throw new Error(`Notice ${notice.noticeId} is not a written notice`);
  return writtenNotice(notice, ctx.config.region);
}

/**
 * The notices waiting to be printed and posted, oldest first, each as its document, numbered
 * now (they are about to go out); each case's addressee read goes in that case's read log.
 */
export async function printQueue(ctx: UseCaseContext, staff: Staff) {
  const waiting = await ctx.store.outbox.toPost(PRINT_QUEUE_LIMIT);
  const at = ctx.now().toISOString();
  await Promise.all(
    [...new Set(waiting.map((n) => n.caseId))].map((caseId) =>
      ctx.store.cases.recordPersonalRead(caseId, at, staff),
    ),
  );
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
  const caseFile = await caseFor(ctx, caseId, staff, 'list_notices');
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
  // The answer names the addressee: read as any other read of the case's personal data.
  const unmasked = await readsPersonalData(ctx, caseFile, staff, true);
  const issued = await issueDocument(ctx, recorded);
  return documentOf(ctx, unmasked ? issued : maskNotice(issued, caseFile.receiptCode));
}
