// The secondary adapter for cases: builds DynamoDB commands (pure, unit-tested for their
// exact input) and runs them. Use cases call these; they never see a key or an expression.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type CaseFile, currentDeadlines, type Deadline, type PersonalRecord } from '../domain/case.ts';
import type { Notice } from '../domain/notices.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import {
  caseItem,
  deadlineItem,
  eventItem,
  type IdempotencyRecord,
  idempotencyItem,
  matterItem,
  noticeItem,
  personalItem,
  personalReadItem,
  petitionerLinkItem,
  type ReceiptRecord,
  receiptItem,
  withoutKeys,
} from './items.ts';
import { caseIndexKeys, dueIndexKeys, keys } from './keys.ts';

export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function createStore(options: { tableName: string; endpoint?: string | undefined }): Store {
  const client = new DynamoDBClient(
    options.endpoint
      ? {
          endpoint: options.endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: options.tableName };
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const notExists = 'attribute_not_exists(PK)';

function putNew(tableName: string, item: Record<string, unknown>, returnOld = false): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: notExists,
      ...(returnOld && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }),
    },
  };
}

/** Adds one to each named counter in a month's shard. */
export function counterIncrement(
  tableName: string,
  bucket: string,
  shard: number,
  counters: string[],
  subtract: string[] = [],
): TransactItem {
  const names: Record<string, string> = {};
  const parts: string[] = [];
  counters.forEach((counter, i) => {
    names[`#c${i}`] = counter;
    parts.push(`#c${i} :one`);
  });
  subtract.forEach((counter, i) => {
    names[`#d${i}`] = counter;
    parts.push(`#d${i} :minusOne`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.counter(bucket, shard),
      UpdateExpression: `SET entity = :entity, #bucket = :bucket ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: { ...names, '#bucket': 'bucket' },
      // DynamoDB refuses a value the expression does not use: name only those in use.
      ExpressionAttributeValues: {
        ':entity': 'counter',
        ':bucket': bucket,
        ...(counters.length && { ':one': 1 }),
        ...(subtract.length && { ':minusOne': -1 }),
      },
    },
  };
}

export interface IdempotencyWrite {
  scopedKeyHash: string;
  record: IdempotencyRecord;
  nowMs: number;
}

/** Counters of one bucket: a month (YYYY-MM), a year (YYYY), or CURRENT (what is open now). */
export interface CounterWrite {
  bucket: string;
  shard: number;
  counters: string[];
  /** Counters to take one from (CURRENT figures that fall when a case moves on). */
  subtract?: string[];
}

export interface OpenCaseWrite {
  caseFile: CaseFile;
  personal: PersonalRecord;
  identityHashes: string[];
  matterFingerprints: string[];
  receipt: ReceiptRecord;
  event: TimelineEvent;
  counters: CounterWrite;
  idempotency?: IdempotencyWrite;
}

/** Where each conditional item sits in the transaction, to read its cancellation reason. */
export interface OpenCasePositions {
  matters: number[];
  receipt: number;
  idempotency?: number;
}

/** One transaction opens the whole case file: one round trip, all or nothing. */
export function openCaseCommand(
  tableName: string,
  write: OpenCaseWrite,
): { input: TransactWriteCommandInput; positions: OpenCasePositions } {
  const { caseFile } = write;
  const items: TransactItem[] = [];
  const push = (item: TransactItem) => items.push(item) - 1;
  push(putNew(tableName, caseItem(caseFile)));
  push({ Put: { TableName: tableName, Item: personalItem(write.personal) } });
  for (const hash of write.identityHashes) {
    push({
      Put: { TableName: tableName, Item: petitionerLinkItem(caseFile.caseId, hash, caseFile.receivedAt) },
    });
  }
  const matters = write.matterFingerprints.map((fp) =>
    push(putNew(tableName, matterItem(fp, caseFile.caseId), true)),
  );
  const receipt = push(putNew(tableName, receiptItem(write.receipt)));
  push(putNew(tableName, eventItem(caseFile.caseId, write.event)));
  for (const deadline of currentDeadlines(caseFile)) {
    push({ Put: { TableName: tableName, Item: deadlineItem(caseFile.caseId, deadline, true) } });
  }
  push(counterIncrement(tableName, write.counters.bucket, write.counters.shard, write.counters.counters));
  const idempotency = write.idempotency ? push(idempotencyPut(tableName, write.idempotency)) : undefined;
  return {
    input: { TransactItems: items },
    positions: { matters, receipt, ...(idempotency !== undefined && { idempotency }) },
  };
}

export function idempotencyPut(tableName: string, write: IdempotencyWrite): TransactItem {
  return putNew(tableName, idempotencyItem(write.scopedKeyHash, write.record, write.nowMs), true);
}

export interface CaseChangeWrite {
  current: Pick<CaseFile, 'caseId' | 'version'>;
  next: CaseFile;
  events: TimelineEvent[];
  deadlines?: Array<{ deadline: Deadline; open: boolean }>;
  counters?: CounterWrite[];
  notices?: Notice[];
  /** Items that must not exist yet (a rating per opinion): a second one cancels the change. */
  newRecords?: Record<string, unknown>[];
  idempotency?: IdempotencyWrite;
}

/**
 * A change to a case: the new case item guarded by its version (optimistic locking), its
 * timeline events and counters, in one transaction. Position 0 is always the case and the
 * idempotency record, when there is one, is last.
 */
export function caseChangeItems(tableName: string, write: CaseChangeWrite): TransactItem[] {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: caseItem(write.next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': write.current.version },
      },
    },
    ...write.events.map((event) => putNew(tableName, eventItem(write.next.caseId, event))),
    ...(write.deadlines ?? []).map(({ deadline, open }) => ({
      Put: { TableName: tableName, Item: deadlineItem(write.next.caseId, deadline, open) },
    })),
    ...(write.notices ?? []).map((notice) => putNew(tableName, noticeItem(notice))),
    ...(write.newRecords ?? []).map((record) => putNew(tableName, record)),
  ];
  for (const counters of write.counters ?? []) {
    items.push(
      counterIncrement(tableName, counters.bucket, counters.shard, counters.counters, counters.subtract),
    );
  }
  if (write.idempotency) items.push(idempotencyPut(tableName, write.idempotency));
  return items;
}

export interface CancellationReason {
  code: string;
  item?: Record<string, unknown>;
}

export type TransactionOutcome = { ok: true } | { ok: false; reasons: CancellationReason[] };

/** Runs a transaction; a cancellation comes back as data (which condition failed, and why). */
export async function transact(store: Store, input: TransactWriteCommandInput): Promise<TransactionOutcome> {
  try {
    await store.doc.send(new TransactWriteCommand(input));
    return { ok: true };
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      const raw = (error as { CancellationReasons?: Array<{ Code?: string; Item?: Record<string, never> }> })
        .CancellationReasons;
      return {
        ok: false,
        reasons: (raw ?? []).map((r) => ({
          code: r.Code ?? 'None',
          ...(r.Item && { item: unmarshall(r.Item) }),
        })),
      };
    }
    throw error;
  }
}

export function isConflictOnly(reasons: CancellationReason[]): boolean {
  return (
    reasons.some((r) => r.code === 'TransactionConflict') &&
    !reasons.some((r) => r.code === 'ConditionalCheckFailed')
  );
}

export async function getCase(store: Store, caseId: string): Promise<CaseFile | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.case(caseId), ConsistentRead: true }),
  );
  return Item ? withoutKeys<CaseFile>(Item) : undefined;
}

export async function getPersonal(store: Store, caseId: string): Promise<PersonalRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.personal(caseId), ConsistentRead: true }),
  );
  return Item ? withoutKeys<PersonalRecord>(Item) : undefined;
}

export interface CasePartition {
  caseFile: CaseFile;
  personal?: PersonalRecord;
  events: TimelineEvent[];
  deadlines: Array<Deadline & { open: boolean }>;
}

async function queryAll(store: Store, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The whole case file (case, personal record, timeline, deadlines) in one query. */
export async function getCasePartition(store: Store, caseId: string): Promise<CasePartition | undefined> {
  const items = await queryAll(store, {
    TableName: store.tableName,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.casePartition(caseId) },
    ConsistentRead: true,
  });
  const byEntity = (entity: string) => items.filter((item) => item.entity === entity);
  const caseRecord = byEntity('case')[0];
  if (!caseRecord) return undefined;
  const personal = byEntity('personal')[0];
  return {
    caseFile: withoutKeys<CaseFile>(caseRecord),
    ...(personal && { personal: withoutKeys<PersonalRecord>(personal) }),
    events: byEntity('event').map((item) => timelineEventOf(item)),
    deadlines: byEntity('deadline').map((item) => withoutKeys<Deadline & { open: boolean }>(item)),
  };
}

function timelineEventOf(item: Record<string, unknown>): TimelineEvent {
  const { seq, type, at, actor, data, prevHash, hash } = item as unknown as TimelineEvent;
  return { seq, type, at, actor, data, prevHash, hash };
}

export async function getTimeline(store: Store, caseId: string): Promise<TimelineEvent[]> {
  const items = await queryAll(store, {
    TableName: store.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':prefix': keys.eventPrefix },
    ConsistentRead: true,
  });
  return items.map(timelineEventOf);
}

export async function getReceipt(store: Store, receiptCode: string): Promise<ReceiptRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.receipt(receiptCode), ConsistentRead: true }),
  );
  return Item ? withoutKeys<ReceiptRecord>(Item) : undefined;
}

/** Counts a failed verifier attempt and returns the new count (atomic, so races count every try). */
export async function addFailedVerifierAttempt(store: Store, receiptCode: string): Promise<number> {
  const { Attributes } = await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.receipt(receiptCode),
      UpdateExpression: 'ADD failedAttempts :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.failedAttempts ?? 0);
}

export async function lockReceipt(store: Store, receiptCode: string, lockedUntil: string): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.receipt(receiptCode),
      UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero ADD lockouts :one',
      ExpressionAttributeValues: { ':until': lockedUntil, ':zero': 0, ':one': 1 },
    }),
  );
}

export async function recordRefusedLookup(store: Store, receiptCode: string): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.receipt(receiptCode),
      UpdateExpression: 'ADD refusals :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

export async function resetFailedVerifierAttempts(store: Store, receiptCode: string): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.receipt(receiptCode),
      UpdateExpression: 'SET failedAttempts = :zero',
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  );
}

/** The case ids the given matter fingerprints point to, in the order asked. */
export async function getMatterCaseIds(
  store: Store,
  fingerprints: string[],
): Promise<Array<string | undefined>> {
  const { Responses } = await store.doc.send(
    new BatchGetCommand({
      RequestItems: {
        [store.tableName]: { Keys: fingerprints.map((fp) => keys.matter(fp)), ConsistentRead: true },
      },
    }),
  );
  const found = Responses?.[store.tableName] ?? [];
  return fingerprints.map(
    (fp) => found.find((item) => item.PK === keys.matter(fp).PK)?.caseId as string | undefined,
  );
}

export async function getIdempotencyRecord(
  store: Store,
  scopedKeyHash: string,
): Promise<IdempotencyRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.idempotency(scopedKeyHash),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutKeys<IdempotencyRecord>(Item) : undefined;
}

/** The newest cases of one township and category, for similar-matter suggestions. */
export async function queryCasesInArea(
  store: Store,
  township: string,
  category: string,
  limit: number,
): Promise<CaseFile[]> {
  const { Items } = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'GSI4',
      KeyConditionExpression: 'GSI4PK = :pk',
      ExpressionAttributeValues: { ':pk': caseIndexKeys.areaPartition(township, category) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => withoutKeys<CaseFile>(item));
}

/** Health: a key lookup that proves the table answers. */
export async function pingTable(store: Store): Promise<void> {
  await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.case('health-check') }));
}

/** Records who read a case's personal data; not part of the case, so it never contends. */
export async function recordPersonalRead(
  store: Store,
  caseId: string,
  at: string,
  staff: { sub: string; roles: readonly string[] },
): Promise<void> {
  await store.doc.send(
    new PutCommand({ TableName: store.tableName, Item: personalReadItem(caseId, at, staff) }),
  );
}

export async function listNotices(store: Store, caseId: string): Promise<Notice[]> {
  const items = await queryAll(store, {
    TableName: store.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':prefix': keys.noticePrefix },
  });
  return items.map((item) => withoutKeys<Notice>(item));
}

/** The oldest undelivered notices (the outbox), from the sparse due index. */
export async function queryPendingNotices(store: Store, limit: number): Promise<Notice[]> {
  const { Items } = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'DUE',
      KeyConditionExpression: 'duePK = :pk',
      ExpressionAttributeValues: { ':pk': dueIndexKeys.outboxPartition },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => withoutKeys<Notice>(item));
}

/** Marks a notice delivered, once: it leaves the outbox partition of the due index. */
export async function markNoticeDelivered(store: Store, notice: Notice, at: string): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.notice(notice.caseId, notice.noticeId),
        UpdateExpression: 'SET #state = :delivered, deliveredAt = :at REMOVE duePK, dueSK',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':delivered': 'delivered', ':pending': 'pending', ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function countNoticeAttempt(store: Store, notice: Notice): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.notice(notice.caseId, notice.noticeId),
      UpdateExpression: 'ADD attempts :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

export interface DueDeadline {
  caseId: string;
  stage: string;
  dueDate: string;
  escalated?: string[];
}

/**
 * Open office deadlines due on or before a date, oldest first, from the sparse due index.
 * Reports how many items DynamoDB returned, so the cost of a sweep can be checked.
 */
export async function queryDueDeadlines(
  store: Store,
  onOrBefore: string,
): Promise<{ deadlines: DueDeadline[]; itemsRead: number }> {
  const items = await queryAll(store, {
    TableName: store.tableName,
    IndexName: 'DUE',
    KeyConditionExpression: 'duePK = :pk AND dueSK <= :until',
    ExpressionAttributeValues: {
      ':pk': dueIndexKeys.partition,
      ':until': dueIndexKeys.dueOnOrBefore(onOrBefore),
    },
  });
  return {
    deadlines: items.map((item) => ({
      caseId: String(item.caseId),
      stage: String(item.stage),
      dueDate: String(item.dueDate),
      ...(Array.isArray(item.escalated) && { escalated: item.escalated as string[] }),
    })),
    itemsRead: items.length,
  };
}

/**
 * Adds up counter buckets (months YYYY-MM, a year YYYY, CURRENT): one query of at most 8
 * shard items per bucket, whatever the number of cases. Reports the items read.
 */
export async function readCounterBuckets(
  store: Store,
  buckets: string[],
): Promise<{ totals: Record<string, number>; itemsRead: number }> {
  const pages = await Promise.all(
    buckets.map((bucket) =>
      queryAll(store, {
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.counterBucket(bucket) },
      }),
    ),
  );
  const totals: Record<string, number> = {};
  let itemsRead = 0;
  for (const item of pages.flat()) {
    itemsRead++;
    for (const [name, value] of Object.entries(item)) {
      if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
    }
  }
  return { totals, itemsRead };
}

/** The cases on a year's backlog list (GSI1, overloaded: `BACKLOG#<year>`). */
export async function queryBacklog(store: Store, year: number): Promise<CaseFile[]> {
  const items = await queryAll(store, {
    TableName: store.tableName,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': caseIndexKeys.backlogPartition(year) },
  });
  return items.map((item) => withoutKeys<CaseFile>(item));
}
