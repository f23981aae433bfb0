import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../shared/domain/clock.ts';
import {
  type Absence,
  coverAbsence,
  coverage,
  generateYear,
  swap,
  workingDaysOf,
} from '../../shared/domain/reception.ts';
import { ConflictError } from '../../shared/errors.ts';
import type { RegionConfig } from '../../shared/region.ts';

const calendar = workingCalendar({} as RegionConfig);
const officials = Array.from({ length: 10 }, (_, i) => `off-${String(i + 1).padStart(2, '0')}`);

describe('a year of reception days', () => {
  it('puts two officials on every working day of 2027 with ten officials', () => {
    const days = generateYear(2027, officials, [], calendar);

    expect(days.map((d) => d.date)).toEqual(workingDaysOf(2027, calendar));
    expect(days.every((d) => d.officials.length === 2 && d.officials[0] !== d.officials[1])).toBe(true);
    expect(coverage(days, workingDaysOf(2027, calendar))).toMatchObject({ fewerThanTwo: [], none: [] });
  });

  it('counts 2026 working days from the official calendar (make-up Saturdays in, holidays out)', () => {
    const days = workingDaysOf(2026, calendar);
    expect(days).toContain('2026-02-14');
    expect(days).not.toContain('2026-10-05');
  });

  it('balances the load within one day and never puts anyone on two consecutive working days', () => {
    const days = generateYear(2027, officials, [], calendar);
    const load = new Map<string, number>();
    for (const day of days) for (const id of day.officials) load.set(id, (load.get(id) ?? 0) + 1);

    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
    for (let i = 1; i < days.length; i++) {
      const shared = days[i]?.officials.filter((id) => days[i - 1]?.officials.includes(id));
      expect(shared).toEqual([]);
    }
  });

  it('rotates partners: every two officials sit together about equally often, not the same pairs all year', () => {
    const days = generateYear(2027, officials, [], calendar);
    const together = new Map<string, number>();
    for (const {
      officials: [a, b],
    } of days) {
      const key = [a, b].sort().join('|');
      together.set(key, (together.get(key) ?? 0) + 1);
    }
    const possiblePairs = (officials.length * (officials.length - 1)) / 2;
    // 10 officials make 45 pairs; about 250 days give each pair 5 or 6 days, not 51.
    expect(together.size).toBe(possiblePairs);
    expect(Math.max(...together.values()) - Math.min(...together.values())).toBeLessThanOrEqual(2);
    expect(Math.max(...together.values())).toBeLessThanOrEqual(Math.ceil(days.length / possiblePairs) + 1);
  });

  it('keeps two a day around known absences while enough officials are free', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            officialId: fc.constantFrom(...officials),
            from: fc.integer({ min: 0, max: 300 }),
            length: fc.integer({ min: 0, max: 30 }),
          }),
          { maxLength: 6 },
        ),
        (raw) => {
          const absences: Absence[] = raw.map((a) => {
            const from = new Date(Date.UTC(2027, 0, 1 + a.from)).toISOString().slice(0, 10);
            const to = new Date(Date.UTC(2027, 0, 1 + a.from + a.length)).toISOString().slice(0, 10);
            return { officialId: a.officialId, from, to, reason: '公務' };
          });
          const days = generateYear(2027, officials, absences, calendar);
          for (const day of days) {
            expect(day.officials).toHaveLength(2);
            for (const id of day.officials) {
              expect(
                absences.some((a) => a.officialId === id && a.from <= day.date && day.date <= a.to),
              ).toBe(false);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('reports the days with fewer than two and with none when too few officials are free', () => {
    const days = generateYear(
      2027,
      ['off-01', 'off-02'],
      [{ officialId: 'off-01', from: '2027-03-01', to: '2027-03-05', reason: '出差' }],
      calendar,
    );
    const alone = generateYear(
      2027,
      ['off-01'],
      [{ officialId: 'off-01', from: '2027-03-01', to: '2027-03-01', reason: '出差' }],
      calendar,
    );

    expect(coverage(days, workingDaysOf(2027, calendar)).fewerThanTwo).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
    ]);
    expect(coverage(alone, workingDaysOf(2027, calendar)).none).toEqual(['2027-03-01']);
  });
});

describe('late absences and swaps', () => {
  it('moves a late absence to a free official, keeping two a day', () => {
    const days = generateYear(2027, officials, [], calendar);
    const absent = days[10]?.officials[0] as string;
    const absence = {
      officialId: absent,
      from: days[0]?.date as string,
      to: days[30]?.date as string,
      reason: '住院',
    };

    const changed = coverAbsence(days, absence, officials, [absence]);

    expect(changed.length).toBeGreaterThan(0);
    for (const day of days.slice(0, 31)) {
      expect(day.officials).toHaveLength(2);
      expect(day.officials).not.toContain(absent);
    }
  });

  it('swaps one official for a free one, and refuses a busy or absent one', () => {
    const day = { date: '2027-03-01', officials: ['off-01', 'off-02'] };
    const absences = [{ officialId: 'off-04', from: '2027-03-01', to: '2027-03-01', reason: '出差' }];

    expect(swap(day, 'off-01', 'off-03', absences).officials).toEqual(['off-03', 'off-02']);
    expect(() => swap(day, 'off-01', 'off-02', absences)).toThrow(ConflictError);
    expect(() => swap(day, 'off-01', 'off-04', absences)).toThrow(ConflictError);
    expect(() => swap(day, 'off-05', 'off-03', absences)).toThrow(ConflictError);
  });
});
