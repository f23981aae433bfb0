// Reports against the county's targets: what came in, how it was handled, which departments
// answer on time, and the petitioners' ratings, each with the same period last year
// ("20, down 52.4%"). Figures count cases and their handling, never people.

import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { RATING_LABELS, RATINGS } from './case.ts';
import type { DataRequestKind } from './data-rights.ts';
import { OUTCOME_LABELS } from './notices.ts';
import { CHANNEL_LABELS, CHANNELS, REFERRAL_LEVEL_LABELS, REFERRAL_LEVELS } from './petition.ts';
import { OUTCOMES } from './procedure.ts';
import { type CounterName, counters, type Totals } from './report-counters.ts';

export type { Totals };

/** A count (always a number) or a rate (null when there is nothing to rate: no opinions, no ratings). */
export interface Figure<V extends number | null = number> {
  value: V;
  lastYear: V;
  /** Relative change of a count in percent, or the change of a rate in points; null when last year had none. */
  change: number | null;
  text: Bilingual;
  target?: number;
}

/** One decimal place, as the reports print rates and shares. */
export const one = (n: number) => Math.round(n * 10) / 10;

/** A count with the same period last year: "20, down 52.4%" / "20件，同比下降52.4%". */
export function countFigure(value: number, lastYear: number, target?: number): Figure {
  const change = lastYear === 0 ? null : one(((value - lastYear) / lastYear) * 100);
  const text =
    change === null
      ? { zh: `${value}件（去年同期無）`, en: `${value} (none in the same period last year)` }
      : change === 0
        ? { zh: `${value}件，與去年同期持平`, en: `${value}, unchanged` }
        : {
            zh: `${value}件，同比${change > 0 ? '上升' : '下降'}${Math.abs(change)}%`,
            en: `${value}, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)}%`,
          };
  return { value, lastYear, change, text, ...(target !== undefined && { target }) };
}

/** A rate in percent with last year's, the change in points, and the target rate if any. */
export function rateFigure(
  value: number | null,
  lastYear: number | null,
  target?: number,
): Figure<number | null> {
  const change = value === null || lastYear === null ? null : one(value - lastYear);
  const text =
    value === null
      ? { zh: '無數據', en: 'no data' }
      : change === null
        ? { zh: `${value}%`, en: `${value}%` }
        : {
            zh: `${value}%，同比${change >= 0 ? '上升' : '下降'}${Math.abs(change)}個百分點`,
            en: `${value}%, ${change >= 0 ? 'up' : 'down'} ${Math.abs(change)} points`,
          };
  return { value, lastYear, change, text, ...(target !== undefined && { target }) };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : one((part / whole) * 100));

/** The region's targets for a year (none set: no targets). */
export function targetsOf(region: RegionConfig, year: number) {
  const targets = region.targets?.[String(year)];
  return typeof targets === 'object' ? targets : {};
}

function byCode(
  now: Totals,
  before: Totals,
  counter: (code: string) => CounterName,
  codes: readonly string[],
) {
  return Object.fromEntries(
    codes.map((code) => [code, countFigure(now[counter(code)] ?? 0, before[counter(code)] ?? 0)]),
  );
}

export interface SummaryInput {
  from: string;
  to: string;
  now: Totals;
  lastYear: Totals;
  current: Totals;
  backlog: Totals;
  /** Open cases past their current stage's due date, by department code or `bureau`. */
  overdue: Record<string, number>;
}

/** The summary report of a period (months `from`..`to`). */
export function summaryReport(region: RegionConfig, input: SummaryInput) {
  const { now, lastYear, current, backlog, overdue } = input;
  const year = Number(input.to.slice(0, 4));
  const targets = targetsOf(region, year);
  const count = (name: CounterName) => countFigure(now[name] ?? 0, lastYear[name] ?? 0);
  const departments = region.departments.map((d) => d.code);

  const timeliness = Object.fromEntries(
    departments.map((code) => {
      const onTime = (t: Totals) => t[counters.opinionTimeliness(code, true)] ?? 0;
      const late = (t: Totals) => t[counters.opinionTimeliness(code, false)] ?? 0;
      return [
        code,
        {
          onTime: onTime(now),
          late: late(now),
          onTimeRate: rateFigure(
            rate(onTime(now), onTime(now) + late(now)),
            rate(onTime(lastYear), onTime(lastYear) + late(lastYear)),
            targets.onTimeRate !== undefined ? targets.onTimeRate * 100 : undefined,
          ),
        },
      ];
    }),
  );
  const allOnTime = departments.reduce(
    (sum, code) => sum + (now[counters.opinionTimeliness(code, true)] ?? 0),
    0,
  );
  const allLate = departments.reduce(
    (sum, code) => sum + (now[counters.opinionTimeliness(code, false)] ?? 0),
    0,
  );
  const allOnTimeBefore = departments.reduce(
    (s, c) => s + (lastYear[counters.opinionTimeliness(c, true)] ?? 0),
    0,
  );
  const allLateBefore = departments.reduce(
    (s, c) => s + (lastYear[counters.opinionTimeliness(c, false)] ?? 0),
    0,
  );

  const satisfied = (t: Totals) =>
    (t[counters.rating('satisfied')] ?? 0) + (t[counters.rating('basically_satisfied')] ?? 0);
  const rated = (t: Totals) => RATINGS.reduce((sum, r) => sum + (t[counters.rating(r)] ?? 0), 0);
  const requests = (kind: DataRequestKind) => ({
    asked: count(counters.dataRequestAsked(kind)),
    granted: count(counters.dataRequestDecided(kind, true)),
    refused: count(counters.dataRequestDecided(kind, false)),
  });
  const listed = backlog[counters.backlogListed] ?? 0;
  const resolved = backlog[counters.backlogResolved] ?? 0;

  return {
    period: {
      from: input.from,
      to: input.to,
      sameLastYear: { from: shiftYear(input.from, -1), to: shiftYear(input.to, -1) },
    },
    received: {
      total: count(counters.received),
      firstTime: count(counters.receivedFirstTime),
      repeat: count(counters.receivedRepeat),
      /** Of the total, registered more than the region's days after receipt (each with a reason). */
      registeredLate: count(counters.registeredLate),
      byChannel: byCode(now, lastYear, counters.receivedByChannel, CHANNELS),
      byReferralLevel: byCode(now, lastYear, counters.receivedByReferralLevel, REFERRAL_LEVELS),
      byCategory: byCode(
        now,
        lastYear,
        counters.receivedByCategory,
        region.categories.map((c) => c.code),
      ),
      byTownship: byCode(
        now,
        lastYear,
        counters.receivedByTownship,
        region.townships.map((t) => t.code),
      ),
    },
    acceptance: {
      accepted: count(counters.accepted),
      referred: count(counters.referred),
      notAccepted: count(counters.notAccepted),
    },
    opinionsByOutcome: byCode(now, lastYear, counters.opinionOutcome, OUTCOMES),
    closed: count(counters.closed),
    final: count(counters.final),
    onTime: {
      all: rateFigure(
        rate(allOnTime, allOnTime + allLate),
        rate(allOnTimeBefore, allOnTimeBefore + allLateBefore),
        targets.onTimeRate !== undefined ? targets.onTimeRate * 100 : undefined,
      ),
      byDepartment: timeliness,
    },
    openNow: Object.fromEntries(
      departments.map((code) => [
        code,
        { open: current[counters.openWith(code)] ?? 0, overdue: overdue[code] ?? 0 },
      ]),
    ),
    overdueNow: {
      total: Object.values(overdue).reduce((sum, n) => sum + n, 0),
      /** Still with the bureau: registration, acceptance or assignment late. */
      atBureau: overdue.bureau ?? 0,
    },
    backlog: {
      year,
      listed,
      resolved,
      rate: rateFigure(rate(resolved, listed), null),
      text: { zh: `已化解 ${resolved} 件，共列入 ${listed} 件`, en: `${resolved} of ${listed}` },
      ...(targets.backlogResolved !== undefined && { target: targets.backlogResolved }),
    },
    /** The petitioner's rights over their data: copies given, requests asked and how they were decided. */
    dataRights: {
      copies: count(counters.dataCopy),
      correction: requests('correction'),
      deletion: requests('deletion'),
    },
    ratings: {
      byRating: byCode(now, lastYear, counters.rating, RATINGS),
      satisfiedRate: rateFigure(
        rate(satisfied(now), rated(now)),
        rate(satisfied(lastYear), rated(lastYear)),
        targets.satisfiedRate !== undefined ? targets.satisfiedRate * 100 : undefined,
      ),
    },
  };
}

export type SummaryReport = ReturnType<typeof summaryReport>;

export function shiftYear(month: string, years: number): string {
  return `${Number(month.slice(0, 4)) + years}${month.slice(4)}`;
}

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

export type Language = 'zh' | 'en';

/** The names a report shows for codes: the region's own, then the domain's labels. */
export function reportNames(region: RegionConfig): Record<string, Record<string, Bilingual>> {
  const named = (list: Array<{ code: string; name: Bilingual }>) =>
    Object.fromEntries(list.map((item) => [item.code, item.name]));
  return {
    department: named(region.departments),
    category: named(region.categories),
    township: named(region.townships),
    channel: CHANNEL_LABELS,
    referral: REFERRAL_LEVEL_LABELS,
    outcome: OUTCOME_LABELS,
    rating: RATING_LABELS,
  };
}
