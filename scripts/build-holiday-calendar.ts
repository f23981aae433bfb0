// `npm run holidays`: writes regions/calendar/cn-official.json, the official working-day
// calendar (holidays and make-up working days, 調休) for 2025-2027.
//
// Source: the npm package chinese-days (maintained; it transcribes the State Council's yearly
// notices on holiday arrangements). For a year whose notice it does not carry yet, the file
// holds the statutory holidays of 《全國年節及紀念日放假辦法》 (2024 revision) for that year,
// with lunar dates converted by the same package, marked provisional: no bridging days and no
// make-up working days, which only the notice fixes. Replace when the notice is published.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../infra/local/stack.ts';
import { addDays } from '../shared/domain/clock.ts';

const require = createRequire(import.meta.url);
const days = require('chinese-days') as {
  getSolarDateFromLunar: (lunar: string) => { date: string };
  getSolarTermDate: (year: number, month: number, term: string) => string;
};
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const { version } = require('chinese-days/package.json') as { version: string };

const YEARS = [2025, 2026, 2027];

function statutoryHolidays(year: number): string[] {
  const springFestival = days.getSolarDateFromLunar(`${year}-01-01`).date;
  return [
    `${year}-01-01`,
    addDays(springFestival, -1), // 除夕: the eve
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2),
    days.getSolarTermDate(year, 4, 'pure_brightness'), // 清明
    `${year}-05-01`,
    `${year}-05-02`,
    days.getSolarDateFromLunar(`${year}-05-05`).date, // 端午
    days.getSolarDateFromLunar(`${year}-08-15`).date, // 中秋
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ].sort();
}

const years = Object.fromEntries(
  YEARS.map((year) => {
    const inYear = (date: string) => date.startsWith(`${year}-`);
    const holidays = Object.keys(data.holidays).filter(inYear).sort();
    const makeUpWorkdays = Object.keys(data.workdays).filter(inYear).sort();
    if (holidays.length > 0) return [year, { status: 'official', holidays, makeUpWorkdays }];
    return [year, { status: 'provisional', holidays: statutoryHolidays(year), makeUpWorkdays: [] }];
  }),
);

const file = join(projectRoot, 'regions', 'calendar', 'cn-official.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      _source: `npm package chinese-days@${version} (State Council holiday notices); provisional years: statutory holidays only, from 全國年節及紀念日放假辦法 (2024), to be replaced by the State Council notice`,
      years,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${file}`);
for (const [year, y] of Object.entries(years)) {
  console.log(
    `${year}: ${y.status}, ${y.holidays.length} holidays, ${y.makeUpWorkdays.length} make-up working days`,
  );
}
