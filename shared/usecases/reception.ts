// Reception days: the administrator keeps who receives and their absences, publishes a year,
// and the public reads the calendar (names and titles only).
import { workingCalendar } from '../domain/clock.ts';
import {
  type Absence,
  coverAbsence,
  coverage,
  generateYear,
  swap,
  workingDaysOf,
} from '../domain/reception.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

/** Another change to the same day landed between reading it and writing it. */
const dayChanged = (date: string) =>
  new ConflictError({
    zh: `${date} 的接訪安排剛被他人更改，請重新整理後再試。`,
    en: `The reception day ${date} changed meanwhile; reload it and try again.`,
  });

function unknownOfficials(ctx: UseCaseContext, ids: string[]): string[] {
  const known = new Set(ctx.config.region.officials.map((o) => o.id));
  return ids.filter((id) => !known.has(id));
}

function requireKnown(ctx: UseCaseContext, ids: string[]): void {
  const unknown = unknownOfficials(ctx, ids);
  if (unknown.length) {
    throw new ConflictError({
      zh: `沒有官員 ${unknown.join('、')}。`,
      en: `Unknown official(s): ${unknown.join(', ')}.`,
    });
  }
}

/** The receiving officials: as the administrator set them, else every official of the region. */
export async function receivingOfficials(ctx: UseCaseContext): Promise<string[]> {
  return (await ctx.store.reception.receivingOfficials()) ?? ctx.config.region.officials.map((o) => o.id);
}

export async function setReceivingOfficials(ctx: UseCaseContext, officialIds: string[]) {
  requireKnown(ctx, officialIds);
  await ctx.store.reception.setReceivingOfficials(officialIds);
  return { officialIds };
}

/**
 * Primary course:
 * 1. Refuse a year already published unless it is to be replaced.
 * 2. Generate two officials for every working day around the known absences.
 * 3. Store the days and answer with the coverage report.
 */
export async function publishYear(ctx: UseCaseContext, year: number, replace: boolean) {
  if (!replace && (await ctx.store.reception.isPublished(year))) {
    throw new ConflictError({
      zh: `${year} 年接訪日已公布；如需重排請註明 replace。`,
      en: `The ${year} reception days are already published; send replace: true to regenerate.`,
    });
  }
  const calendar = workingCalendar(ctx.config.region);
  const days = generateYear(
    year,
    await receivingOfficials(ctx),
    await ctx.store.reception.absences(),
    calendar,
  );
  await ctx.store.reception.putDays(days, ctx.now().toISOString());
  return { year, days: days.length, coverage: coverage(days, workingDaysOf(year, calendar)) };
}

async function daysBetween(ctx: UseCaseContext, from: string, to: string) {
  const years = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return (await Promise.all(years.map((y) => ctx.store.reception.days(y, from, to)))).flat();
}

/** A known absence; published days it touches get the best free official instead. */
export async function recordAbsence(ctx: UseCaseContext, absence: Absence) {
  requireKnown(ctx, [absence.officialId]);
  if (absence.to < absence.from) {
    throw new ConflictError({ zh: '請假結束日期早於開始日期。', en: 'The absence ends before it starts.' });
  }
  await ctx.store.reception.putAbsence(absence);
  const days = await daysBetween(ctx, absence.from, absence.to);
  const before = new Map(days.map((d) => [d.date, { ...d, officials: [...d.officials] }]));
  const changed = coverAbsence(
    days,
    absence,
    await receivingOfficials(ctx),
    await ctx.store.reception.absences(),
  );
  const at = ctx.now().toISOString();
  for (const day of changed) {
    const read = before.get(day.date);
    if (read && (await ctx.store.reception.replaceDay(read, day, at)) === 'changedMeanwhile')
      throw dayChanged(day.date);
  }
  return { changed, fewerThanTwo: changed.filter((d) => d.officials.length < 2).map((d) => d.date) };
}

export async function swapReceptionDay(ctx: UseCaseContext, date: string, out: string, into: string) {
  requireKnown(ctx, [into]);
  const day = await ctx.store.reception.day(date);
  if (!day)
    throw new NotFoundError({
      zh: `${date} 不是已公布的接訪日。`,
      en: `${date} is not a published reception day.`,
    });
  const swapped = swap(day, out, into, await ctx.store.reception.absences());
  if ((await ctx.store.reception.replaceDay(day, swapped, ctx.now().toISOString())) === 'changedMeanwhile') {
    throw dayChanged(date);
  }
  return swapped;
}

/** What the public sees: dates, and the receiving officials' names and titles. */
export async function publicReceptionDays(ctx: UseCaseContext, from: string, to: string) {
  const officials = new Map(ctx.config.region.officials.map((o) => [o.id, o]));
  const days = await daysBetween(ctx, from, to);
  return days.map((day) => ({
    date: day.date,
    officials: day.officials.map((id) => {
      const official = officials.get(id);
      return { name: official?.name ?? id, title: official?.title ?? { zh: '', en: '' } };
    }),
  }));
}

export async function coverageReport(ctx: UseCaseContext, year: number) {
  const calendar = workingCalendar(ctx.config.region);
  const days = await ctx.store.reception.days(year, `${year}-01-01`, `${year}-12-31`);
  return { year, ...coverage(days, workingDaysOf(year, calendar)) };
}
