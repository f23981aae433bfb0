// Reading a case file as staff may see it: the file whole, its timeline verified, its notices,
// and the same petitioner's other files. Personal data masked unless the role needs it.
import { authorize, maskNotice, maskPersonal, personalAsShown, type Staff } from '../domain/access.ts';
import { firstMismatchWithAnchor, firstTamperedPoint, lastAnchoredDay } from '../domain/timeline.ts';
import { caseFor, caseNotFound } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import { readsPersonalData } from './personal-reads.ts';

/**
 * The case file as this person may see it: hidden entirely from a department it complains
 * about, personal data masked unless the role needs it, and every unmasked read recorded.
 */
export async function readCaseAs(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const partition = await ctx.store.cases.whole(caseId);
  if (!partition) throw caseNotFound(caseId);
  authorize(staff, partition.caseFile, 'read');
  // Restricted personal data is not shown at all: an archivist looks it up, with a reason.
  const { restricted } = partition.caseFile;
  const personal = restricted ? undefined : partition.personal;
  const unmasked = await readsPersonalData(ctx, partition.caseFile, staff, Boolean(personal));
  // The same person's other files (the petitioner index), for those who may know who it is.
  const otherFiles = unmasked ? await otherFilesOf(ctx, caseId) : null;
  const { personal: _stored, dataRequests: contents, ...rest } = partition;
  // The petitioner's requests about their data; what they asked (personal) only unmasked.
  const dataRequests = Object.values(partition.caseFile.dataRequests ?? {}).map((request) => {
    const content = unmasked ? contents.find((c) => c.requestId === request.requestId) : undefined;
    return {
      ...request,
      asked: content
        ? {
            text: content.text,
            ...(content.phone && { phone: content.phone }),
            ...(content.address && { address: content.address }),
          }
        : null,
    };
  });
  return {
    ...rest,
    dataRequests,
    ...(personal && { personal: unmasked ? personalAsShown(personal) : maskPersonal(personal) }),
    personalMasked: !unmasked,
    otherFiles,
  };
}

/** The petitioner's other case files, newest first. */
export async function otherFilesOf(ctx: UseCaseContext, caseId: string, hashes?: string[]) {
  const files = await ctx.store.queries.casesOfPetitioner(
    hashes ?? (await ctx.store.cases.identityHashes(caseId)),
  );
  return files.filter((f) => f.caseId !== caseId).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
}

/**
 * The timeline verified: its chain, the case record against it, and its last day's head
 * against the anchor kept outside the table; the first point that does not hold is named.
 */
export async function readTimeline(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'read');
  const timeline = await ctx.store.cases.timeline(caseId);
  const day = lastAnchoredDay(timeline, ctx.now().toISOString().slice(0, 10));
  const anchor = day ? await ctx.anchors?.get(day) : undefined;
  const firstTampered =
    firstTamperedPoint(caseFile, timeline) ??
    (anchor && firstMismatchWithAnchor(caseId, timeline, anchor)) ??
    null;
  return {
    timeline,
    intact: firstTampered === null,
    firstTampered,
    anchor: anchor ? { day: anchor.day, digest: anchor.digest } : null,
  };
}

/** A case's notices, masked as the case view is (and an unmasked read in the read log). */
export async function readNotices(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'list_notices');
  const notices = await ctx.store.cases.notices(caseId);
  const toPetitioners = notices.some((n) => n.recipient.kind === 'petitioner');
  return (await readsPersonalData(ctx, caseFile, staff, toPetitioners))
    ? notices
    : notices.map((notice) => maskNotice(notice, caseFile.receiptCode));
}
