import { describe, expect, it } from 'vitest';
import type { Staff } from '../../../shared/domain/access.ts';
import type { CaseFile } from '../../../shared/domain/case.ts';
import { addDays } from '../../../shared/domain/clock.ts';
import type { Outcome } from '../../../shared/domain/procedure-terms.ts';
import { gravityOf, opinionDigest } from '../../../shared/domain/sign-off.ts';
import { ConflictError, ForbiddenError } from '../../../shared/errors.ts';
import { checkDeadlines } from '../../../shared/usecases/check-deadlines.ts';
import { recuse } from '../../../shared/usecases/ownership.ts';
import { decideOpinion, draftOpinion, markMajor } from '../../../shared/usecases/sign-off.ts';
import { submitPetition } from '../../../shared/usecases/submit-petition.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { listCases } from '../../../shared/usecases/work-queues.ts';
import { opinionFields } from '../../fixtures/petitions.ts';
import { publicCaller, staff, type TestContext, useCaseContext } from '../../fixtures/use-case-context.ts';
import { answeredCase, assignedCase } from '../../fixtures/walks.ts';

const natres = staff.department('natres');
const opinion = (outcome: Outcome = 'supported') => ({
  action: 'issue_opinion' as const,
  ...opinionFields(outcome),
  outcome,
});
const latestOf = (caseFile: CaseFile) => {
  const latest = caseFile.opinionDrafts?.at(-1)?.versions.at(-1);
  if (!latest) throw new Error('no draft');
  return { version: latest.version, digest: latest.digest };
};
const sign = (ctx: TestContext, caseFile: CaseFile, who: Staff) =>
  decideOpinion(ctx, caseFile.caseId, { decision: 'sign', ...latestOf(caseFile) }, who);
const opinionNotices = async (ctx: TestContext, caseId: string) =>
  (await ctx.store.cases.notices(caseId)).filter((n) => n.type === 'opinion');

describe('an opinion goes out only signed off by the right leader', () => {
  it('is drafted, returned with comments, revised, then signed: only the signed version is issued', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    const drafted = await draftOpinion(ctx, caseId, opinion('partly_supported'), natres);
    expect(drafted.status).toBe('assigned');
    expect(drafted.deadlines.signOff).toMatchObject({
      owedBy: 'office',
      unit: 'working',
      startedBy: 'opinion_drafted',
    });
    expect(await opinionNotices(ctx, caseId)).toHaveLength(0);

    const returned = await decideOpinion(
      ctx,
      caseId,
      { decision: 'return', ...latestOf(drafted), comments: '事實部分請補充測量結果' },
      staff.deputy(),
    );
    expect(returned.opinionDrafts?.[0]).toMatchObject({
      state: 'returned',
      decisions: [{ decision: 'returned' }],
    });
    expect(returned.deadlines.signOff).toBeUndefined();
    await expect(draftOpinion(ctx, caseId, opinion(), natres)).rejects.toBeInstanceOf(ConflictError);

    const revised = await draftOpinion(ctx, caseId, opinion('supported'), natres, 1);
    const signed = await sign(ctx, revised, staff.deputy('off-12'));
    expect(signed.status).toBe('opinion_issued');
    expect(signed.opinion).toMatchObject({
      outcome: 'supported',
      signedOff: {
        version: 2,
        digest: opinionDigest(opinion('supported')),
        officialId: 'off-12',
        role: 'deputy_head',
        gravity: 'ordinary',
      },
    });
    expect(signed.opinionDrafts?.[0]?.versions.map((v) => v.text.outcome)).toEqual([
      'partly_supported',
      'supported',
    ]);
    expect(signed.deadlines.signOff).toBeUndefined();
    expect(await opinionNotices(ctx, caseId)).toHaveLength(1);
    const types = (await ctx.store.cases.timeline(caseId)).map((e) => e.type);
    expect(types.slice(-5)).toEqual([
      'opinion_drafted',
      'opinion_returned',
      'opinion_drafted',
      'opinion_signed',
      'issue_opinion',
    ]);
  });

  it('refuses the opinion as a plain step, a deputy on a major matter, a changed draft, and a recused leader', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    await expect(takeStep(ctx, caseId, opinion(), natres)).rejects.toBeInstanceOf(ConflictError);
    const first = await draftOpinion(ctx, caseId, opinion(), natres);
    const marked = await markMajor(ctx, caseId, '涉及多個部門、群眾反映強烈', staff.supervisor);
    expect(gravityOf(marked, ctx.config.region)).toEqual({ level: 'major', grounds: ['marked'] });
    await expect(sign(ctx, first, staff.deputy())).rejects.toBeInstanceOf(ForbiddenError);

    const revised = await draftOpinion(ctx, caseId, opinion('explained'), natres, 1);
    // The head read version 1: the draft changed since.
    await expect(sign(ctx, first, staff.head)).rejects.toBeInstanceOf(ConflictError);
    await recuse(ctx, caseId, 'off-09', '親屬關係', { ...staff.head, roles: ['head', 'official'] });
    await expect(sign(ctx, revised, staff.head)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await opinionNotices(ctx, caseId)).toHaveLength(0);
    expect((await ctx.store.cases.get(caseId))?.status).toBe('assigned');
  });

  it('refuses a leader signing their own draft, and one the region does not name', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    const drafted = await draftOpinion(ctx, caseId, opinion(), natres);
    await expect(
      sign(ctx, drafted, { sub: natres.sub, roles: ['head'], officialId: 'off-09' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sign(ctx, drafted, staff.deputy('off-04'))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('reminds the leader a draft waits for before its sign-off deadline', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    const drafted = await draftOpinion(ctx, caseId, opinion(), natres);
    const due = drafted.deadlines.signOff?.dueDate ?? '';
    ctx.clock.set(`${addDays(due, -1)}T02:00:00Z`);
    await checkDeadlines(ctx);
    const reminders = (await ctx.store.cases.notices(caseId)).filter((n) => n.type === 'escalation');
    expect(reminders.map((n) => n.recipient)).toContainEqual(
      expect.objectContaining({ to: 'role:deputy_head' }),
    );
    expect(reminders.at(-1)?.text.zh).toContain('領導簽發意見');
  });

  it('makes a matter major when the petitioner raises it again after an opinion, not before', async () => {
    const ctx = useCaseContext();
    const { caseId, intake } = await answeredCase(ctx);
    expect(gravityOf(await caseNow(ctx, caseId), ctx.config.region).level).toBe('ordinary');
    await submitPetition(ctx, { ...intake, receivedAt: ctx.now().toISOString() }, publicCaller);
    const again = await caseNow(ctx, caseId);
    expect(again.repeatCount).toBe(1);
    expect(gravityOf(again, ctx.config.region)).toEqual({
      level: 'major',
      grounds: ['repeat_after_opinion'],
    });

    const before = await assignedCase(ctx, 'natres', { subject: '另一事項：道路積水' });
    await submitPetition(ctx, { ...before.intake, receivedAt: ctx.now().toISOString() }, publicCaller);
    const beforeOpinion = await caseNow(ctx, before.caseId);
    expect(beforeOpinion.repeatCount).toBe(1);
    expect(gravityOf(beforeOpinion, ctx.config.region).level).toBe('ordinary');
  });

  it('lists a draft in its leader’s sign-off queue: a deputy the ordinary ones, the head the major ones', async () => {
    const ctx = useCaseContext();
    const ordinary = await assignedCase(ctx);
    const major = await assignedCase(ctx, 'natres', { coSigners: 8 });
    await draftOpinion(ctx, ordinary.caseId, opinion(), natres);
    await draftOpinion(ctx, major.caseId, opinion(), natres);
    const deputyQueue = await listCases(ctx, staff.deputy(), { view: 'sign-off', limit: 10 });
    const headQueue = await listCases(ctx, staff.head, { view: 'sign-off', limit: 10 });
    expect(deputyQueue.cases.map((c) => c.caseId)).toEqual([ordinary.caseId]);
    expect(headQueue.cases.map((c) => c.caseId)).toEqual([major.caseId]);
    // The gravity rides on every queue entry: any queue shows which is which.
    const unowned = await listCases(ctx, staff.supervisor, { view: 'unowned', limit: 10 });
    expect(Object.fromEntries(unowned.cases.map((c) => [c.caseId, c.gravity]))).toEqual({
      [ordinary.caseId]: 'ordinary',
      [major.caseId]: 'major',
    });
  });
});

async function caseNow(ctx: TestContext, caseId: string): Promise<CaseFile> {
  const found = await ctx.store.cases.get(caseId);
  if (!found) throw new Error(`no case ${caseId}`);
  return found;
}
