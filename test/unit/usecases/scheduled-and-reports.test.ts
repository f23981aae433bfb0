// The scheduled jobs (deadline check, daily anchor, migrations), the work queues and the reports,
// over the memory store.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/clock.ts';
import { ConflictError, ForbiddenError, UnavailableError, ValidationError } from '../../../shared/errors.ts';
import { createMemoryAnchors } from '../../../shared/store/memory.ts';
import { anchorYesterday } from '../../../shared/usecases/anchor-chains.ts';
import { checkDeadlines } from '../../../shared/usecases/check-deadlines.ts';
import { checkHealth } from '../../../shared/usecases/health.ts';
import { type Migration, runMigrations } from '../../../shared/usecases/migrations.ts';
import { claimCase } from '../../../shared/usecases/ownership.ts';
import { readTimeline } from '../../../shared/usecases/read-case-file.ts';
import { annualReport, summary } from '../../../shared/usecases/reports.ts';
import { countViews, listCases } from '../../../shared/usecases/work-queues.ts';
import { staff, testClock, useCaseContext } from '../../fixtures/use-case-context.ts';
import { assignedCase, openCase } from '../../fixtures/walks.ts';

describe('checkDeadlines', () => {
  it('records the escalation of an overdue registration once, with its notices', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-11-10T02:00:00Z')) });
    const { caseId } = await openCase(ctx);
    const due = (await ctx.store.cases.get(caseId))?.deadlines.register?.dueDate as string;
    ctx.clock.set(`${addDays(due, 2)}T02:00:00Z`);
    const first = await checkDeadlines(ctx);
    expect(first).toMatchObject({ recorded: true, deadlinesDue: 1 });
    expect(first.escalations).toBeGreaterThan(0);
    expect((await ctx.store.cases.timeline(caseId)).some((e) => e.type === 'escalated')).toBe(true);
    expect((await ctx.store.cases.notices(caseId)).some((n) => n.type === 'escalation')).toBe(true);
    const again = await checkDeadlines(ctx);
    expect(again.escalations).toBe(0);
  });

  it('tells the petitioner once when the handling period passes halfway, and once when it is overdue', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-11-10T02:00:00Z')) });
    const { caseId } = await assignedCase(ctx);
    const handle = (await ctx.store.cases.get(caseId))?.deadlines.handle;
    if (!handle) throw new Error('no handling period');
    const progress = async () => (await ctx.store.cases.notices(caseId)).filter((n) => n.type === 'progress');
    // Day 30 of 60 is half; day 31 has passed it (00:30 Beijing, the day's first run).
    ctx.clock.set(`${addDays(handle.startedOn, 29)}T16:30:00Z`);
    expect((await checkDeadlines(ctx)).progressNotices).toBe(0);
    ctx.clock.advance(24 * 3600 * 1000);
    const halfway = await checkDeadlines(ctx);
    expect(halfway).toMatchObject({ progressNotices: 1, escalations: 0 });
    expect(halfway.levels).toEqual([
      expect.objectContaining({ caseId, stage: 'handle', marks: ['halfway'], levels: [] }),
    ]);
    const [notice] = await progress();
    expect(notice?.text.zh).toContain(`預計於${handle.dueDate}前出具意見`);
    expect(notice?.text.zh).toContain('第34條');
    expect((await checkDeadlines(ctx)).progressNotices).toBe(0);
    ctx.clock.advance(24 * 3600 * 1000);
    expect((await checkDeadlines(ctx)).progressNotices).toBe(0);
    expect(await progress()).toHaveLength(1);

    ctx.clock.set(`${addDays(handle.dueDate, 1)}T02:00:00Z`);
    const late = await checkDeadlines(ctx);
    expect(late.levels).toEqual([expect.objectContaining({ marks: ['late'], levels: ['due'] })]);
    expect((await progress()).at(-1)?.text.zh).toContain(`法定期限${handle.dueDate}已過`);
    expect(await progress()).toHaveLength(2);
  });

  it('previews another day without writing, and refuses to record one', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-11-10T02:00:00Z')) });
    const { caseId } = await openCase(ctx);
    const preview = await checkDeadlines(ctx, { asOf: '2026-12-31' });
    expect(preview).toMatchObject({ recorded: false, deadlinesDue: 1 });
    expect((await ctx.store.cases.timeline(caseId)).map((e) => e.type)).toEqual(['received']);
    await expect(checkDeadlines(ctx, { asOf: '2026-12-31', record: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('anchorYesterday', () => {
  it('seals yesterday’s timeline heads once, and a timeline read checks against them', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-11-10T02:00:00Z')) });
    const anchors = createMemoryAnchors();
    const { caseId } = await openCase(ctx);
    ctx.clock.set('2026-11-11T01:00:00Z');
    expect(await anchorYesterday(ctx, anchors)).toEqual({ day: '2026-11-10', cases: 1, outcome: 'written' });
    expect(await anchorYesterday(ctx, anchors)).toEqual({ day: '2026-11-10', cases: 0, outcome: 'exists' });
    const read = await readTimeline({ ...ctx, anchors }, caseId, staff.clerk);
    expect(read).toMatchObject({ intact: true, anchor: { day: '2026-11-10' } });
  });
});

describe('runMigrations', () => {
  const counting = (changes: number): Migration => ({
    id: '9001-test',
    description: 'a migration of three units',
    units: () => ['a', 'b', 'c'],
    run: async () => ({ examined: 2, changed: changes }),
  });

  it('runs a migration once, unit by unit, and records it', async () => {
    const ctx = useCaseContext();
    const [ran] = await runMigrations(ctx, { migrations: [counting(1)] });
    expect(ran).toMatchObject({ outcome: 'ran', examined: 6, changed: 3 });
    const [again] = await runMigrations(ctx, { migrations: [counting(1)] });
    expect(again).toMatchObject({ outcome: 'had run', examined: 6, changed: 3 });
  });

  it('goes on from the unit where a failed run stopped, and a dry run writes nothing', async () => {
    const ctx = useCaseContext();
    const units: string[] = [];
    let failOnce = true;
    const failing: Migration = {
      ...counting(1),
      run: async (_ctx, unit, dryRun) => {
        if (!dryRun) units.push(unit);
        if (unit === 'b' && !dryRun && failOnce) {
          failOnce = false;
          throw new Error('store down');
        }
        return { examined: 1, changed: 1 };
      },
    };
    expect((await runMigrations(ctx, { dryRun: true, migrations: [failing] }))[0]).toMatchObject({
      outcome: 'would run',
      changed: 3,
    });
    expect(await ctx.store.migrations.ran()).toEqual([]);
    await expect(runMigrations(ctx, { migrations: [failing] })).rejects.toThrow('store down');
    const [resumed] = await runMigrations(ctx, { migrations: [failing] });
    expect(resumed).toMatchObject({ outcome: 'ran', examined: 3, changed: 3 });
    expect(units).toEqual(['a', 'b', 'b', 'c']);
  });
});

describe('work queues', () => {
  it('lists a view a page at a time behind an opaque cursor, and counts the views', async () => {
    const ctx = useCaseContext();
    for (const subject of ['征地補償款未發放', '道路損壞無人修', '工資拖欠三個月'])
      await openCase(ctx, { subject });
    const first = await listCases(ctx, staff.clerk, { view: 'unowned', limit: 2 });
    expect(first.cases).toHaveLength(2);
    const second = await listCases(ctx, staff.clerk, {
      view: 'unowned',
      limit: 2,
      cursor: String(first.nextCursor),
    });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.cases).toHaveLength(1);
    expect(await countViews(ctx, staff.clerk)).toMatchObject({ unowned: 3, overdue: 0 });
    const mine = first.cases[0]?.caseId as string;
    await claimCase(ctx, mine, staff.official('off-04'));
    expect(
      (await listCases(ctx, staff.official('off-04'), { limit: 10 })).cases.map((c) => c.caseId),
    ).toEqual([mine]);
  });

  it('refuses a view the role may not open and a cursor it did not give', async () => {
    const ctx = useCaseContext();
    await expect(listCases(ctx, staff.clerk, { view: 'approvals', limit: 10 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      listCases(ctx, staff.clerk, { view: 'unowned', limit: 10, cursor: 'forged' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('reports', () => {
  it('sums the months of a period against the year before, and the annual report from the same figures', async () => {
    const ctx = useCaseContext({ clock: testClock(new Date('2026-06-15T02:00:00Z')) });
    await openCase(ctx);
    await openCase(ctx, { subject: '道路損壞無人修', township: 'zhuquan' });
    const { report } = await summary(ctx, '2026-06', '2026-06');
    expect(report.received).toMatchObject({ total: { value: 2, lastYear: 0 } });
    const annual = await annualReport(ctx, 2026);
    expect(annual.report.received.total).toEqual(report.received.total);
    expect(annual.sections.length).toBeGreaterThan(0);
  });

  it('refuses a period that runs backwards or longer than two years', async () => {
    const ctx = useCaseContext();
    await expect(summary(ctx, '2026-06', '2026-01')).rejects.toBeInstanceOf(ConflictError);
    await expect(summary(ctx, '2020-01', '2026-01')).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('checkHealth', () => {
  it('answers while the store does, and is unavailable when it does not', async () => {
    const ctx = useCaseContext();
    await expect(checkHealth(ctx)).resolves.toBeUndefined();
    const down = { ...ctx.store, ping: async () => Promise.reject(new Error('timeout')) };
    await expect(checkHealth({ ...ctx, store: down })).rejects.toBeInstanceOf(UnavailableError);
  });
});
