// Reports against the county's targets: what came in, how it was handled, which departments
// answer on time, and the petitioners' ratings, each with the same period last year
// ("20, down 52.4%"). Figures count cases and their handling, never people.
import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { RATING_LABELS, RATINGS } from './case.ts';
import { OUTCOME_LABELS } from './notices.ts';
import { CHANNEL_LABELS, CHANNELS, REFERRAL_LEVEL_LABELS, REFERRAL_LEVELS } from './petition.ts';
import { OUTCOMES } from './procedure.ts';

export type Totals = Record<string, number>;

/** A count (always a number) or a rate (null when there is nothing to rate: no opinions, no ratings). */
export interface Figure<V extends number | null = number> {
  value: V;
  lastYear: V;
  /** Relative change of a count in percent, or the change of a rate in points; null when last year had none. */
  change: number | null;
  text: Bilingual;
  target?: number;
}

const one = (n: number) => Math.round(n * 10) / 10;

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

interface YearTargets {
  backlogResolved?: number;
  onTimeRate?: number;
  satisfiedRate?: number;
}

export function targetsOf(region: RegionConfig, year: number): YearTargets {
  return (region.targets?.[String(year)] ?? {}) as YearTargets;
}

function byCode(now: Totals, before: Totals, prefix: string, codes: readonly string[]) {
  return Object.fromEntries(
    codes.map((code) => [code, countFigure(now[`${prefix}${code}`] ?? 0, before[`${prefix}${code}`] ?? 0)]),
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
  overdue: Totals;
}

/** The summary report of a period (months `from`..`to`). */
export function summaryReport(region: RegionConfig, input: SummaryInput) {
  const { now, lastYear, current, backlog, overdue } = input;
  const year = Number(input.to.slice(0, 4));
  const targets = targetsOf(region, year);
  const count = (name: string) => countFigure(now[name] ?? 0, lastYear[name] ?? 0);
  const departments = region.departments.map((d) => d.code);

  const timeliness = Object.fromEntries(
    departments.map((code) => {
      const onTime = (t: Totals) => t[`opinion.department.${code}.onTime`] ?? 0;
      const late = (t: Totals) => t[`opinion.department.${code}.late`] ?? 0;
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
    (sum, code) => sum + (now[`opinion.department.${code}.onTime`] ?? 0),
    0,
  );
  const allLate = departments.reduce((sum, code) => sum + (now[`opinion.department.${code}.late`] ?? 0), 0);
  const allOnTimeBefore = departments.reduce(
    (s, c) => s + (lastYear[`opinion.department.${c}.onTime`] ?? 0),
    0,
  );
  const allLateBefore = departments.reduce((s, c) => s + (lastYear[`opinion.department.${c}.late`] ?? 0), 0);

  const satisfied = (t: Totals) => (t['rating.satisfied'] ?? 0) + (t['rating.basically_satisfied'] ?? 0);
  const rated = (t: Totals) => RATINGS.reduce((sum, r) => sum + (t[`rating.${r}`] ?? 0), 0);
  const listed = backlog['backlog.listed'] ?? 0;
  const resolved = backlog['backlog.resolved'] ?? 0;

  return {
    period: {
      from: input.from,
      to: input.to,
      sameLastYear: { from: shiftYear(input.from, -1), to: shiftYear(input.to, -1) },
    },
    received: {
      total: count('received'),
      firstTime: count('received.first'),
      repeat: count('received.repeat'),
      /** Of the total, registered more than the region's days after receipt (each with a reason). */
      registeredLate: count('received.late'),
      byChannel: byCode(now, lastYear, 'received.channel.', CHANNELS),
      byReferralLevel: byCode(now, lastYear, 'received.referral.', REFERRAL_LEVELS),
      byCategory: byCode(
        now,
        lastYear,
        'received.category.',
        region.categories.map((c) => c.code),
      ),
      byTownship: byCode(
        now,
        lastYear,
        'received.township.',
        region.townships.map((t) => t.code),
      ),
    },
    acceptance: {
      accepted: count('accepted'),
      referred: count('referred'),
      notAccepted: count('not_accepted'),
    },
    opinionsByOutcome: byCode(now, lastYear, 'opinion.outcome.', OUTCOMES),
    closed: count('closed'),
    final: count('final'),
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
        { open: current[`open.department.${code}`] ?? 0, overdue: overdue[code] ?? 0 },
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
    ratings: {
      byRating: byCode(now, lastYear, 'rating.', RATINGS),
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

const SECTIONS = {
  received: { zh: '收件', en: 'Received' },
  channel: { zh: '渠道', en: 'Channel' },
  referral: { zh: '交辦層級', en: 'Referral level' },
  category: { zh: '類別', en: 'Category' },
  township: { zh: '鄉鎮', en: 'Township' },
  acceptance: { zh: '受理', en: 'Acceptance' },
  outcome: { zh: '處理結果', en: 'Outcome' },
  closed: { zh: '辦結', en: 'Closed' },
  onTime: { zh: '按期辦結率（%）', en: 'On time (%)' },
  openNow: { zh: '在辦', en: 'Open now' },
  overdueNow: { zh: '超期', en: 'Overdue now' },
  backlog: { zh: '積案', en: 'Backlog' },
  rating: { zh: '評價', en: 'Rating' },
} satisfies Record<string, Bilingual>;

const ITEMS = {
  total: { zh: '合計', en: 'Total' },
  firstTime: { zh: '初信初訪', en: 'First-time' },
  repeat: { zh: '重複信訪', en: 'Repeat' },
  registeredLate: { zh: '其中逾期登記', en: 'Of which registered late' },
  accepted: { zh: '受理', en: 'Accepted' },
  referred: { zh: '轉其他法定途徑', en: 'Referred to another procedure' },
  notAccepted: { zh: '不予受理', en: 'Not accepted' },
  closed: { zh: '辦結', en: 'Closed' },
  final: { zh: '終結', en: 'Final' },
  all: { zh: '全部', en: 'All' },
  bureau: { zh: '信訪局（登記、受理、交辦）', en: 'Petition bureau (registering, accepting, assigning)' },
  listed: { zh: '列入', en: 'Listed' },
  resolved: { zh: '已化解', en: 'Resolved' },
  satisfiedRate: { zh: '滿意率（%）', en: 'Satisfied (%)' },
} satisfies Record<string, Bilingual>;

/** The names a report shows for codes: the region's own, then the domain's labels. */
function reportNames(region: RegionConfig): Record<string, Record<string, Bilingual>> {
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

/** The report as flat rows for CSV, in the report's language: blank where there is no figure. */
export function reportRows(report: SummaryReport, region: RegionConfig, lang: Language): string[][] {
  const names = reportNames(region);
  const name = (kind: string, code: string) => names[kind]?.[code]?.[lang] ?? code;
  const header = {
    zh: ['部分', '項目', '數值', '去年同期', '變化', '目標'],
    en: ['Section', 'Item', 'Value', 'Same period last year', 'Change', 'Target'],
  };
  const rows: string[][] = [header[lang]];
  const cell = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  const push = (section: Bilingual, item: string, f: Figure<number | null>) =>
    rows.push([section[lang], item, cell(f.value), cell(f.lastYear), cell(f.change), cell(f.target)]);
  const line = (section: Bilingual, item: string, value: number, target?: number) =>
    rows.push([section[lang], item, String(value), '', '', cell(target)]);
  const each = (section: Bilingual, kind: string, figures: Record<string, Figure>) => {
    for (const [code, f] of Object.entries(figures)) push(section, name(kind, code), f);
  };
  push(SECTIONS.received, ITEMS.total[lang], report.received.total);
  push(SECTIONS.received, ITEMS.firstTime[lang], report.received.firstTime);
  push(SECTIONS.received, ITEMS.repeat[lang], report.received.repeat);
  push(SECTIONS.received, ITEMS.registeredLate[lang], report.received.registeredLate);
  each(SECTIONS.channel, 'channel', report.received.byChannel);
  each(SECTIONS.referral, 'referral', report.received.byReferralLevel);
  each(SECTIONS.category, 'category', report.received.byCategory);
  each(SECTIONS.township, 'township', report.received.byTownship);
  push(SECTIONS.acceptance, ITEMS.accepted[lang], report.acceptance.accepted);
  push(SECTIONS.acceptance, ITEMS.referred[lang], report.acceptance.referred);
  push(SECTIONS.acceptance, ITEMS.notAccepted[lang], report.acceptance.notAccepted);
  each(SECTIONS.outcome, 'outcome', report.opinionsByOutcome);
  push(SECTIONS.closed, ITEMS.closed[lang], report.closed);
  push(SECTIONS.closed, ITEMS.final[lang], report.final);
  push(SECTIONS.onTime, ITEMS.all[lang], report.onTime.all);
  for (const [code, t] of Object.entries(report.onTime.byDepartment))
    push(SECTIONS.onTime, name('department', code), t.onTimeRate);
  for (const [code, o] of Object.entries(report.openNow))
    line(SECTIONS.openNow, name('department', code), o.open);
  line(SECTIONS.overdueNow, ITEMS.bureau[lang], report.overdueNow.atBureau);
  for (const [code, o] of Object.entries(report.openNow))
    line(SECTIONS.overdueNow, name('department', code), o.overdue);
  line(SECTIONS.backlog, `${report.backlog.year} ${ITEMS.listed[lang]}`, report.backlog.listed);
  line(
    SECTIONS.backlog,
    `${report.backlog.year} ${ITEMS.resolved[lang]}`,
    report.backlog.resolved,
    report.backlog.target,
  );
  each(SECTIONS.rating, 'rating', report.ratings.byRating);
  push(SECTIONS.rating, ITEMS.satisfiedRate[lang], report.ratings.satisfiedRate);
  return rows;
}

export function toCsv(rows: string[][]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  // The byte-order mark tells spreadsheet software the file is UTF-8, so Chinese opens intact.
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Figures of a section in the order they matter: the largest first, with their share. */
function ranked(figures: Record<string, Figure>, names: Record<string, Bilingual>, total: number) {
  return Object.entries(figures)
    .filter(([, f]) => (f.value ?? 0) > 0)
    .sort(([, a], [, b]) => (b.value ?? 0) - (a.value ?? 0))
    .map(([code, f]) => ({
      code,
      name: names[code] ?? { zh: code, en: code },
      value: f.value ?? 0,
      share: total ? one(((f.value ?? 0) / total) * 100) : 0,
    }));
}

const list = (items: Array<{ name: Bilingual; value: number; share: number }>, lang: Language) =>
  items
    .slice(0, 3)
    .map((i) =>
      lang === 'zh' ? `${i.name.zh}${i.value}件（${i.share}%）` : `${i.name.en} ${i.value} (${i.share}%)`,
    )
    .join(lang === 'zh' ? '、' : ', ');

export interface AnnualInput {
  year: number;
  report: SummaryReport;
  /** Each month's totals of the year, January first. */
  months: Array<{ month: string; totals: Totals }>;
}

/**
 * The annual report's sections (信訪工作條例 第41條): volume and trend, channels, categories,
 * the bodies most complained about, timeliness per department, outcomes and ratings, review
 * results and the backlog, each with a short text generated from its figures.
 */
export function annualSections(region: RegionConfig, { year, report, months }: AnnualInput) {
  const names = reportNames(region);
  const total = report.received.total.value ?? 0;
  const monthly = months.map(({ month, totals }) => ({ month, received: totals.received ?? 0 }));
  const busiest = [...monthly].sort((a, b) => b.received - a.received)[0];
  const yearTotals = months.reduce<Totals>((sum, { totals }) => {
    for (const [k, v] of Object.entries(totals)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  }, {});
  const channels = ranked(report.received.byChannel, names.channel ?? {}, total);
  const categories = ranked(report.received.byCategory, names.category ?? {}, total);
  const complained = Object.entries(yearTotals)
    .filter(([k]) => k.startsWith('received.complainsAbout.'))
    .map(([k, v]) => {
      const code = k.slice('received.complainsAbout.'.length);
      return {
        code,
        name: names.department?.[code] ?? { zh: code, en: code },
        value: v,
        share: total ? one((v / total) * 100) : 0,
      };
    })
    .sort((a, b) => b.value - a.value);
  const target = report.onTime.all.target;
  const below = Object.entries(report.onTime.byDepartment)
    .filter(([, t]) => t.onTimeRate.value !== null && target !== undefined && t.onTimeRate.value < target)
    .map(([code, t]) => ({
      code,
      name: names.department?.[code] ?? { zh: code, en: code },
      rate: t.onTimeRate.value,
    }));
  const opinions = OUTCOMES.reduce((sum, o) => sum + (report.opinionsByOutcome[o]?.value ?? 0), 0);
  const reviews = {
    requested: yearTotals['review.requested'] ?? 0,
    reReviewRequested: yearTotals['re_review.requested'] ?? 0,
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, yearTotals[`review.outcome.${o}`] ?? 0])),
    reReviewByOutcome: Object.fromEntries(
      OUTCOMES.map((o) => [o, yearTotals[`re_review.outcome.${o}`] ?? 0]),
    ),
  };
  const upheld = (byOutcome: Record<string, number>) =>
    (byOutcome.not_supported ?? 0) + (byOutcome.explained ?? 0);
  const text = (zh: string, en: string): Bilingual => ({ zh, en });
  const rateText = (f: Figure<number | null>) => f.text;

  return [
    {
      key: 'volume',
      title: text('信訪總量及趨勢', 'Volume and trend'),
      text: text(
        `${year}年共收到信訪事項${report.received.total.text.zh}；其中初信初訪${report.received.firstTime.value ?? 0}件，重複信訪${report.received.repeat.value ?? 0}件。${busiest?.received ? `${busiest.month}最多，${busiest.received}件。` : ''}`,
        `${year}: ${report.received.total.text.en} petitions received; ${report.received.firstTime.value ?? 0} first-time, ${report.received.repeat.value ?? 0} repeat.${busiest?.received ? ` The busiest month was ${busiest.month} (${busiest.received}).` : ''}`,
      ),
      months: monthly,
    },
    {
      key: 'channels',
      title: text('信訪渠道', 'Channels'),
      text: channels.length
        ? text(`按渠道：${list(channels, 'zh')}。`, `By channel: ${list(channels, 'en')}.`)
        : text('本年度無收件。', 'Nothing was received this year.'),
      items: channels,
    },
    {
      key: 'categories',
      title: text('反映問題類別', 'Categories'),
      text: categories.length
        ? text(
            `反映最多的是${list(categories, 'zh')}。`,
            `Most petitions were about ${list(categories, 'en')}.`,
          )
        : text('本年度無收件。', 'Nothing was received this year.'),
      items: categories,
    },
    {
      key: 'complainedAbout',
      title: text('被反映較多的部門', 'Bodies most complained about'),
      text: complained.length
        ? text(
            `反映較多的部門：${list(complained, 'zh')}。`,
            `Most complained about: ${list(complained, 'en')}.`,
          )
        : text('本年度沒有針對具體部門的信訪事項。', 'No petition this year complained about a department.'),
      items: complained,
    },
    {
      key: 'timeliness',
      title: text('按期辦結', 'Timeliness'),
      text:
        report.onTime.all.value === null
          ? text('本年度尚無出具的處理意見。', 'No handling opinion was issued this year.')
          : text(
              `按期辦結率${rateText(report.onTime.all).zh}${target !== undefined ? `（目標${target}%）` : ''}。${below.length ? `未達目標：${below.map((b) => `${b.name.zh}${b.rate}%`).join('、')}。` : ''}`,
              `On time: ${rateText(report.onTime.all).en}${target !== undefined ? ` (target ${target}%)` : ''}.${below.length ? ` Below target: ${below.map((b) => `${b.name.en} ${b.rate}%`).join(', ')}.` : ''}`,
            ),
      byDepartment: report.onTime.byDepartment,
    },
    {
      key: 'outcomesAndRatings',
      title: text('處理結果及群眾評價', 'Outcomes and ratings'),
      text: text(
        `出具處理意見${opinions}件，其中支持${report.opinionsByOutcome.supported?.value ?? 0}件、部分支持${report.opinionsByOutcome.partly_supported?.value ?? 0}件。滿意率${rateText(report.ratings.satisfiedRate).zh}。`,
        `${opinions} handling opinions, ${report.opinionsByOutcome.supported?.value ?? 0} supported and ${report.opinionsByOutcome.partly_supported?.value ?? 0} partly supported. Satisfied: ${rateText(report.ratings.satisfiedRate).en}.`,
      ),
      opinionsByOutcome: report.opinionsByOutcome,
      ratings: report.ratings,
    },
    {
      key: 'reviews',
      title: text('復查復核', 'Reviews and re-reviews'),
      text: text(
        `請求復查${reviews.requested}件，復查維持原意見${upheld(reviews.byOutcome)}件；請求復核${reviews.reReviewRequested}件，復核維持${upheld(reviews.reReviewByOutcome)}件。`,
        `${reviews.requested} reviews requested, ${upheld(reviews.byOutcome)} upheld the opinion; ${reviews.reReviewRequested} re-reviews requested, ${upheld(reviews.reReviewByOutcome)} upheld.`,
      ),
      ...reviews,
    },
    {
      key: 'backlog',
      title: text('積案化解', 'Backlog'),
      text: text(
        `${year}年列入積案${report.backlog.listed}件，已化解${report.backlog.resolved}件${report.backlog.target !== undefined ? `（目標${report.backlog.target}件）` : ''}。`,
        `${report.backlog.resolved} of ${report.backlog.listed} backlog cases resolved in ${year}${report.backlog.target !== undefined ? ` (target ${report.backlog.target})` : ''}.`,
      ),
      backlog: report.backlog,
    },
  ];
}
