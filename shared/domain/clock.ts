// Statutory deadlines: counting starts the day after the event; a period whose last day
// is not a working day rolls to the next working day. Working days are Monday to Friday
// less the official holidays, plus the make-up working days (調休): the national calendar
// (regions/calendar/cn-official.json) with the region's own additions on top.
import officialCalendar from '../../regions/calendar/cn-official.json' with { type: 'json' };
import type { Period, RegionConfig } from '../region.ts';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

const official = Object.values(officialCalendar.years);
const officialHolidays = official.flatMap((year) => year.holidays);
const officialMakeUpDays = official.flatMap((year) => year.makeUpWorkdays);

/** Years the shipped calendar holds only provisionally (statutory days, no 調休 yet). */
export const PROVISIONAL_YEARS = Object.entries(officialCalendar.years)
  .filter(([, year]) => year.status === 'provisional')
  .map(([year]) => Number(year));

const calendars = new WeakMap<RegionConfig, WorkingCalendar>();

export function workingCalendar(region: RegionConfig): WorkingCalendar {
  const cached = calendars.get(region);
  if (cached) return cached;
  const holidays = new Set([...officialHolidays, ...(region.calendar?.holidays ?? [])]);
  const makeUp = new Set([...officialMakeUpDays, ...(region.calendar?.makeUpWorkdays ?? [])]);
  const calendar: WorkingCalendar = {
    isWorkingDay(date) {
      if (makeUp.has(date)) return true;
      if (holidays.has(date)) return false;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
  calendars.set(region, calendar);
  return calendar;
}

/** Calendar days from one date to another, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function dueDate(eventDate: string, period: Period, calendar: WorkingCalendar): string {
  let date = eventDate;
  if (period.unit === 'working') {
    for (let counted = 0; counted < period.days; ) {
      date = addDays(date, 1);
      if (calendar.isWorkingDay(date)) counted++;
    }
    return date;
  }
  date = addDays(eventDate, period.days);
  while (!calendar.isWorkingDay(date)) date = addDays(date, 1);
  return date;
}
