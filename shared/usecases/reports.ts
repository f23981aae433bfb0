// Reports read only counters (month buckets, the year's totals, what stands now): the cost
// of a report does not grow with the number of cases.

import { annualSections } from '../domain/annual-report.ts';
import { localDateOf } from '../domain/case.ts';
import { CURRENT } from '../domain/report-counters.ts';
import type { Totals } from '../domain/report-figures.ts';
import { monthsBetween, shiftYear, summaryReport } from '../domain/report-figures.ts';
import { queues } from '../domain/work-queues.ts';
import { ConflictError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

export const MAX_REPORT_MONTHS = 24;

async function totalsOf(
  ctx: UseCaseContext,
  buckets: string[],
): Promise<{ totals: Totals; itemsRead: number }> {
  return ctx.store.counters.read(buckets);
}

/**
 * Open cases whose current stage is past its due date (due today is not overdue), by who owes
 * it: a department, or `bureau` for registration and acceptance. Read from the open queue
 * before today, so the cost is the number of overdue cases, not of all cases.
 */
async function overdueNow(
  ctx: UseCaseContext,
): Promise<{ totals: Record<string, number>; itemsRead: number }> {
  const today = localDateOf(ctx.now(), ctx.config.region);
  const totals: Record<string, number> = {};
  let itemsRead = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.store.queries.queue(
      queues.open,
      { before: today },
      { limit: 500, filters: {}, ...(start && { start }) },
    );
    for (const c of page.cases) {
      const owedBy = c.dueFrom ?? 'bureau';
      totals[owedBy] = (totals[owedBy] ?? 0) + 1;
    }
    itemsRead += page.itemsRead;
    start = page.next;
  } while (start);
  return { totals, itemsRead };
}

/**
 * Primary course:
 * 1. Read the month buckets of the period and of the same period last year.
 * 2. Read the year's totals (backlog), what stands open now, and the overdue cases from the open queue.
 * 3. Build every figure with last year's and the change, and the year's targets.
 */
export async function summary(ctx: UseCaseContext, from: string, to: string) {
  const months = monthsBetween(from, to);
  if (months.length === 0 || months.length > MAX_REPORT_MONTHS) {
    throw new ConflictError({
      zh: `報表期間須為 1 至 ${MAX_REPORT_MONTHS} 個月。`,
      en: `A report covers 1 to ${MAX_REPORT_MONTHS} months, from before to.`,
    });
  }
  const [now, lastYear, backlog, current, overdue] = await Promise.all([
    totalsOf(ctx, months),
    totalsOf(ctx, monthsBetween(shiftYear(from, -1), shiftYear(to, -1))),
    totalsOf(ctx, [to.slice(0, 4)]),
    totalsOf(ctx, [CURRENT]),
    overdueNow(ctx),
  ]);
  const report = summaryReport(ctx.config.region, {
    from,
    to,
    now: now.totals,
    lastYear: lastYear.totals,
    current: current.totals,
    backlog: backlog.totals,
    overdue: overdue.totals,
  });
  const itemsRead = [now, lastYear, backlog, current, overdue].reduce((sum, part) => sum + part.itemsRead, 0);
  return { report, itemsRead };
}

/** The annual report (信訪工作條例 第41條): the year's figures against the same year before. */
export async function annualReport(ctx: UseCaseContext, year: number) {
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const [{ report, itemsRead }, ...monthly] = await Promise.all([
    summary(ctx, `${year}-01`, `${year}-12`),
    ...months.map((month) => totalsOf(ctx, [month])),
  ]);
  const sections = annualSections(ctx.config.region, {
    year,
    report,
    months: months.map((month, i) => ({ month, totals: monthly[i]?.totals ?? {} })),
  });
  const region = ctx.config.region.region;
  return {
    title: {
      zh: `${region.name.zh}${year}年度信訪工作情況報告`,
      en: `${region.name.en}: petition work in ${year}`,
    },
    basis: { zh: '《信訪工作條例》第41條', en: 'Regulation on Petition Work (2022), art. 41' },
    year,
    sections,
    report,
    itemsRead: itemsRead + monthly.reduce((sum, m) => sum + m.itemsRead, 0),
  };
}
