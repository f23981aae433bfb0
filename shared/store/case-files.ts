// The case-file aggregate in DynamoDB: opening a file and changing files in one transaction
// each, and reading them. The command builders are pure (unit-tested for their exact input);
// the adapter turns cancellation reasons into the port's outcomes.
import { randomInt } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Attachment, oldestFirst } from '../domain/attachments.ts';
import { type CaseFile, currentDeadlines, type Deadline, type PersonalRecord } from '../domain/case.ts';
import type { DataRequestContent } from '../domain/data-rights.ts';
import type { Notice } from '../domain/notices.ts';
import { nextRetentionStep } from '../domain/retention.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import { queuesOf, sameQueue } from '../domain/work-queues.ts';
import type {
  CaseChange,
  CaseFiles,
  ChangeOutcome,
  EscalationRecord,
  IdempotencyWrite,
  NewCaseFile,
  OpenOutcome,
  PersonalRead,
} from '../usecases/ports.ts';
import {
  BATCH_GET_KEYS,
  type CancellationReason,
  checkAbsent,
  conditionFailedAt,
  type Dynamo,
  notExists,
  putNew,
  queryAll,
  type TransactItem,
  transact,
  withoutKeys,
} from './dynamo.ts';
import {
  caseItem,
  chainHeadItem,
  counterIncrement,
  deadlineItem,
  eventItem,
  idempotencyItem,
  idempotencyLinkItem,
  matterItem,
  noticeItem,
  onceOnlyItem,
  personalItem,
  personalReadItem,
  petitionerLinkItem,
  queueItem,
  receiptItem,
  retentionItem,
} from './items.ts';
import { COUNTER_SHARDS, inCasePartition, keys, partitionOf } from './keys.ts';
import { tableDefinition } from './table-definition.ts';

/** Counter updates are spread over shards so concurrent writers rarely collide. */
export type ShardPicker = () => number;
const randomShard: ShardPicker = () => randomInt(COUNTER_SHARDS);

function idempotencyPut(tableName: string, write: IdempotencyWrite): TransactItem {
  return putNew(tableName, idempotencyItem(write.scopedKeyHash, write.record, write.nowMs), true);
}

/** Where each conditional item sits in the transaction, to read its cancellation reason. */
interface OpenPositions {
  matters: number[];
  receipt: number;
  idempotency?: number;
}

/** One transaction opens the whole case file: one round trip, all or nothing. */
export function openCaseItems(
  tableName: string,
  write: NewCaseFile,
  idempotency?: IdempotencyWrite,
  shard: ShardPicker = randomShard,
  queueShards = 1,
): { items: TransactItem[]; positions: OpenPositions } {
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
  const matters = [
    ...write.matterFingerprints.map((fp) => push(putNew(tableName, matterItem(fp, caseFile.caseId), true))),
    ...write.formerMatterFingerprints.map((fp) => push(checkAbsent(tableName, keys.matter(fp)))),
  ];
  const receipt = push(putNew(tableName, receiptItem(write.receipt)));
  push(putNew(tableName, eventItem(caseFile.caseId, write.event)));
  push({ Put: { TableName: tableName, Item: chainHeadItem(caseFile.caseId, write.event) } });
  for (const notice of write.notices) push(putNew(tableName, noticeItem(notice)));
  for (const deadline of currentDeadlines(caseFile)) {
    push({ Put: { TableName: tableName, Item: deadlineItem(caseFile.caseId, deadline, true) } });
  }
  for (const queue of queuesOf(caseFile))
    push({ Put: { TableName: tableName, Item: queueItem(caseFile, queue, queueShards) } });
  push(counterIncrement(tableName, write.counters, shard()));
  // Named in the case's partition, so a disposal finds the record (it holds the request's hash).
  if (idempotency)
    push({
      Put: { TableName: tableName, Item: idempotencyLinkItem(caseFile.caseId, idempotency.scopedKeyHash) },
    });
  const idempotencyAt = idempotency ? push(idempotencyPut(tableName, idempotency)) : undefined;
  return {
    items,
    positions: { matters, receipt, ...(idempotencyAt !== undefined && { idempotency: idempotencyAt }) },
  };
}

/** What each item of a change transaction is, to tell a lost race from a record that exists. */
type Role = 'case' | 'raced' | 'onceOnly' | 'matter' | 'other' | 'idempotency';

/**
 * Changes to cases: each new case item guarded by its version (optimistic locking), with its
 * timeline events, deadlines, notices, once-only records and counters, in one transaction.
 */
export function caseChangeItems(
  tableName: string,
  changes: CaseChange[],
  idempotency?: IdempotencyWrite,
  shard: ShardPicker = randomShard,
  queueShards = 1,
): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  const push = (role: Role, item: TransactItem) => {
    items.push(item);
    roles.push(role);
  };
  for (const change of changes) {
    const caseId = change.next.caseId;
    push('case', {
      Put: {
        TableName: tableName,
        Item: caseItem(change.next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': change.current.version },
      },
    });
    // The retention schedule (and its place in the due index) follows the case when it moves.
    const retentionMoved =
      JSON.stringify([change.current.retention, nextRetentionStep(change.current)]) !==
      JSON.stringify([change.next.retention, nextRetentionStep(change.next)]);
    if (retentionMoved) {
      push(
        'other',
        change.next.retention
          ? { Put: { TableName: tableName, Item: retentionItem(change.next) } }
          : { Delete: { TableName: tableName, Key: keys.retention(caseId) } },
      );
    }
    for (const hash of change.unlink?.identityHashes ?? [])
      push('other', { Delete: { TableName: tableName, Key: keys.petitionerLink(caseId, hash) } });
    for (const fp of change.unlink?.matterFingerprints ?? [])
      push('other', { Delete: { TableName: tableName, Key: keys.matter(fp) } });
    if (idempotency) {
      push('other', {
        Put: { TableName: tableName, Item: idempotencyLinkItem(caseId, idempotency.scopedKeyHash) },
      });
    }
    for (const event of change.events) push('raced', putNew(tableName, eventItem(caseId, event)));
    const head = change.events.at(-1);
    if (head) push('other', { Put: { TableName: tableName, Item: chainHeadItem(caseId, head) } });
    for (const { deadline, open } of change.deadlines ?? []) {
      push('other', { Put: { TableName: tableName, Item: deadlineItem(caseId, deadline, open) } });
    }
    // The case's queues, recomputed: it leaves those it no longer belongs to.
    const now = queuesOf(change.next);
    for (const queue of queuesOf(change.current).filter((q) => !now.some((n) => sameQueue(n, q)))) {
      push('other', { Delete: { TableName: tableName, Key: keys.queueMembership(caseId, queue) } });
    }
    for (const queue of now)
      push('other', { Put: { TableName: tableName, Item: queueItem(change.next, queue, queueShards) } });
    for (const notice of change.notices ?? []) push('raced', putNew(tableName, noticeItem(notice)));
    for (const record of change.onceOnly ?? []) push('onceOnly', putNew(tableName, onceOnlyItem(record)));
    if (change.correction) {
      const { personal, matters, identities, verifierHash, personalChange } = change.correction;
      push('other', { Put: { TableName: tableName, Item: personalItem(personal) } });
      for (const fp of matters.remove)
        push('other', { Delete: { TableName: tableName, Key: keys.matter(fp) } });
      // Re-keyed under the current pepper: the case's own record may already be there.
      for (const fp of matters.add) {
        push('matter', {
          Put: {
            TableName: tableName,
            Item: matterItem(fp, caseId),
            ConditionExpression: `${notExists} OR caseId = :caseId`,
            ExpressionAttributeValues: { ':caseId': caseId },
          },
        });
      }
      for (const hash of identities.remove) {
        push('other', { Delete: { TableName: tableName, Key: keys.petitionerLink(caseId, hash) } });
      }
      for (const hash of identities.add) {
        push('other', {
          Put: { TableName: tableName, Item: petitionerLinkItem(caseId, hash, change.next.receivedAt) },
        });
      }
      push('other', {
        Update: {
          TableName: tableName,
          Key: keys.receipt(change.next.receiptCode),
          UpdateExpression: 'SET verifierHash = :hash',
          ExpressionAttributeValues: { ':hash': verifierHash },
        },
      });
      if (personalChange) {
        const { at, staff, changed } = personalChange;
        push('other', {
          Put: { TableName: tableName, Item: personalReadItem(caseId, at, staff, { changed }) },
        });
      }
    }
    for (const counters of change.counters ?? []) {
      if (counters.add.length || counters.subtract?.length)
        push('other', counterIncrement(tableName, counters, shard()));
    }
  }
  if (idempotency) push('idempotency', idempotencyPut(tableName, idempotency));
  return { items, roles };
}

/** A cancelled change, in the domain's words. */
export function changeOutcomeOf(
  reasons: CancellationReason[],
  roles: Role[],
): Exclude<ChangeOutcome, 'changed'> {
  const failed = new Set(roles.filter((_, i) => conditionFailedAt(reasons, i)));
  if (failed.has('idempotency')) return 'idempotencyKeyTaken';
  // A record that must be new exists already (not a lost race): trying again cannot help.
  if (failed.has('onceOnly')) return 'alreadyRecorded';
  if (failed.has('matter')) return 'matterTaken';
  return 'versionConflict';
}

export function timelineEventOf(item: Record<string, unknown>): TimelineEvent {
  const { seq, type, at, actor, data, state, dataDigest, dataSalt, erased, prevHash, hash } =
    withoutKeys<TimelineEvent>(item);
  return {
    seq,
    type,
    at,
    actor,
    data,
    ...(state !== undefined && { state }),
    ...(dataDigest !== undefined && { dataDigest }),
    ...(dataSalt !== undefined && { dataSalt }),
    ...(erased && { erased }),
    prevHash,
    hash,
  };
}

export function caseFiles(dynamo: Dynamo, shard: ShardPicker = randomShard): CaseFiles {
  const { doc, tableName } = dynamo;
  const get = async <T>(key: Record<string, string>): Promise<T | undefined> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item ? withoutKeys<T>(Item) : undefined;
  };
  const inPartition = (caseId: string, prefix: string) =>
    queryAll(dynamo, { ...inCasePartition(caseId, prefix), ConsistentRead: true });

  return {
    async open(write, idempotency): Promise<OpenOutcome> {
      const { items, positions } = openCaseItems(tableName, write, idempotency, shard, dynamo.queueShards);
      const outcome = await transact(dynamo, items);
      if (outcome.ok) return { outcome: 'opened' };
      const failed = (position: number | undefined) => conditionFailedAt(outcome.reasons, position);
      if (failed(positions.idempotency)) return { outcome: 'idempotencyKeyTaken' };
      const hit = positions.matters.find((position) => failed(position));
      if (hit !== undefined) {
        const caseId = outcome.reasons[hit]?.item?.caseId;
        return { outcome: 'matterExists', caseId: typeof caseId === 'string' ? caseId : undefined };
      }
      const conflictOnly = outcome.reasons.every((r) => r.code !== 'ConditionalCheckFailed');
      if (conflictOnly || failed(positions.receipt)) return { outcome: 'tryAgain' };
      throw new Error(`Intake transaction cancelled: ${outcome.reasons.map((r) => r.code).join(',')}`);
    },

    async change(changes, idempotency): Promise<ChangeOutcome> {
      const { items, roles } = caseChangeItems(tableName, changes, idempotency, shard, dynamo.queueShards);
      const outcome = await transact(dynamo, items);
      return outcome.ok ? 'changed' : changeOutcomeOf(outcome.reasons, roles);
    },

    get: (caseId) => get<CaseFile>(keys.case(caseId)),
    async many(caseIds) {
      const found = new Map<string, CaseFile>();
      let left: Array<Record<string, unknown>> = caseIds.map((caseId) => keys.case(caseId));
      while (left.length) {
        const { Responses, UnprocessedKeys } = await doc.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: left.slice(0, BATCH_GET_KEYS) } } }),
        );
        for (const item of Responses?.[tableName] ?? []) {
          const caseFile = withoutKeys<CaseFile>(item);
          found.set(caseFile.caseId, caseFile);
        }
        left = [...left.slice(BATCH_GET_KEYS), ...(UnprocessedKeys?.[tableName]?.Keys ?? [])];
      }
      return caseIds.flatMap((caseId) => found.get(caseId) ?? []);
    },
    personal: (caseId) => get<PersonalRecord>(keys.personal(caseId)),

    async withPersonal(caseId) {
      let wanted: Array<Record<string, unknown>> = [keys.case(caseId), keys.personal(caseId)];
      const found: Array<Record<string, unknown>> = [];
      // Two keys are all but always answered at once; what DynamoDB leaves is asked again.
      while (wanted.length) {
        const { Responses, UnprocessedKeys } = await doc.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: wanted, ConsistentRead: true } } }),
        );
        found.push(...(Responses?.[tableName] ?? []));
        wanted = UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      const caseItem = found.find((item) => item[tableDefinition.sortKey] === keys.case(caseId).SK);
      const personal = found.find((item) => item[tableDefinition.sortKey] === keys.personal(caseId).SK);
      return caseItem && personal
        ? { caseFile: withoutKeys<CaseFile>(caseItem), personal: withoutKeys<PersonalRecord>(personal) }
        : undefined;
    },

    async whole(caseId) {
      const items = await queryAll(dynamo, {
        ...partitionOf(undefined, keys.casePartition(caseId)),
        ConsistentRead: true,
      });
      const byEntity = (entity: string) => items.filter((item) => item.entity === entity);
      const caseRecord = byEntity('case')[0];
      if (!caseRecord) return undefined;
      const personal = byEntity('personal')[0];
      return {
        caseFile: withoutKeys<CaseFile>(caseRecord),
        ...(personal && { personal: withoutKeys<PersonalRecord>(personal) }),
        events: byEntity('event').map(timelineEventOf),
        deadlines: byEntity('deadline').map((item) => withoutKeys<Deadline & { open: boolean }>(item)),
        escalations: byEntity('escalation').map((item) => withoutKeys<EscalationRecord>(item)),
        // Its files' records are in the same partition: the read that fetches the case has them.
        attachments: byEntity('attachment')
          .map((item) => withoutKeys<Attachment>(item))
          .sort(oldestFirst),
        dataRequests: byEntity('dataRequest').map((item) => withoutKeys<DataRequestContent>(item)),
      };
    },

    timeline: async (caseId) => (await inPartition(caseId, keys.eventPrefix)).map(timelineEventOf),
    identityHashes: async (caseId) =>
      (await inPartition(caseId, keys.petitionerLinkPrefix)).map((item) =>
        String(item[tableDefinition.sortKey]).slice(keys.petitionerLinkPrefix.length),
      ),
    notices: async (caseId) =>
      (await inPartition(caseId, keys.noticePrefix)).map((item) => withoutKeys<Notice>(item)),

    async casesOfMatters(fingerprints) {
      const { Responses } = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: fingerprints.map((fp) => keys.matter(fp)), ConsistentRead: true },
          },
        }),
      );
      const found = Responses?.[tableName] ?? [];
      return fingerprints.map((fp) => {
        const caseId = found.find((item) => item.PK === keys.matter(fp).PK)?.caseId;
        return typeof caseId === 'string' ? caseId : undefined;
      });
    },

    async personalReads(caseId) {
      const items = await queryAll(dynamo, partitionOf(undefined, keys.personalReadPartition(caseId)));
      return items.map((item) => {
        const { at, by, roles, changed, opened, reason } = withoutKeys<PersonalRead>(item);
        return {
          at,
          by,
          roles,
          ...(changed && { changed }),
          ...(opened && { opened }),
          ...(reason && { reason }),
        };
      });
    },

    // Kept out of the case partition: reads are unbounded, and the case file is read whole.
    async recordPersonalRead(caseId, at, staff, detail = {}) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: personalReadItem(caseId, at, staff, detail),
        }),
      );
    },
  };
}
