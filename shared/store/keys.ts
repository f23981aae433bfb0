// The one module that knows the table's keys. Every partition key, sort key and index key
// is built here and nowhere else; docs/data-model.md lists the access pattern each serves.
import { queues, type WorkQueue } from '../domain/work-queues.ts';
import { type IndexDefinition, indexes, tableDefinition } from './table-definition.ts';

// Encoding: upper-case entity prefixes, `#` separators, values as given (codes are lower
// case by schema, ids and hashes are case-stable); nothing is ever case-folded silently.

/** Counter items per month are spread over shards so concurrent intakes rarely collide. */
export const COUNTER_SHARDS = 8;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Partitions that every case writes to (chain heads, due work, the outbox) are spread by case. */
const CASE_SHARDS = 8;
const caseShardOf = (caseId: string, shards = CASE_SHARDS) =>
  pad([...caseId].reduce((sum, c) => sum + (c.codePointAt(0) ?? 0), 0) % shards, 2);
const caseShards = (prefix: string, shards = CASE_SHARDS) =>
  Array.from({ length: shards }, (_, shard) => `${prefix}#${pad(shard, 2)}`);

const CASE_SORT_KEY = 'CASE';

/** Where each work queue is kept: its partition of the queue index (AP23), before any shard. */
function queuePartition(queue: WorkQueue): string {
  switch (queue.kind) {
    case 'open':
      return 'OPEN';
    case 'unowned':
      return 'UNOWNED';
    case 'owner':
      return `OWNER#${queue.officialId}`;
    case 'department':
      return `DEPT#${queue.department}`;
    case 'qualityReview':
      return 'QUALITY';
    case 'approvals':
      return 'APPROVALS';
    case 'backlog':
      return `BACKLOG#${queue.year}`;
    case 'dataRequests':
      return 'DATAREQ';
    case 'signOff':
      return `SIGNOFF#${queue.gravity}`;
  }
}

/** The queue a stored partition name is (undefined for none this version knows). */
function queueOfPartition(partition: string): WorkQueue | undefined {
  const [name = '', detail] = partition.split(/#(.*)/s);
  const fixed: Record<string, WorkQueue> = {
    OPEN: queues.open,
    UNOWNED: queues.unowned,
    QUALITY: queues.qualityReview,
    APPROVALS: queues.approvals,
    DATAREQ: queues.dataRequests,
  };
  if (detail === undefined) return fixed[name];
  if (name === 'OWNER') return queues.owner(detail);
  if (name === 'DEPT') return queues.department(detail);
  if (name === 'BACKLOG' && /^\d{4}$/.test(detail)) return queues.backlog(Number(detail));
  if (name === 'SIGNOFF' && (detail === 'ordinary' || detail === 'major')) return queues.signOff(detail);
  return undefined;
}
const QUEUE_PREFIX = 'QUEUE#';
const MIGRATIONS = 'MIGRATION';
const DISPOSALS = 'DISPOSAL';
const API_KEYS = 'APIKEYS';

export const keys = {
  /** Case by id (AP1). */
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: CASE_SORT_KEY }),
  /** The case item's sort key: what the stream's filter for new case files matches. */
  caseSortKey: CASE_SORT_KEY,
  /** The petitioner's personal data, kept apart from the matter (AP2). */
  personal: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'PERSONAL' }),
  /** One link per hashed identity (ID number, phone) of the petitioner (AP4). */
  petitionerLink: (caseId: string, identityHash: string) => ({
    PK: `CASE#${caseId}`,
    SK: `PETITIONER#${identityHash}`,
  }),
  petitionerLinkPrefix: 'PETITIONER#',
  /** Timeline events in order; zero-padded so the sort key sorts numerically (AP3). */
  event: (caseId: string, seq: number) => ({ PK: `CASE#${caseId}`, SK: `EVENT#${pad(seq, 6)}` }),
  deadline: (caseId: string, stage: string) => ({ PK: `CASE#${caseId}`, SK: `DEADLINE#${stage}` }),
  /** A file on the case file: its record (its bytes are in the region's bucket) (AP38). */
  attachment: (caseId: string, attachmentId: string) => ({
    PK: `CASE#${caseId}`,
    SK: `ATTACHMENT#${attachmentId}`,
  }),
  attachmentPrefix: 'ATTACHMENT#',
  /** Notices to the petitioner and representatives, in step order (the outbox) (AP13). */
  notice: (caseId: string, noticeId: string) => ({ PK: `CASE#${caseId}`, SK: `NOTICE#${noticeId}` }),
  noticePrefix: 'NOTICE#',
  /** Who read a case's personal data, when (AP14). */
  // Kept out of the case partition: reads are unbounded, and the case file is read whole.
  personalRead: (caseId: string, at: string, sub: string) => ({
    PK: `READ#${caseId}`,
    SK: `${at}#${sub}`,
  }),
  personalReadPartition: (caseId: string) => `READ#${caseId}`,
  /** One escalation of one deadline, due date and level: its existence is the once-only guard. */
  escalation: (caseId: string, stage: string, dueDate: string, level: string) => ({
    PK: `CASE#${caseId}`,
    SK: `ESCALATION#${stage}#${dueDate}#${level}`,
  }),
  /** A year's published reception days, one item per working day (AP18). */
  receptionDay: (date: string) => ({ PK: `RECEPTION#${date.slice(0, 4)}`, SK: `DAY#${date}` }),
  receptionYear: (year: number) => `RECEPTION#${year}`,
  receptionDayPrefix: 'DAY#',
  /** Known absences of receiving officials (AP19); a short list, read whole. */
  absence: (officialId: string, from: string, to: string) => ({
    PK: 'RECEPTION#ABSENCES',
    SK: `${officialId}#${from}#${to}`,
  }),
  absencePartition: 'RECEPTION#ABSENCES',
  /** Who receives the public, as the administrator keeps it (AP20). */
  receivingOfficials: { PK: 'RECEPTION#CONFIG', SK: 'OFFICIALS' },
  /** The desk's queue of one day: first-time petitioners sort first (AP21). */
  queueEntry: (date: string, firstTime: boolean, at: string, caseId: string) => ({
    PK: `QUEUE#${date}`,
    SK: `${firstTime ? '0' : '1'}#${at}#${caseId}`,
  }),
  queueDay: (date: string) => `QUEUE#${date}`,
  /**
   * The head of a case's timeline at the end of a day (UTC), for the daily anchor (AP27);
   * spread over shards by case so a busy day has no hot partition.
   */
  chainHead: (day: string, caseId: string) => ({
    PK: `CHAINHEADS#${day}#${caseShardOf(caseId)}`,
    SK: `CASE#${caseId}`,
  }),
  chainHeadPartitions: (day: string) => caseShards(`CHAINHEADS#${day}`),
  /** The petitioner's rating of one opinion, kept apart from the outcome (AP15). */
  rating: (caseId: string, opinion: string) => ({ PK: `CASE#${caseId}`, SK: `RATING#${opinion}` }),
  /** A case's membership of one staff work queue (AP23). */
  queueMembership: (caseId: string, queue: WorkQueue) => ({
    PK: `CASE#${caseId}`,
    SK: `${QUEUE_PREFIX}${queuePartition(queue)}`,
  }),
  /** The queue's name as a membership item records it (its `queue` attribute), and back. */
  queueName: queuePartition,
  queueOfName: queueOfPartition,
  /** Receipt code → case (AP5). */
  receipt: (receiptCode: string) => ({ PK: `RECEIPT#${receiptCode}`, SK: 'RECEIPT' }),
  /** Matter fingerprint → case: the uniqueness record of "one case file per matter" (AP6). */
  matter: (fingerprint: string) => ({ PK: `MATTER#${fingerprint}`, SK: 'MATTER' }),
  /** The provider's id of a sent SMS → its notice, for the provider's delivery report (AP35). */
  smsMessage: (providerMessageId: string) => ({ PK: `SMSMSG#${providerMessageId}`, SK: 'SMSMSG' }),
  /** The bureau's count of written notices issued in a year: their document numbers (AP32). */
  documentCounter: (year: number) => ({ PK: `DOCNO#${year}`, SK: 'DOCNO' }),
  /** An issued document in the register, by its number: its verification (AP48). */
  registeredDocument: (number: string) => ({ PK: `DOCUMENT#${number}`, SK: 'DOCUMENT' }),
  idempotency: (scopedKeyHash: string) => ({ PK: `IDEMPOTENCY#${scopedKeyHash}`, SK: 'IDEMPOTENCY' }),
  /** The idempotency record of a request that opened or joined the case, named in its partition (AP40). */
  idempotencyLink: (caseId: string, scopedKeyHash: string) => ({
    PK: `CASE#${caseId}`,
    SK: `IDEMPOTENCY#${scopedKeyHash}`,
  }),
  idempotencyLinkPrefix: 'IDEMPOTENCY#',
  ratingPrefix: 'RATING#',
  /** What a petitioner asked about their data: one record per request, in the case's partition. */
  dataRequest: (caseId: string, requestId: string) => ({
    PK: `CASE#${caseId}`,
    SK: `DATAREQUEST#${requestId}`,
  }),
  /** A closed case file's retention schedule; in the due index while a step is due (AP39). */
  retention: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'RETENTION' }),
  /** A client's count in one fixed window of its limit (AP44); epoch seconds, zero-padded. */
  limitWindow: (client: string, windowStart: number) => ({
    PK: `LIMIT#${client}`,
    SK: `WINDOW#${pad(windowStart, 12)}`,
  }),
  limitPartition: (client: string) => `LIMIT#${client}`,
  limitWindowFrom: (windowStart: number) => `WINDOW#${pad(windowStart, 12)}`,
  limitWindowStartOf: (sortKey: string) => Number(sortKey.slice('WINDOW#'.length)),
  /** The API keys, one partition: a handful per region (AP45). */
  apiKey: (keyId: string) => ({ PK: API_KEYS, SK: `KEY#${keyId}` }),
  apiKeys: API_KEYS,
  /** What an Open311 client submitted, by case (AP46); case ids open with the received day, so they sort by it. */
  clientRequest: (keyId: string, caseId: string) => ({ PK: `CLIENT#${keyId}`, SK: `REQUEST#${caseId}` }),
  clientRequests: (keyId: string, from: string, to: string) => ({
    PK: `CLIENT#${keyId}`,
    from: `REQUEST#${from.replaceAll('-', '')}`,
    to: `REQUEST#${to.replaceAll('-', '')}-\uffff`,
  }),
  /** A batch client's token for a request (AP47). */
  clientToken: (keyId: string, token: string) => ({ PK: `CLIENT#${keyId}`, SK: `TOKEN#${token}` }),
  /** The disposal lists, one partition: a handful a year (AP41). */
  disposalList: (listId: string) => ({ PK: DISPOSALS, SK: `LIST#${listId}` }),
  disposalLists: DISPOSALS,
  /** The year's count of disposal lists: their numbers. */
  disposalCounter: (year: number) => ({ PK: `DISPOSALNO#${year}`, SK: 'DISPOSALNO' }),
  /** Which migrations of stored items ran on this table, and when (AP37). */
  migration: (id: string) => ({ PK: MIGRATIONS, SK: `RAN#${id}` }),
  /** Where an unfinished run of a migration stopped: the last unit it finished (AP37). */
  migrationCheckpoint: (id: string) => ({ PK: MIGRATIONS, SK: `CHECKPOINT#${id}` }),
  migrations: MIGRATIONS,
  /** The prefix of a case's queue memberships in its partition (AP37: the case's own queues). */
  queuePrefix: QUEUE_PREFIX,
  /**
   * Report counters: one item per bucket (a month YYYY-MM, a year YYYY, CURRENT) and shard, each
   * its own partition, so the writes of a busy month spread over COUNTER_SHARDS partitions (AP10).
   */
  counter: (bucket: string, shard: number) => ({ PK: `COUNTER#${bucket}#${pad(shard, 2)}`, SK: 'COUNTER' }),
  counterShards: (bucket: string) =>
    Array.from({ length: COUNTER_SHARDS }, (_, shard) => keys.counter(bucket, shard)),
  casePartition: (caseId: string) => `CASE#${caseId}`,
  /** The case id of a case item's key as a stream record carries it; undefined for other items. */
  caseIdOf: (pk: string | undefined, sk: string | undefined) =>
    sk === CASE_SORT_KEY && pk?.startsWith('CASE#') ? pk.slice('CASE#'.length) : undefined,
  eventPrefix: 'EVENT#',
} as const;

const indexKey = (index: IndexDefinition, partition: string, sort: string): Record<string, string> => ({
  [index.partitionKey]: partition,
  [index.sortKey]: sort,
});

/** Index attributes a case item carries; each is set only once the case has that property. */
export const caseIndexKeys = {
  /** AP9: cases of one township and category, for similar-matter suggestions. */
  byArea: (township: string, category: string, receivedAt: string, caseId: string) =>
    indexKey(indexes.byArea, `AREA#${township}#${category}`, `${receivedAt}#${caseId}`),
  areaPartition: (township: string, category: string) => `AREA#${township}#${category}`,
  /** AP17: a year's backlog list. GSI1 is overloaded: petitioner links and backlog cases. */
  byBacklogYear: (year: number, caseId: string) => indexKey(indexes.byPetitioner, `BACKLOG#${year}`, caseId),
  backlogPartition: (year: number) => `BACKLOG#${year}`,
};

export const petitionerIndexKeys = {
  /** AP4: every case of a petitioner, by hashed ID number or phone. */
  byPetitioner: (identityHash: string, receivedAt: string, caseId: string) =>
    indexKey(indexes.byPetitioner, `PETITIONER#${identityHash}`, `${receivedAt}#${caseId}`),
  partition: (identityHash: string) => `PETITIONER#${identityHash}`,
};

export const queueIndexKeys = {
  /** AP23: a staff work queue, by the due date of each case's current stage. */
  member: (queue: WorkQueue, dueDate: string, caseId: string, shards: number) =>
    indexKey(
      indexes.queue,
      shards > 1 ? `${queuePartition(queue)}#${caseShardOf(caseId, shards)}` : queuePartition(queue),
      `${dueDate}#${caseId}`,
    ),
  /** The partitions of a queue: itself, or one per shard in a region big enough to spread them. */
  partitions: (queue: WorkQueue, shards: number) =>
    shards > 1 ? caseShards(queuePartition(queue), shards) : [queuePartition(queue)],
  /** Sort-key bounds of a range of due dates. */
  dueBefore: (date: string) => date,
  dueOnOrBefore: (date: string) => `${date}#\uffff`,
};

/**
 * The sparse DUE index holds work that is due: open deadlines of the office (AP11, partitions
 * DUE#<shard>, by due date) and undelivered notices (AP16, partitions OUTBOX#<shard>, oldest
 * first); a case's items always fall in the same shard, and readers query all of them.
 */
export const dueIndexKeys = {
  partitions: caseShards('DUE'),
  outboxPartitions: caseShards('OUTBOX'),
  /** Notices that go by post, until a clerk records their delivery (the print queue, AP33). */
  printPartitions: caseShards('PRINT'),
  toPost: (createdAt: string, caseId: string, noticeId: string) =>
    indexKey(indexes.due, `PRINT#${caseShardOf(caseId)}`, `${createdAt}#${caseId}#${noticeId}`),
  pendingNotice: (createdAt: string, caseId: string, noticeId: string) =>
    indexKey(indexes.due, `OUTBOX#${caseShardOf(caseId)}`, `${createdAt}#${caseId}#${noticeId}`),
  open: (dueDate: string, caseId: string, stage: string) =>
    indexKey(indexes.due, `DUE#${caseShardOf(caseId)}`, `${dueDate}#${caseId}#${stage}`),
  /** Closed case files whose retention step (restrict, dispose) is due, by its date (AP39). */
  retentionPartitions: caseShards('RETAIN'),
  retentionDue: (on: string, caseId: string) =>
    indexKey(indexes.due, `RETAIN#${caseShardOf(caseId)}`, `${on}#${caseId}`),
  /** Sort-key upper bound for "due on or before this date". */
  dueOnOrBefore: (date: string) => `${date}#\uffff`,
};

/** A key condition on one partition of an index (or of the table), with names from the table definition. */
export function partitionOf(index: IndexDefinition | undefined, partition: string, sortAtMost?: string) {
  const pk = index?.partitionKey ?? tableDefinition.partitionKey;
  const sk = index?.sortKey ?? tableDefinition.sortKey;
  return {
    ...(index && { IndexName: index.indexName }),
    KeyConditionExpression: sortAtMost === undefined ? '#pk = :pk' : '#pk = :pk AND #sk <= :sk',
    ExpressionAttributeNames: { '#pk': pk, ...(sortAtMost !== undefined && { '#sk': sk }) },
    ExpressionAttributeValues: { ':pk': partition, ...(sortAtMost !== undefined && { ':sk': sortAtMost }) },
  };
}

/** A key condition on the items of one case whose sort key starts with a prefix (its events, queues, files). */
export function inCasePartition(caseId: string, prefix: string) {
  return {
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': tableDefinition.partitionKey, '#sk': tableDefinition.sortKey },
    ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':prefix': prefix },
  };
}
