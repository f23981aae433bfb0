// Triage at the reception desk (改革接訪方式): tell each visitor at once where the matter
// stands; register only what is new, and see first-time petitioners first.

import type { Staff } from '../domain/access.ts';
import { type CaseFile, currentDeadlines, localDateOf } from '../domain/case.ts';
import { everyForm, petitionerIdentity } from '../domain/matching.ts';
import type { WebPetition } from '../domain/petition.ts';
import { parseReceiptCode } from '../domain/receipt-code.ts';
import { type Bilingual, NotFoundError } from '../errors.ts';
import type { Caller, UseCaseContext } from './context.ts';
import type { QueueEntry, VisitorStep } from './ports.ts';
import { otherFilesOf } from './read-case-file.ts';
import { publicReceptionDays } from './reception.ts';
import { submitPetition } from './submit-petition.ts';

export type TriageDecision =
  | { decision: 'see_owner'; caseId: string; owner: { id: string; name: string; title: Bilingual } }
  | { decision: 'within_period'; caseId: string; stage: string; dueDate: string; article: string }
  | { decision: 'go_first'; competentBody: { code: string; name: Bilingual } }
  | { decision: 'queued'; caseId: string; receiptCode: string; firstTime: boolean; position: number };

async function caseOnFile(ctx: UseCaseContext, receiptCode?: string, petition?: WebPetition) {
  if (receiptCode) {
    const code = parseReceiptCode(receiptCode);
    const receipt = code ? await ctx.store.receipts.get(code) : undefined;
    return receipt && (await ctx.store.cases.get(receipt.caseId));
  }
  if (!petition) return undefined;
  const intake = { ...petition, channel: 'visit' as const, receivedAt: ctx.now().toISOString() };
  const fingerprints = everyForm(petitionerIdentity(intake, await ctx.peppers()), 'matterFingerprints');
  const caseId = (await ctx.store.cases.casesOfMatters(fingerprints)).find(Boolean);
  return caseId ? ctx.store.cases.get(caseId) : undefined;
}

/** The department or township that should hear the matter first (誰主管、誰負責). */
function competentBody(ctx: UseCaseContext, petition: WebPetition) {
  const { categories, departments, townships } = ctx.config.region;
  const lead = categories.find((c) => c.code === petition.category)?.leadDepartment;
  const department = lead && lead !== 'township-gov' ? departments.find((d) => d.code === lead) : undefined;
  return (
    department ?? (townships.find((t) => t.code === petition.township) as { code: string; name: Bilingual })
  );
}

async function enqueue(
  ctx: UseCaseContext,
  caseFile: Pick<CaseFile, 'caseId' | 'receiptCode'>,
  firstTime: boolean,
) {
  const now = ctx.now();
  const date = localDateOf(now, ctx.config.region);
  await ctx.store.reception.enqueue({
    date,
    caseId: caseFile.caseId,
    receiptCode: caseFile.receiptCode,
    firstTime,
    at: now.toISOString(),
  });
  const queue = await ctx.store.reception.queue(date);
  return queue.findIndex((entry) => entry.caseId === caseFile.caseId) + 1;
}

/**
 * Primary course:
 * 1. Find the matter on file, by receipt code or by the visitor's identity and matter.
 * 2. It has an owner: the visitor goes to that official, no new interview.
 * 3. It is within a handling period: the visitor is told the due date, no new interview.
 * 4. A new matter never raised with the competent department or township goes there first.
 * 5. Otherwise it is registered through intake (so one file per matter holds) and queued;
 *    first-time petitioners are seen first.
 */
export async function triage(
  ctx: UseCaseContext,
  visit: { receiptCode?: string; petition?: WebPetition },
  caller: Caller,
): Promise<TriageDecision & { otherFiles: Array<{ caseId: string; receivedAt: string }> }> {
  const found = await caseOnFile(ctx, visit.receiptCode, visit.petition);
  const decision = await decide(ctx, visit, caller, found);
  // The same person's other files, so the desk sees the whole history at once.
  const hashes = visit.petition
    ? everyForm(petitionerIdentity(visit.petition, await ctx.peppers()), 'identityHashes')
    : found && (await ctx.store.cases.identityHashes(found.caseId));
  const thisCase = 'caseId' in decision ? decision.caseId : '';
  const otherFiles = hashes ? await otherFilesOf(ctx, thisCase, hashes) : [];
  return { ...decision, otherFiles };
}

async function decide(
  ctx: UseCaseContext,
  visit: { receiptCode?: string; petition?: WebPetition },
  caller: Caller,
  found: CaseFile | undefined,
): Promise<TriageDecision> {
  const today = localDateOf(ctx.now(), ctx.config.region);
  if (found?.ownerId) {
    const owner = ctx.config.region.officials.find((o) => o.id === found.ownerId);
    return {
      decision: 'see_owner',
      caseId: found.caseId,
      owner: {
        id: found.ownerId,
        name: owner?.name ?? found.ownerId,
        title: owner?.title ?? { zh: '', en: '' },
      },
    };
  }
  const running = found && currentDeadlines(found).find((d) => d.owedBy === 'office' && today <= d.dueDate);
  if (found && running) {
    return {
      decision: 'within_period',
      caseId: found.caseId,
      stage: running.stage,
      dueDate: running.dueDate,
      article: running.article,
    };
  }
  const { petition } = visit;
  if (!found && petition) {
    const body = competentBody(ctx, petition);
    if (!(petition.previouslyRaisedWith ?? []).includes(body.code)) {
      return { decision: 'go_first', competentBody: { code: body.code, name: body.name } };
    }
  }
  if (petition) {
    const body = await submitPetition(
      ctx,
      { ...petition, channel: 'visit', receivedAt: ctx.now().toISOString() },
      caller,
    );
    const firstTime = !body.alreadyOnFile;
    return {
      decision: 'queued',
      caseId: body.caseId,
      receiptCode: body.receiptCode,
      firstTime,
      position: await enqueue(ctx, body, firstTime),
    };
  }
  if (!found) {
    throw new NotFoundError({
      zh: '沒有與此回執碼相符的案件；請登記信訪事項。',
      en: 'No case has this receipt code; register the matter instead.',
    });
  }
  // A repeat visit on a case past its periods, without a new petition: seen after first-timers.
  const onFile = found;
  return {
    decision: 'queued',
    caseId: onFile.caseId,
    receiptCode: onFile.receiptCode,
    firstTime: false,
    position: await enqueue(ctx, onFile, false),
  };
}

/** The desk calls a visitor, then the official sees them: recorded once each, in that order. */
export async function markVisitor(
  ctx: UseCaseContext,
  date: string,
  caseId: string,
  step: VisitorStep,
  staff: Staff,
): Promise<QueueEntry> {
  const entry = (await ctx.store.reception.queue(date)).find((e) => e.caseId === caseId);
  if (!entry) {
    throw new NotFoundError({
      zh: `${date} 的接待隊列中沒有案件 ${caseId}。`,
      en: `Case ${caseId} is not in the queue of ${date}.`,
    });
  }
  if (entry[step]) return entry;
  return ctx.store.reception.markVisitor(entry, step, { at: ctx.now().toISOString(), by: staff.sub });
}

/** The desk's queue of a day, and who receives visitors that day (the published officials). */
export async function dayQueue(ctx: UseCaseContext, date: string) {
  const [queue, [receiving]] = await Promise.all([
    ctx.store.reception.queue(date),
    publicReceptionDays(ctx, date, date),
  ]);
  return { date, receiving: receiving?.officials ?? [], queue };
}
