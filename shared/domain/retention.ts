// Retention (保管期限): how long a closed case file is archived, when its personal data is
// restricted (PIPL art. 47: stored and protected only), and what a disposal erases. Plain
// rules; docs/retention.md has the design, the store applies them.
import type { RegionConfig } from '../region.ts';
import type { CaseFile, PersonalRecord, Retention, RetentionClass } from './case.ts';
import { deletionGrantedOn } from './data-rights.ts';
import { localDate } from './local-time.ts';
import { normalisePhone } from './petition.ts';
import { isOpen } from './work-queues.ts';

/** What a case file's retention asks next, and from when; none while held, after disposal, or for a duplicate. */
export type RetentionStep = { action: 'restrict' | 'dispose'; on: string };

export function retentionClassOf(caseFile: CaseFile): RetentionClass {
  if (caseFile.duplicateOf) return 'duplicate';
  if (caseFile.status === 'not_accepted' && caseFile.notAccepted?.routine) return 'routine';
  if (caseFile.status === 'not_accepted' || caseFile.status === 'referred') return 'notHandled';
  return 'handled';
}

/** The same day `years` later; 29 February falls on the 28th in a common year. */
export function yearsAfter(date: string, years: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const to = year + years;
  const leap = (to % 4 === 0 && to % 100 !== 0) || to % 400 === 0;
  const clamped = month === 2 && day === 29 && !leap ? 28 : day;
  return `${String(to).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

/**
 * The schedule the case file calls for as it now stands: none while it is open; set on the
 * day it closes (`today`, the region's date) and kept while it stays closed, its class
 * following how it ended.
 */
export function retentionOf(
  caseFile: CaseFile,
  schedule: RegionConfig['retention'],
  today: string,
): Retention | undefined {
  if (isOpen(caseFile)) return undefined;
  const kind = retentionClassOf(caseFile);
  const closedOn = caseFile.retention?.closedOn ?? today;
  return {
    class: kind,
    closedOn,
    restrictOn: yearsAfter(closedOn, schedule.activeYears),
    ...(kind !== 'duplicate' && { disposeOn: yearsAfter(closedOn, schedule.archiveYears[kind]) }),
  };
}

/** The day a case closed, for one closed before retention: its last milestone (or last change). */
export function closedOnOf(caseFile: CaseFile, timeZone: string): string {
  return caseFile.milestones.at(-1)?.on ?? localDate(caseFile.updatedAt, timeZone);
}

/** The case as a change leaves it, with the retention schedule its state now calls for. */
export function withRetention(caseFile: CaseFile, region: RegionConfig, at: string): CaseFile {
  const { retention: _was, ...rest } = caseFile;
  const retention = retentionOf(caseFile, region.retention, localDate(at, region.region.timeZone));
  return retention ? { ...rest, retention } : rest;
}

/** When the file may be listed for disposal: its archive period's end, or sooner a deletion granted to its person. */
export function disposalDueOn(caseFile: CaseFile): string | undefined {
  const scheduled = caseFile.retention?.disposeOn;
  const granted = scheduled === undefined ? undefined : deletionGrantedOn(caseFile);
  return granted !== undefined && scheduled !== undefined && granted < scheduled ? granted : scheduled;
}

export function nextRetentionStep(caseFile: CaseFile): RetentionStep | undefined {
  const { retention } = caseFile;
  if (!retention || caseFile.legalHold || caseFile.disposed) return undefined;
  const { restrictOn } = retention;
  const disposeOn = disposalDueOn(caseFile);
  if (!caseFile.restricted && (disposeOn === undefined || restrictOn < disposeOn)) {
    return { action: 'restrict', on: restrictOn };
  }
  return disposeOn === undefined ? undefined : { action: 'dispose', on: disposeOn };
}

/** What stands for a removed personal value. */
export const ERASED_MARK = '〔已删除〕';

/**
 * Every personal value of a case's people, as they were given and as they may be quoted
 * (a phone's digits alone, an ID number in either case): what a disposal looks for in free text.
 */
export function personalValuesOf(
  personal: PersonalRecord,
  asked: Array<{ phone?: string; address?: string }> = [],
): string[] {
  const people: Array<{ name?: string; phone?: string; idNumber?: string; address?: string }> = [
    personal.petitioner,
    ...personal.representatives,
    // Contact details a correction replaced, or the person asked for: the file may quote them.
    ...(personal.formerContacts ?? []),
    ...asked,
  ];
  const values = people.flatMap((person) => [
    ...(person.name ? [person.name] : []),
    ...(person.phone ? [person.phone, normalisePhone(person.phone)] : []),
    ...(person.idNumber
      ? [person.idNumber, person.idNumber.toUpperCase(), person.idNumber.toLowerCase()]
      : []),
    ...(person.address ? [person.address] : []),
  ]);
  // Longest first, so an address is replaced whole before a name inside it.
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * The value with every quoted personal value replaced by the mark, at any depth: on its JSON
 * text, each value in its escaped form, so only the insides of strings can match.
 */
export function scrub<T>(value: T, values: readonly string[]): T {
  const text = values.reduce(
    (out, v) => out.split(JSON.stringify(v).slice(1, -1)).join(ERASED_MARK),
    JSON.stringify(value),
  );
  return JSON.parse(text);
}

/** Whether any string in the value quotes one of the personal values. */
export function quotesAny(value: unknown, values: readonly string[]): boolean {
  if (typeof value === 'string') return values.some((v) => value.includes(v));
  if (Array.isArray(value)) return value.some((v) => quotesAny(v, values));
  if (value && typeof value === 'object') return Object.values(value).some((v) => quotesAny(v, values));
  return false;
}
