// Statutory deadlines: counting starts the day after the event; a period whose last day
// is not a working day rolls to the next working day. Working days are Monday to Friday
// less the region's holidays, plus its make-up working days (調休).
import type { Period, RegionConfig } from '../region.ts';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

export function workingCalendar(region: RegionConfig): WorkingCalendar {
  const holidays = new Set(region.calendar?.holidays ?? []);
  const makeUp = new Set(region.calendar?.makeUpWorkdays ?? []);
  return {
    isWorkingDay(date) {
      if (makeUp.has(date)) return true;
      if (holidays.has(date)) return false;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date of an instant in the region's time zone (YYYY-MM-DD). */
export function localDate(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
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
