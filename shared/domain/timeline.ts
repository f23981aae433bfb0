// The case timeline: every change appends an event carrying the hash of the one before,
// so a rewritten or removed event breaks the chain at that point.
import { createHash, randomBytes } from 'node:crypto';

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
  /**
   * Since events are sealed by digest (docs/retention.md): SHA-256 of `dataSalt` and `data`. The
   * hash covers this digest, not the data, so a disposal can remove personal values from `data`
   * (and the salt with them) and the chain still holds. Events written before carry neither, and
   * their hash covers `data` itself.
   */
  dataDigest?: string;
  dataSalt?: string;
  /** The approved disposal list that removed personal values from `data`, and when. */
  erased?: { list: string; on: string };
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The salted digest of an event's data: without the salt it tells nothing of what the data was. */
export const dataDigestOf = (data: Record<string, unknown>, salt: string) =>
  sha256(`${salt}:${canonicalJson(data)}`);

export function hashEvent(event: Omit<TimelineEvent, 'hash'>): string {
  const { seq, type, at, actor, data, dataDigest, state, prevHash } = event;
  // An event sealed by digest is hashed over the digest; one written before, over its data.
  const contents = dataDigest === undefined ? { data } : { dataDigest };
  return sha256(canonicalJson({ seq, type, at, actor, ...contents, state, prevHash }));
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
  const dataSalt = randomBytes(16).toString('hex');
  const unsigned = {
    ...event,
    dataDigest: dataDigestOf(event.data, dataSalt),
    dataSalt,
    seq: previous.seq + 1,
    prevHash: previous.hash,
  };
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

/**
 * An event's contents against its hash. A sealed event's data is checked against its digest
 * unless a disposal erased it (the digest still holds the rest). An older event erased by a
 * disposal can no longer be recomputed: its stored hash stands, and the link to it is checked.
 */
function contentsHold(event: TimelineEvent): boolean {
  if (event.dataDigest === undefined) return event.erased !== undefined || hashEvent(event) === event.hash;
  const dataHolds =
    event.erased !== undefined ||
    (event.dataSalt !== undefined && dataDigestOf(event.data, event.dataSalt) === event.dataDigest);
  return dataHolds && hashEvent(event) === event.hash;
}

/** The first event whose hash or link does not hold, or undefined when the chain is intact. */
export function firstTamperedEvent(events: TimelineEvent[]): { seq: number; reason: string } | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { seq: expectedSeq, reason: 'missing event' };
    if (event.prevHash !== prevHash) return { seq: event.seq, reason: 'broken link to the previous event' };
    if (!contentsHold(event)) return { seq: event.seq, reason: 'contents changed' };
    prevHash = event.hash;
    expectedSeq++;
  }
  // Only a disposal erases, and its own (sealed) event names every event it erased.
  const named = new Set(
    events.flatMap((event) => (event.type === DISPOSED_EVENT ? erasedSeqsOf(event) : [])),
  );
  const unnamed = events.find((event) => event.erased && !named.has(event.seq));
  return unnamed && { seq: unnamed.seq, reason: 'erased without a disposal that names it' };
}

/** The event a disposal leaves on the case's timeline; its data names the events it erased. */
export const DISPOSED_EVENT = 'disposed';
const erasedSeqsOf = (event: TimelineEvent): number[] => {
  const seqs = event.data.erasedEvents;
  return Array.isArray(seqs) ? seqs.filter((seq): seq is number => typeof seq === 'number') : [];
};

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
