// Reception days, the visitor desk, joint review and the backlog drive, over the memory store.
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/domain/local-time.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import {
  backlogProgress,
  completeJointReviewTask,
  conveneJointReview,
  listInBacklog,
  recordJointReviewMinutes,
} from '../../../shared/usecases/joint-review.ts';
import { claimCase } from '../../../shared/usecases/ownership.ts';
import {
  coverageReport,
  publicReceptionDays,
  publishYear,
  receivingOfficials,
  recordAbsence,
  setReceivingOfficials,
  swapReceptionDay,
} from '../../../shared/usecases/reception.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { dayQueue, markVisitor, triage } from '../../../shared/usecases/triage.ts';
import { opinionFields, webPetition } from '../../fixtures/petitions.ts';
import { staff, staffCaller, testClock, useCaseContext } from '../../fixtures/use-case-context.ts';
import { assignedCase, openCase, signedOpinion } from '../../fixtures/walks.ts';

const YEAR = 2027;

describe('reception days', () => {
  it('publishes two officials a working day, once a year unless replaced', async () => {
    const ctx = useCaseContext();
    const published = await publishYear(ctx, YEAR, false);
    expect(published.days).toBeGreaterThan(240);
    const [first] = await publicReceptionDays(ctx, `${YEAR}-01-01`, `${YEAR}-01-31`);
    expect(first?.officials).toHaveLength(2);
    expect(first?.officials[0]?.name).toMatch(/某$/);
    expect((await coverageReport(ctx, YEAR)).year).toBe(YEAR);
    await expect(publishYear(ctx, YEAR, false)).rejects.toBeInstanceOf(ConflictError);
    expect((await publishYear(ctx, YEAR, true)).days).toBe(published.days);
  });

  it('keeps the receiving officials the administrator names, and refuses one the region does not know', async () => {
    const ctx = useCaseContext();
    expect(await receivingOfficials(ctx)).toEqual(ctx.config.region.officials.map((o) => o.id));
    await setReceivingOfficials(ctx, ['off-01', 'off-02', 'off-03']);
    expect(await receivingOfficials(ctx)).toEqual(['off-01', 'off-02', 'off-03']);
    await expect(setReceivingOfficials(ctx, ['off-99'])).rejects.toBeInstanceOf(ConflictError);
  });

  it('covers an absence with another official, and swaps a day’s official', async () => {
    const ctx = useCaseContext();
    await publishYear(ctx, YEAR, false);
    const [day] = await ctx.store.reception.days(YEAR, `${YEAR}-03-01`, `${YEAR}-03-31`);
    const away = day?.officials[0] as string;
    const covered = await recordAbsence(ctx, {
      officialId: away,
      from: day?.date as string,
      to: day?.date as string,
      reason: '出差',
    });
    expect(covered.changed.map((d) => d.date)).toEqual([day?.date]);
    expect((await ctx.store.reception.day(day?.date as string))?.officials).not.toContain(away);
    await expect(
      recordAbsence(ctx, { officialId: away, from: `${YEAR}-03-10`, to: `${YEAR}-03-01`, reason: '倒置' }),
    ).rejects.toBeInstanceOf(ConflictError);

    const [later] = await ctx.store.reception.days(YEAR, `${YEAR}-04-01`, `${YEAR}-04-30`);
    const out = later?.officials[0] as string;
    const into = ctx.config.region.officials
      .map((o) => o.id)
      .find((id) => !later?.officials.includes(id)) as string;
    expect((await swapReceptionDay(ctx, later?.date as string, out, into)).officials).toContain(into);
    await expect(swapReceptionDay(ctx, `${YEAR}-01-01`, out, into)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the visitor desk', () => {
  it('sends a new matter to its competent department first, then registers and queues it', async () => {
    const ctx = useCaseContext();
    const petition = webPetition();
    const first = await triage(ctx, { petition }, staffCaller(staff.clerk));
    expect(first).toMatchObject({ decision: 'go_first', competentBody: { code: 'natres' } });
    const raised = { ...petition, previouslyRaisedWith: ['natres'] };
    const queued = await triage(ctx, { petition: raised }, staffCaller(staff.clerk));
    expect(queued).toMatchObject({ decision: 'queued', firstTime: true, position: 1 });
    const today = localDate(ctx.now(), 'Asia/Shanghai');
    const { queue } = await dayQueue(ctx, today);
    expect(queue.map((e) => e.caseId)).toEqual(['caseId' in queued ? queued.caseId : '']);
  });

  it('tells a visitor with a case within its period the due date, and one with an owner to see the owner', async () => {
    const ctx = useCaseContext();
    const { receiptCode, caseId } = await openCase(ctx);
    expect(await triage(ctx, { receiptCode }, staffCaller(staff.clerk))).toMatchObject({
      decision: 'within_period',
      caseId,
      stage: 'register',
    });
    await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, staff.clerk);
    await claimCase(ctx, caseId, staff.official('off-04'));
    expect(await triage(ctx, { receiptCode }, staffCaller(staff.clerk))).toMatchObject({
      decision: 'see_owner',
      owner: { id: 'off-04' },
    });
    await expect(
      triage(ctx, { receiptCode: 'ABCD-EFGH-JK' }, staffCaller(staff.clerk)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('marks a queued visitor called once, and refuses one not in the day’s queue', async () => {
    const ctx = useCaseContext();
    const petition = { ...webPetition(), previouslyRaisedWith: ['natres'] };
    const queued = await triage(ctx, { petition }, staffCaller(staff.clerk));
    const caseId = 'caseId' in queued ? queued.caseId : '';
    const today = localDate(ctx.now(), 'Asia/Shanghai');
    const called = await markVisitor(ctx, today, caseId, 'called', staff.clerk);
    expect(called.called?.by).toBe('clerk-1');
    ctx.clock.advance(60_000);
    expect((await markVisitor(ctx, today, caseId, 'called', staff.supervisor)).called).toEqual(called.called);
    await expect(markVisitor(ctx, today, 'nothing', 'called', staff.clerk)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('joint review', () => {
  const meeting = {
    meetingType: '集體會診',
    date: '2026-11-20',
    departments: ['natres', 'hrss'],
    officials: ['off-04'],
  };

  it('convenes, records minutes with tasks, and lets the task’s department report it done', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-11-10T02:00:00Z')) });
    const { caseId } = await assignedCase(ctx);
    await conveneJointReview(ctx, caseId, meeting, staff.supervisor);
    const minutes = {
      rootCause: '補償標準與實際不符',
      direction: '先行墊付',
      decisions: [
        { text: '人社局核實', department: 'hrss', dueDate: '2026-11-30' },
        { text: '各部門加強溝通' },
      ],
    };
    const recorded = await recordJointReviewMinutes(ctx, caseId, '1', minutes, staff.supervisor);
    expect(Object.keys(recorded.tasks ?? {})).toEqual(['1-1']);
    await expect(
      completeJointReviewTask(ctx, caseId, '1-1', '越權', staff.department('natres')),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const done = await completeJointReviewTask(ctx, caseId, '1-1', '已核實', staff.department('hrss'));
    expect(done.tasks?.['1-1']).toMatchObject({ done: { on: '2026-11-10', report: '已核實' } });
    await expect(
      recordJointReviewMinutes(ctx, caseId, '1', minutes, staff.supervisor),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a task for the department the case complains about (art. 30)', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx, 'natres', { complainsAbout: ['agri'] });
    await conveneJointReview(ctx, caseId, meeting, staff.supervisor);
    const minutes = {
      rootCause: '原因',
      direction: '方向',
      decisions: [{ text: '任務', department: 'agri', dueDate: '2099-01-01' }],
    };
    await expect(
      recordJointReviewMinutes(ctx, caseId, '1', minutes, staff.supervisor),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('the backlog drive', () => {
  it('lists a case once a year and counts it resolved when its opinion is issued', async () => {
    const ctx = useCaseContext();
    const { caseId } = await assignedCase(ctx);
    await listInBacklog(ctx, caseId, YEAR, staff.supervisor);
    await expect(listInBacklog(ctx, caseId, YEAR, staff.supervisor)).rejects.toBeInstanceOf(ConflictError);
    expect(await backlogProgress(ctx, YEAR)).toMatchObject({ listed: 1, resolved: 0 });
    await signedOpinion(
      ctx,
      caseId,
      { action: 'issue_opinion', ...opinionFields('supported') },
      staff.department('natres'),
    );
    expect(await backlogProgress(ctx, YEAR)).toMatchObject({
      listed: 1,
      resolved: 1,
      ratePercent: 100,
      cases: [{ caseId, resolved: true }],
    });
  });

  it('refuses a backlog listing by a clerk', async () => {
    const ctx = useCaseContext();
    const { caseId } = await openCase(ctx);
    await expect(listInBacklog(ctx, caseId, YEAR, staff.clerk)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
