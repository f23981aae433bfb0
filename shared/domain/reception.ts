// Reception days (領導接訪日): published a year ahead, two receiving officials every working
// day so that one can be called away; balanced load, nobody on consecutive working days
// where it can be avoided; absences and swaps keep two a day wherever someone is free.
import { ConflictError } from '../errors.ts';
import { addDays, type WorkingCalendar } from './clock.ts';

export const OFFICIALS_PER_DAY = 2;

export interface ReceptionDay {
  date: string;
  officials: string[];
}

export interface Absence {
  officialId: string;
  from: string;
  to: string;
  reason: string;
}

export function workingDaysOf(year: number, calendar: WorkingCalendar): string[] {
  const days: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) days.push(date);
  }
  return days;
}

export function isAbsent(officialId: string, date: string, absences: Absence[]): boolean {
  return absences.some((a) => a.officialId === officialId && a.from <= date && date <= a.to);
}

interface Tally {
  load: Map<string, number>;
  lastServed: Map<string, string>;
  /** Days each two officials sat together, by `a|b` (sorted ids). */
  together: Map<string, number>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Counts a day served by `officials`, who join `alongside` (already counted) that day. */
function serve(counts: Tally, date: string, officials: string[], alongside: string[] = []): void {
  const seated = [...alongside];
  for (const id of officials) {
    counts.load.set(id, (counts.load.get(id) ?? 0) + 1);
    if ((counts.lastServed.get(id) ?? '') < date) counts.lastServed.set(id, date);
    for (const other of seated) {
      counts.together.set(pairKey(id, other), (counts.together.get(pairKey(id, other)) ?? 0) + 1);
    }
    seated.push(id);
  }
}

function tally(days: ReceptionDay[]): Tally {
  const counts: Tally = { load: new Map(), lastServed: new Map(), together: new Map() };
  for (const day of days) serve(counts, day.date, day.officials);
  return counts;
}

/**
 * The best free officials for a date: not absent, not already there; those who serve the
 * working day before or after come last, then the least loaded counting the days already spent
 * beside those chosen (so partners rotate), then who served longest ago.
 */
function candidates(
  date: string,
  officials: string[],
  absences: Absence[],
  neighbours: Set<string>,
  taken: string[],
  { load, lastServed, together }: Tally,
): string[] {
  const withTaken = (id: string) =>
    taken.reduce((sum, other) => sum + (together.get(pairKey(id, other)) ?? 0), 0);
  return officials
    .filter((id) => !taken.includes(id) && !isAbsent(id, date, absences))
    .sort(
      (a, b) =>
        Number(neighbours.has(a)) - Number(neighbours.has(b)) ||
        (load.get(a) ?? 0) + withTaken(a) - ((load.get(b) ?? 0) + withTaken(b)) ||
        (load.get(a) ?? 0) - (load.get(b) ?? 0) ||
        (lastServed.get(a) ?? '').localeCompare(lastServed.get(b) ?? '') ||
        officials.indexOf(a) - officials.indexOf(b),
    );
}

/** A year's reception days: two officials on every working day where two are free. */
export function generateYear(
  year: number,
  officials: string[],
  absences: Absence[],
  calendar: WorkingCalendar,
): ReceptionDay[] {
  const days: ReceptionDay[] = [];
  const counts = tally([]);
  let previous: string[] = [];
  for (const date of workingDaysOf(year, calendar)) {
    // One at a time: the second is picked knowing who the first is.
    const chosen: string[] = [];
    while (chosen.length < OFFICIALS_PER_DAY) {
      const [next] = candidates(date, officials, absences, new Set(previous), chosen, counts);
      if (!next) break;
      chosen.push(next);
    }
    serve(counts, date, chosen);
    days.push({ date, officials: chosen });
    previous = chosen;
  }
  return days;
}

/** Working days with fewer than two officials, and with none. */
export function coverage(days: ReceptionDay[], workingDays: string[]) {
  const byDate = new Map(days.map((d) => [d.date, d.officials.length]));
  return {
    workingDays: workingDays.length,
    fewerThanTwo: workingDays.filter((date) => (byDate.get(date) ?? 0) < OFFICIALS_PER_DAY),
    none: workingDays.filter((date) => (byDate.get(date) ?? 0) === 0),
  };
}

function neighboursOf(date: string, days: ReceptionDay[]): Set<string> {
  const index = days.findIndex((d) => d.date === date);
  return new Set([...(days[index - 1]?.officials ?? []), ...(days[index + 1]?.officials ?? [])]);
}

/**
 * A late absence: the absent official leaves every published day of the absence, and the
 * best free official takes the place. Returns the days that changed.
 */
export function coverAbsence(
  days: ReceptionDay[],
  absence: Absence,
  officials: string[],
  absences: Absence[],
): ReceptionDay[] {
  const counts = tally(days);
  const changed: ReceptionDay[] = [];
  for (const day of days) {
    if (day.date < absence.from || day.date > absence.to || !day.officials.includes(absence.officialId))
      continue;
    const staying = day.officials.filter((id) => id !== absence.officialId);
    const [stand] = candidates(day.date, officials, absences, neighboursOf(day.date, days), staying, counts);
    const updated = { date: day.date, officials: stand ? [...staying, stand] : staying };
    if (stand) serve(counts, day.date, [stand], staying);
    day.officials = updated.officials;
    changed.push(updated);
  }
  return changed;
}

/** One official hands a day to another, who must be free and not already there. */
export function swap(day: ReceptionDay, out: string, into: string, absences: Absence[]): ReceptionDay {
  if (!day.officials.includes(out)) {
    throw new ConflictError({ zh: `${out} 當日未安排接訪。`, en: `${out} does not receive on ${day.date}.` });
  }
  if (day.officials.includes(into)) {
    throw new ConflictError({
      zh: `${into} 當日已安排接訪。`,
      en: `${into} already receives on ${day.date}.`,
    });
  }
  if (isAbsent(into, day.date, absences)) {
    throw new ConflictError({ zh: `${into} 當日請假。`, en: `${into} is absent on ${day.date}.` });
  }
  return { date: day.date, officials: day.officials.map((id) => (id === out ? into : id)) };
}
