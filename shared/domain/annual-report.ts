// The annual report (信訪工作條例 第41條): sections with short texts generated from the year's
// figures. Figures count cases and their handling, never people.
import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { OUTCOMES } from './procedure.ts';
import { complainedAbout, counters, sumOfTotals } from './report-counters.ts';
import {
  type Figure,
  type Language,
  one,
  reportNames,
  type SummaryReport,
  type Totals,
} from './report-figures.ts';

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
  const yearTotals = sumOfTotals(months.map((m) => m.totals));
  const channels = ranked(report.received.byChannel, names.channel ?? {}, total);
  const categories = ranked(report.received.byCategory, names.category ?? {}, total);
  const complained = complainedAbout(yearTotals)
    .map(({ department: code, count }) => ({
      code,
      name: names.department?.[code] ?? { zh: code, en: code },
      value: count,
      share: total ? one((count / total) * 100) : 0,
    }))
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
    requested: yearTotals[counters.reviewRequested] ?? 0,
    reReviewRequested: yearTotals[counters.reReviewRequested] ?? 0,
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, yearTotals[counters.reviewOutcome(o)] ?? 0])),
    reReviewByOutcome: Object.fromEntries(
      OUTCOMES.map((o) => [o, yearTotals[counters.reReviewOutcome(o)] ?? 0]),
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
