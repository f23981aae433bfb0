// The case timeline: every change appends an event carrying the hash of the one before,
// so a rewritten or removed event breaks the chain at that point.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  kind: 'public' | 'staff' | 'system';
  /** Staff subject (the account); never a petitioner's personal data. */
  id?: string;
  /** Who acted, as staff read it: the official or department the token named, and its roles. */
  officialId?: string;
  department?: string;
  roles?: readonly string[];
}

/**
 * How a staff member appears on a timeline: the account, and the official or department and
 * roles the token named, so staff read who acted by name and title (never personal data).
 */
export const actorOf = (staff: {
  sub: string;
  roles: readonly string[];
  officialId?: string | undefined;
  department?: string | undefined;
}): Actor => ({
  kind: 'staff',
  id: staff.sub,
  ...(staff.officialId && { officialId: staff.officialId }),
  ...(staff.department && { department: staff.department }),
  roles: staff.roles,
});

export interface TimelineEvent {
  seq: number;
  type: string;
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
  /** Digest of the case record as this change left it (the last event of a change carries it). */
  state?: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(event: Omit<TimelineEvent, 'hash'>): string {
  const { seq, type, at, actor, data, state, prevHash } = event;
  return createHash('sha256')
    .update(canonicalJson({ seq, type, at, actor, data, state, prevHash }))
    .digest('hex');
}

/** Bookkeeping of the record itself, which every change moves: not part of the state. */
const BOOKKEEPING = new Set(['version', 'eventSeq', 'lastEventHash', 'updatedAt']);

/** The digest of a case record's state, which its last event must carry. */
export function stateDigest(record: object): string {
  const state = Object.fromEntries(Object.entries(record).filter(([key]) => !BOOKKEEPING.has(key)));
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

export function nextEvent(
  previous: { seq: number; hash: string },
  event: Pick<TimelineEvent, 'type' | 'at' | 'actor' | 'data' | 'state'>,
): TimelineEvent {
  const unsigned = { ...event, seq: previous.seq + 1, prevHash: previous.hash };
  return { ...unsigned, hash: hashEvent(unsigned) };
}

/**
 * The chain and the record together: the first event whose hash or link does not hold, else
 * a record that is not the one its last event left (edited in the table, or its head moved).
 */
export function firstTamperedPoint(
  record: { eventSeq: number; lastEventHash: string },
  events: TimelineEvent[],
): { seq: number; reason: string } | undefined {
  const broken = firstTamperedEvent(events);
  if (broken) return broken;
  const last = events.at(-1);
  if (!last || record.eventSeq !== last.seq || record.lastEventHash !== last.hash) {
    return { seq: record.eventSeq, reason: 'the case record does not point at the last event' };
  }
  const withState = events.findLast((event) => event.state !== undefined);
  if (withState?.state !== undefined && withState.state !== stateDigest(record)) {
    return { seq: withState.seq, reason: 'the case record differs from the state its timeline recorded' };
  }
  return undefined;
}

/** The first event whose hash or link does not hold, or undefined when the chain is intact. */
export function firstTamperedEvent(events: TimelineEvent[]): { seq: number; reason: string } | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { seq: expectedSeq, reason: 'missing event' };
    if (event.prevHash !== prevHash) return { seq: event.seq, reason: 'broken link to the previous event' };
    if (hashEvent(event) !== event.hash) return { seq: event.seq, reason: 'contents changed' };
    prevHash = event.hash;
    expectedSeq++;
  }
  return undefined;
}

/**
 * The timeline against the day's anchor kept outside the table: the head it sealed must still
 * be in the chain, and a case with events that day must be in it.
 */
export function firstMismatchWithAnchor(
  caseId: string,
  events: TimelineEvent[],
  anchor: { day: string; heads: Record<string, { seq: number; hash: string }> },
): { seq: number; reason: string } | undefined {
  const head = anchor.heads[caseId];
  const reason = `the timeline differs from the anchor of ${anchor.day}`;
  if (!head) {
    const thatDay = events.find((event) => event.at.slice(0, 10) === anchor.day);
    return thatDay ? { seq: thatDay.seq, reason } : undefined;
  }
  const event = events.find((e) => e.seq === head.seq);
  return event?.hash === head.hash ? undefined : { seq: head.seq, reason };
}

/** The last day before `today` (UTC) on which the case changed: the anchor to check it against. */
export function lastAnchoredDay(events: TimelineEvent[], today: string): string | undefined {
  return events
    .map((event) => event.at.slice(0, 10))
    .filter((day) => day < today)
    .at(-1);
}
