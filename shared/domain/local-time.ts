// The region's calendar date and wall-clock time of an instant: what people read. Never a cut
// of the UTC instant (between 00:00 and 08:00 in Beijing that is the day before). A leaf
// module: the console and the pages import it without the holiday calendar.

/**
 * Zones whose offset from UTC has not changed since 2000 (no daylight saving): their dates need
 * no time-zone data. The first Intl.DateTimeFormat of a process costs about 25 ms (it loads
 * ICU's zone data), and a cold function computes a date on its first request. Checked against
 * Intl for every six hours of 2000-2040 (test/unit/clock.test.ts).
 */
export const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Harbin': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  'Asia/Taipei': 480,
  'Asia/Urumqi': 360,
  UTC: 0,
  'Etc/UTC': 0,
};

/** The calendar date of an instant in the region's time zone (YYYY-MM-DD). */
export function localDate(instant: string | Date, timeZone: string): string {
  return localDateTime(instant, timeZone).slice(0, 10);
}

/** The region's wall-clock time of an instant, as a datetime-local field shows it (YYYY-MM-DDTHH:mm). */
export function localDateTime(instant: string | Date, timeZone: string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** The instant of a wall-clock time in the region's zone (YYYY-MM-DDTHH:mm[:ss]). */
export function instantOfLocalTime(local: string, timeZone: string): Date {
  const asUtc = Date.parse(`${local}Z`);
  // The zone's offset at that wall-clock time: guessed at the UTC reading, then corrected once
  // (a daylight-saving change between the two readings).
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}

// Other zones through Intl: one formatter per zone, kept (each costs about half a millisecond).
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes: fixed-offset zones need no Intl. */
function offsetMinutes(at: Date, timeZone: string): number {
  const fixed = FIXED_OFFSET_MINUTES[timeZone];
  if (fixed !== undefined) return fixed;
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** An instant as ISO 8601 with the region's offset (2026-12-06T19:05:00+08:00): what other systems read. */
export function zonedIso(instant: string | Date, timeZone: string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const offset = offsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  return `${local}${sign}${hours}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
}
