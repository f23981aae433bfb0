// Staff reads of a case file (timeline, notices) and the comparison of matters, over the memory store.
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { linkDuplicate, unlinkDuplicate } from '../../../shared/usecases/duplicates.ts';
import { readNotices, readTimeline } from '../../../shared/usecases/read-case-file.ts';
import {
  checkLikelyRepeat,
  checkLikelyRepeatAs,
  findSimilar,
  reviewSimilar,
  similarToDraft,
} from '../../../shared/usecases/similar-matters.ts';
import { submitPetition } from '../../../shared/usecases/submit-petition.ts';
import { staffCase } from '../../fixtures/petitions.ts';
import { staff, staffCaller, useCaseContext } from '../../fixtures/use-case-context.ts';
import { openCase } from '../../fixtures/walks.ts';

const SUBJECT = '柳樹村征地補償款未發放到戶';

describe('readTimeline', () => {
  it('answers the timeline with its chain checked', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    const read = await readTimeline(ctx, caseId, staff.clerk);
    expect(read).toMatchObject({ intact: true, firstTampered: null, anchor: null });
    expect(read.timeline.map((e) => e.type)).toEqual(['received']);
  });

  it('names the first point that does not hold when the record was edited behind the chain', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    const caseFile = await ctx.store.cases.get(caseId);
    if (!caseFile) throw new Error('no case');
    // An edit of the record alone, as someone with table access might make it.
    const edited = { ...caseFile, subject: '改過的事由' };
    await ctx.store.cases.change([{ current: caseFile, next: edited, events: [] }]);
    expect((await readTimeline(ctx, caseId, staff.clerk)).intact).toBe(false);
    await expect(readTimeline(ctx, 'nothing', staff.clerk)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('readNotices', () => {
  it('gives the clerk the notices unmasked, and masks them for an auditor', async () => {
    const ctx = useCaseContext();
    const letter = staffCase({ receivedAt: ctx.now().toISOString() });
    const { caseId } = await submitPetition(ctx, letter, staffCaller(staff.clerk));
    const [clerkSees] = await readNotices(ctx, caseId, staff.clerk);
    expect(clerkSees?.recipient).toMatchObject({ kind: 'petitioner', name: letter.petitioner.name });
    const [auditorSees] = await readNotices(ctx, caseId, staff.auditor);
    expect(JSON.stringify(auditorSees)).not.toContain(letter.petitioner.name);
    await expect(readNotices(ctx, caseId, staff.official())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('similar matters', () => {
  it('suggests the same area’s alike matter, and records a review of it', async () => {
    const ctx = useCaseContext();
    const earlier = await openCase(ctx, { subject: SUBJECT });
    ctx.clock.advance(60_000);
    const later = await openCase(ctx, { subject: `${SUBJECT}（再次）` });
    const suggestions = await findSimilar(ctx, later.caseId, staff.clerk);
    expect(suggestions[0]).toMatchObject({ caseId: earlier.caseId, samePetitioner: false, reviewed: null });
    const draft = await similarToDraft(
      ctx,
      { township: 'liushu', category: 'land', subject: SUBJECT, description: '補償款未發放' },
      staff.clerk,
    );
    expect(draft.map((s) => s.caseId)).toContain(earlier.caseId);
    const reviewed = await reviewSimilar(ctx, later.caseId, earlier.caseId, 'dismissed', staff.clerk);
    expect(reviewed.similarReviews?.[earlier.caseId]?.decision).toBe('dismissed');
    await expect(
      reviewSimilar(ctx, later.caseId, later.caseId, 'dismissed', staff.clerk),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(findSimilar(ctx, later.caseId, staff.department('natres'))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('flags a likely repeat of the same petitioner’s earlier file, once', async () => {
    const ctx = useCaseContext();
    const earlier = await openCase(ctx, { subject: SUBJECT });
    const petitioner = { ...earlier.intake.petitioner, phone: String(earlier.intake.petitioner.phone) };
    ctx.clock.advance(60_000);
    const later = await openCase(ctx, {
      petitioner,
      subject: `${SUBJECT}，至今未解決`,
      description: '補償款仍未發放到戶，請求盡快處理。',
    });
    const flagged = await checkLikelyRepeat(ctx, later.caseId);
    expect(flagged).toMatchObject({ caseId: earlier.caseId });
    expect(await checkLikelyRepeatAs(ctx, later.caseId, staff.clerk)).toEqual(flagged);
    await expect(checkLikelyRepeatAs(ctx, later.caseId, staff.auditor)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('duplicates', () => {
  it('links a duplicate into its main file and unlinks it, both timelines recording it', async () => {
    const ctx = useCaseContext();
    const main = await openCase(ctx);
    const duplicate = await openCase(ctx, { subject: '另一位村民：同一征地補償' });
    const linked = await linkDuplicate(ctx, duplicate.caseId, main.caseId, '同一事項', staff.clerk);
    expect(linked.duplicateOf).toBe(main.caseId);
    expect((await ctx.store.cases.timeline(main.caseId)).at(-1)?.type).toBe('duplicate_linked');
    await expect(
      linkDuplicate(ctx, main.caseId, duplicate.caseId, '反向', staff.clerk),
    ).rejects.toBeInstanceOf(ConflictError);
    const unlinked = await unlinkDuplicate(ctx, duplicate.caseId, '誤併', staff.clerk);
    expect(unlinked.duplicateOf).toBeUndefined();
  });

  it('refuses a self-link and an unlink of a case that is not linked', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await expect(linkDuplicate(ctx, caseId, caseId, '同一', staff.clerk)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(unlinkDuplicate(ctx, caseId, '無', staff.clerk)).rejects.toBeInstanceOf(ConflictError);
  });
});
