// Retention in DynamoDB: what falls due (the RETAIN partitions of the due index), the
// disposal lists, and the erasure of one case file's personal traces.
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Attachment } from '../domain/attachments.ts';
import type { CaseFile, PersonalRecord } from '../domain/case.ts';
import type { DataRequestContent } from '../domain/data-rights.ts';
import type { Notice } from '../domain/notices.ts';
import type { RetentionStep } from '../domain/retention.ts';
import type {
  DisposalList,
  ErasableRecords,
  RatingRecord,
  RetentionDue,
  RetentionStore,
} from '../usecases/ports.ts';
import { timelineEventOf } from './case-files.ts';
import {
  type Dynamo,
  type Item,
  isConditionFailure,
  nextNumber,
  notExists,
  queryAll,
  withoutKeys,
} from './dynamo.ts';
import { attachmentItem, eventItem, noticeItem, ratingItem } from './items.ts';
import { dueIndexKeys, keys, partitionOf } from './keys.ts';
import { indexes, tableDefinition } from './table-definition.ts';

const BATCH = 25;
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export function retentionStore(dynamo: Dynamo): RetentionStore {
  const { doc, tableName } = dynamo;
  const sortKeyOf = (item: Item) => String(item[tableDefinition.sortKey]);
  /** A conditional update: false when its condition did not hold. */
  const updatedIf = async (input: Omit<UpdateCommandInput, 'TableName'>) => {
    try {
      await doc.send(new UpdateCommand({ TableName: tableName, ...input }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  /** Puts and deletes in batches of 25, each batch until DynamoDB has taken all of it. */
  async function write(requests: Array<{ put: Item } | { remove: Record<string, string> }>) {
    for (let i = 0; i < requests.length; i += BATCH) {
      let batch: WriteRequest[] = requests
        .slice(i, i + BATCH)
        .map((r) => ('put' in r ? { PutRequest: { Item: r.put } } : { DeleteRequest: { Key: r.remove } }));
      while (batch.length) {
        const { UnprocessedItems } = await doc.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
        );
        batch = UnprocessedItems?.[tableName] ?? [];
      }
    }
    return requests.length;
  }

  return {
    async due(asOf) {
      const pages = await Promise.all(
        dueIndexKeys.retentionPartitions.map((partition) =>
          queryAll(dynamo, partitionOf(indexes.due, partition, dueIndexKeys.dueOnOrBefore(asOf))),
        ),
      );
      const items = pages.flat();
      const due: RetentionDue[] = items.flatMap((item) => {
        const { caseId, step } = withoutKeys<{ caseId: string; step?: RetentionStep }>(item);
        return step ? [{ caseId, ...step }] : [];
      });
      return { due, itemsRead: items.length };
    },

    async erasable(caseId) {
      const items = await queryAll(dynamo, {
        ...partitionOf(undefined, keys.casePartition(caseId)),
        ConsistentRead: true,
      });
      const of = (entity: string) => items.filter((item) => item.entity === entity);
      const [caseItem] = of('case');
      const [personal] = of('personal');
      return {
        ...(caseItem && { caseFile: withoutKeys<CaseFile>(caseItem) }),
        ...(personal && { personal: withoutKeys<PersonalRecord>(personal) }),
        identityHashes: of('petitionerLink').map((item) =>
          sortKeyOf(item).slice(keys.petitionerLinkPrefix.length),
        ),
        events: of('event').map(timelineEventOf),
        notices: of('notice').map((item) => withoutKeys<Notice>(item)),
        attachments: of('attachment').map((item) => withoutKeys<Attachment>(item)),
        ratings: of('rating').map((item) => withoutKeys<RatingRecord>(item)),
        dataRequests: of('dataRequest').map((item) => withoutKeys<DataRequestContent>(item)),
        idempotencyKeys: of('idempotencyLink').map((item) => String(item.scopedKeyHash)),
      } satisfies ErasableRecords;
    },

    async erase(erasure) {
      const { caseId } = erasure;
      const written = await write([
        ...erasure.events.map((event) => ({ put: eventItem(caseId, event) })),
        ...erasure.notices.map((notice) => ({ put: noticeItem(notice) })),
        ...erasure.undelivered.map((noticeId) => ({ remove: keys.notice(caseId, noticeId) })),
        ...erasure.attachments.map((attachment) => ({ put: attachmentItem(attachment) })),
        ...erasure.ratings.map((rating) => ({ put: ratingItem(rating) })),
        ...erasure.smsMessages.map((id) => ({ remove: keys.smsMessage(id) })),
        ...erasure.dataRequests.map((requestId) => ({ remove: keys.dataRequest(caseId, requestId) })),
        ...erasure.idempotencyKeys.flatMap((hash) => [
          { remove: keys.idempotency(hash) },
          { remove: keys.idempotencyLink(caseId, hash) },
        ]),
      ]);
      // Last, so a run that stops before the end finds the values to look for when it runs again.
      return (
        written +
        (await write([{ remove: keys.receipt(erasure.receiptCode) }, { remove: keys.personal(caseId) }]))
      );
    },

    nextListNumber: (year) => nextNumber(dynamo, keys.disposalCounter(year)),

    async addList(list) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.disposalList(list.listId), entity: 'disposalList', ...list },
          ConditionExpression: notExists,
        }),
      );
    },

    async list(listId) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.disposalList(listId), ConsistentRead: true }),
      );
      return Item ? withoutKeys<DisposalList>(Item) : undefined;
    },

    async lists(limit) {
      const query = { ...partitionOf(undefined, keys.disposalLists), ScanIndexForward: false };
      const items =
        limit === undefined
          ? await queryAll(dynamo, query)
          : ((await doc.send(new QueryCommand({ TableName: tableName, ...query, Limit: limit }))).Items ??
            []);
      return items.map((item) => withoutKeys<DisposalList>(item));
    },

    async decide(listId, decision) {
      const decided = await updatedIf({
        Key: keys.disposalList(listId),
        UpdateExpression: 'SET #state = :state, decision = :decision',
        ConditionExpression: '#state = :proposed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': decision.state,
          ':proposed': 'proposed',
          ':decision': decision,
        },
      });
      return decided ? 'decided' : 'notProposed';
    },

    // Recorded once: a second run of the same disposal finds it there.
    async recordDisposed(listId, caseId) {
      await updatedIf({
        Key: keys.disposalList(listId),
        UpdateExpression: 'SET disposed = list_append(disposed, :case)',
        ConditionExpression: 'NOT contains(disposed, :id)',
        ExpressionAttributeValues: { ':case': [caseId], ':id': caseId },
      });
    },
  };
}
