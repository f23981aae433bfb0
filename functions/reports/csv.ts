// The reports as CSV, at the edge: flat rows in the language asked for, UTF-8 with a byte-order
// mark so spreadsheet software opens the Chinese intact.

import {
  type Figure,
  type Language,
  reportNames,
  type SummaryReport,
} from '../../shared/domain/report-figures.ts';
import type { Bilingual } from '../../shared/errors.ts';
import type { RegionConfig } from '../../shared/region.ts';

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
  dataRights: { zh: '個人信息權利', en: 'Data rights' },
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
  copies: { zh: '提供副本', en: 'Copies given' },
  correction: { zh: '更正請求', en: 'Correction requests' },
  deletion: { zh: '刪除請求', en: 'Deletion requests' },
  asked: { zh: '提出', en: 'asked' },
  granted: { zh: '同意', en: 'granted' },
  refused: { zh: '不予同意', en: 'refused' },
} satisfies Record<string, Bilingual>;

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
  push(SECTIONS.dataRights, ITEMS.copies[lang], report.dataRights.copies);
  for (const kind of ['correction', 'deletion'] as const) {
    for (const outcome of ['asked', 'granted', 'refused'] as const) {
      push(
        SECTIONS.dataRights,
        `${ITEMS[kind][lang]} ${ITEMS[outcome][lang]}`,
        report.dataRights[kind][outcome],
      );
    }
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  // The byte-order mark tells spreadsheet software the file is UTF-8, so Chinese opens intact.
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
