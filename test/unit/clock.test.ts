import { describe, expect, it } from 'vitest';
import { dueDate, localDate, workingCalendar } from '../../shared/domain/clock.ts';
import type { RegionConfig } from '../../shared/region.ts';

const calendar = workingCalendar({
  calendar: { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], makeUpWorkdays: ['2026-10-10'] },
} as RegionConfig);
const fifteenDays = { days: 15, unit: 'calendar', article: 'art. 22' } as const;
const fiveWorkingDays = { days: 5, unit: 'working', article: 'art. 23' } as const;

describe('statutory deadlines', () => {
  it('count from the day after the event', () => {
    expect(dueDate('2026-11-02', fifteenDays, calendar)).toBe('2026-11-17');
  });

  it('roll a period ending on a weekend to the next working day', () => {
    // 2026-11-28 + 15 = Sunday 2026-12-13 → Monday 2026-12-14
    expect(dueDate('2026-11-28', fifteenDays, calendar)).toBe('2026-12-14');
  });

  it('roll a period ending on a holiday past the holiday and the weekend after it', () => {
    // 2026-09-16 + 15 = Thursday 2026-10-01 (holiday) → 10-02 holiday → 10-03/04 weekend → 10-05 holiday → 10-06
    expect(dueDate('2026-09-16', fifteenDays, calendar)).toBe('2026-10-06');
  });

  it('count working days, skipping holidays and counting a make-up Saturday', () => {
    // From Tue 2026-09-29: 09-30 (1), 10-01/02 holidays, weekend, 10-05 holiday, 10-06 (2), 10-07 (3), 10-08 (4), 10-09 (5)
    expect(dueDate('2026-09-29', fiveWorkingDays, calendar)).toBe('2026-10-09');
    // From Thu 2026-10-08: 10-09 (1), Sat 10-10 make-up day (2), 10-12 (3), 10-13 (4), 10-14 (5)
    expect(dueDate('2026-10-08', fiveWorkingDays, calendar)).toBe('2026-10-14');
  });

  it("take the event's date in the region's time zone", () => {
    expect(localDate('2026-11-27T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28');
    expect(localDate('2026-11-27T15:30:00Z', 'Asia/Shanghai')).toBe('2026-11-27');
  });
});
