import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dueDate, PROVISIONAL_YEARS, workingCalendar } from '../../shared/domain/clock.ts';
import {
  FIXED_OFFSET_MINUTES,
  instantOfLocalTime,
  localDate,
  localDateTime,
} from '../../shared/domain/local-time.ts';
import type { RegionConfig } from '../../shared/region.ts';

// The national calendar only (the sample region adds nothing).
const calendar = workingCalendar({} as RegionConfig);
const days = (n: number) => ({ days: n, unit: 'calendar', article: 'art.' }) as const;
const workingDays = (n: number) => ({ days: n, unit: 'working', article: 'art.' }) as const;

describe('statutory deadlines, hand-worked against the official calendar', () => {
  it('count from the day after the event', () => {
    expect(dueDate('2026-11-02', days(15), calendar)).toBe('2026-11-17');
  });

  it('roll a period ending on a weekend to the next working day', () => {
    // 2026-11-28 + 15 = Sunday 2026-12-13 → Monday 2026-12-14
    expect(dueDate('2026-11-28', days(15), calendar)).toBe('2026-12-14');
  });

  it('roll a period ending in the Spring Festival past the whole holiday', () => {
    // 2026-02-01 + 15 = 02-16, inside the 02-15..02-23 holiday → Tuesday 02-24
    expect(dueDate('2026-02-01', days(15), calendar)).toBe('2026-02-24');
  });

  it('roll a period ending on National Day to the first day back', () => {
    // 2026-09-16 + 15 = 10-01; 10-01..10-07 are holidays → Thursday 10-08
    expect(dueDate('2026-09-16', days(15), calendar)).toBe('2026-10-08');
  });

  it('count working days over a holiday, counting the make-up Saturday (調休)', () => {
    // From Thu 2026-02-12: 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..23 holiday, 02-24 (3), 02-25 (4), 02-26 (5)
    expect(dueDate('2026-02-12', workingDays(5), calendar)).toBe('2026-02-26');
    // From Thu 2025-09-25: 09-26 (1), Sun 09-28 make-up (2), 09-29 (3), 09-30 (4), 10-01..08 holiday, 10-09 (5)
    expect(dueDate('2025-09-25', workingDays(5), calendar)).toBe('2025-10-09');
  });

  it("add the region's own holidays to the national ones", () => {
    const withLocalHoliday = workingCalendar({ calendar: { holidays: ['2026-11-30'] } } as RegionConfig);
    // 2026-11-15 + 15 = Monday 11-30, a local holiday → 12-01
    expect(dueDate('2026-11-15', days(15), withLocalHoliday)).toBe('2026-12-01');
    expect(dueDate('2026-11-15', days(15), calendar)).toBe('2026-11-30');
  });

  it('hold 2027 provisionally: statutory holidays (Spring Festival eve to day 3) until the notice', () => {
    expect(PROVISIONAL_YEARS).toEqual([2027]);
    // 2027-01-21 + 15 = Friday 02-05 (除夕) → 02-06/07 weekend, 02-08 holiday → Tuesday 02-09
    expect(dueDate('2027-01-21', days(15), calendar)).toBe('2027-02-09');
  });

  it("take the event's date in the region's time zone", () => {
    expect(localDate('2026-11-27T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28');
    expect(localDate('2026-11-27T15:30:00Z', 'Asia/Shanghai')).toBe('2026-11-27');
    // A zone with daylight saving goes through the time-zone data: 23:30 UTC is 19:30 in New York in July.
    expect(localDate('2026-07-01T23:30:00Z', 'America/New_York')).toBe('2026-07-01');
    expect(localDate('2026-07-02T04:30:00Z', 'America/New_York')).toBe('2026-07-02');
  });

  it("show and read a wall-clock time in the region's zone, whatever zone the reader is in", () => {
    // 00:30 in Beijing on the 6th is still the 5th in UTC.
    expect(localDateTime('2026-12-05T16:30:00Z', 'Asia/Shanghai')).toBe('2026-12-06T00:30');
    expect(instantOfLocalTime('2026-12-06T00:30', 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-05T16:30:00.000Z',
    );
    // Through the time-zone data, either side of a daylight-saving change.
    expect(localDateTime('2026-07-01T23:30:00Z', 'America/New_York')).toBe('2026-07-01T19:30');
    expect(localDateTime('2026-12-01T23:30:00Z', 'America/New_York')).toBe('2026-12-01T18:30');
    for (const local of ['2026-03-07T23:00', '2026-03-08T12:00', '2026-11-01T12:00', '2026-07-01T19:30']) {
      expect(localDateTime(instantOfLocalTime(local, 'America/New_York'), 'America/New_York')).toBe(local);
    }
  });

  it('date the fixed-offset zones as the time-zone data does, every six hours of 2000-2040', () => {
    const differing: string[] = [];
    for (const zone of Object.keys(FIXED_OFFSET_MINUTES)) {
      const data = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      for (let at = Date.UTC(2000, 0, 1); at < Date.UTC(2041, 0, 1); at += 6 * 3_600_000) {
        if (localDate(new Date(at), zone) !== data.format(at))
          differing.push(`${zone} ${new Date(at).toISOString()}`);
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('deadline properties (2025-2027, random starts and periods)', () => {
  const start = fc.integer({ min: 0, max: 3 * 365 - 100 }).map((offset) => addDays('2025-01-01', offset));

  it('never falls on a non-working day, never earlier than start + period', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 90 }), (from, period) => {
        const due = dueDate(from, days(period), calendar);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(due >= addDays(from, period)).toBe(true);
        // Rolled only past non-working days: every day between start+period and due is off.
        for (let d = addDays(from, period); d < due; d = addDays(d, 1))
          expect(calendar.isWorkingDay(d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('counts exactly the working days asked for, ending on a working day', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 20 }), (from, period) => {
        const due = dueDate(from, workingDays(period), calendar);
        let counted = 0;
        for (let d = addDays(from, 1); d <= due; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) counted++;
        expect(counted).toBe(period);
        expect(calendar.isWorkingDay(due)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
