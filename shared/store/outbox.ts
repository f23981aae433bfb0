// The outbox: undelivered notices sit in the OUTBOX partitions of the due index (spread by
// case) until a delivery run marks them delivered (they then leave the index), or moves the
// ones that go by post to the PRINT partitions (the print queue) until a clerk records how
// each was delivered. Written notices get their document number from one counter per year.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type RegisteredDocument, registerEntry } from '../domain/documents.ts';
import type { Delivery, Notice } from '../domain/notices.ts';
import type { Outbox } from '../usecases/ports.ts';
import {
  bySortKey,
  type Dynamo,
  isConditionFailure,
  nextNumber,
  putNew,
  transact,
  withoutKeys,
} from './dynamo.ts';
import { dueIndexKeys, keys, partitionOf } from './keys.ts';
import { indexes } from './table-definition.ts';

const DUE_KEYS = { '#duePK': indexes.due.partitionKey, '#dueSK': indexes.due.sortKey };

export function outbox(dynamo: Dynamo): Outbox {
  const { doc, tableName } = dynamo;

  /** The oldest `limit` notices over every shard of one kind (each shard is oldest first): the print queue. */
  async function oldest(partitions: string[], limit: number): Promise<Notice[]> {
    const shards = await Promise.all(
      partitions.map(async (partition) => {
        const { Items } = await doc.send(
          new QueryCommand({ TableName: tableName, ...partitionOf(indexes.due, partition), Limit: limit }),
        );
        return Items ?? [];
      }),
    );
    return shards
      .flat()
      .sort(bySortKey(indexes.due.sortKey))
      .slice(0, limit)
      .map((item) => withoutKeys<Notice>(item));
  }

  /** An update of one notice guarded by its state (and more, if given). */
  const guarded = (
    notice: Pick<Notice, 'caseId' | 'noticeId'>,
    expression: string,
    from: Notice['state'],
    values: Record<string, unknown>,
    alsoWhen?: { condition: string; names: Record<string, string> },
  ) => ({
    TableName: tableName,
    Key: keys.notice(notice.caseId, notice.noticeId),
    UpdateExpression: expression,
    ConditionExpression: `#state = :from${alsoWhen ? ` AND ${alsoWhen.condition}` : ''}`,
    ExpressionAttributeNames: {
      '#state': 'state',
      ...(expression.includes('#duePK') && DUE_KEYS),
      ...alsoWhen?.names,
    },
    ExpressionAttributeValues: { ':from': from, ...values },
  });

  /** The guarded update sent; false when the guard does not hold. */
  async function update(...args: Parameters<typeof guarded>): Promise<boolean> {
    try {
      await doc.send(new UpdateCommand(guarded(...args)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  const printKeys = (notice: Pick<Notice, 'caseId' | 'noticeId' | 'createdAt'>) => {
    const index = dueIndexKeys.toPost(notice.createdAt, notice.caseId, notice.noticeId);
    return {
      ':pk': index[indexes.due.partitionKey],
      ':sk': index[indexes.due.sortKey],
      ':toPost': 'to_post',
    };
  };
  const TO_POST = '#state = :toPost, #duePK = :pk, #dueSK = :sk';

  const delivered = (delivery: Delivery) => ({
    ':delivered': 'delivered',
    ':at': delivery.recordedAt,
    ':delivery': delivery,
  });
  const DELIVERED =
    'SET #state = :delivered, deliveredAt = :at, delivery = :delivery REMOVE #duePK, #dueSK, claimedUntil';

  const outboxApi: Outbox = {
    lanes: dueIndexKeys.outboxPartitions.length,
    async pending(lane, limit, after) {
      const { Items } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          ...partitionOf(indexes.due, dueIndexKeys.outboxPartitions[lane] as string),
          Limit: limit,
          ...(after && {
            ExclusiveStartKey: {
              ...keys.notice(after.caseId, after.noticeId),
              ...dueIndexKeys.pendingNotice(after.createdAt, after.caseId, after.noticeId),
            },
          }),
        }),
      );
      return (Items ?? []).map((item) => withoutKeys<Notice>(item));
    },
    claim: (notice, now, until) =>
      update(
        notice,
        'SET claimedUntil = :until',
        'pending',
        { ':now': now, ':until': until },
        {
          condition: '(attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          names: {},
        },
      ),
    toPost: (limit) => oldest(dueIndexKeys.printPartitions, limit),
    async markDelivered(notice, delivery) {
      if (!delivery.providerMessageId) return update(notice, DELIVERED, 'pending', delivered(delivery));
      // With the provider's id of the SMS kept, so its delivery report finds the notice.
      const outcome = await transact(dynamo, [
        { Update: guarded(notice, DELIVERED, 'pending', delivered(delivery)) },
        putNew(tableName, {
          ...keys.smsMessage(delivery.providerMessageId),
          entity: 'smsMessage',
          caseId: notice.caseId,
          noticeId: notice.noticeId,
        }),
      ]);
      return outcome.ok;
    },
    markToPost: (notice) =>
      update(notice, `SET ${TO_POST} REMOVE claimedUntil`, 'pending', printKeys(notice)),
    async recordSmsReport(sent, report) {
      const ref =
        'providerMessageId' in sent
          ? (
              await doc.send(
                new GetCommand({ TableName: tableName, Key: keys.smsMessage(sent.providerMessageId) }),
              )
            ).Item
          : sent;
      const notice = ref && (await outboxApi.get(String(ref.caseId), String(ref.noticeId)));
      if (!notice) return 'unknown';
      // A report of an SMS not received puts the notice in the print queue: it goes by post.
      const recorded = await update(
        notice,
        report.status === 'failed' ? `SET smsReport = :report, ${TO_POST}` : 'SET smsReport = :report',
        'delivered',
        { ':report': report, ':sms': 'sms', ...(report.status === 'failed' && printKeys(notice)) },
        {
          condition: 'delivery.#method = :sms AND attribute_not_exists(smsReport)',
          names: { '#method': 'method' },
        },
      );
      return recorded ? 'recorded' : 'alreadyRecorded';
    },
    async recordDelivery(caseId, noticeId, delivery) {
      if (await update({ caseId, noticeId }, DELIVERED, 'to_post', delivered(delivery))) return 'recorded';
      return (await outboxApi.get(caseId, noticeId)) ? 'notToPost' : 'notFound';
    },
    async get(caseId, noticeId) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.notice(caseId, noticeId), ConsistentRead: true }),
      );
      return Item && withoutKeys<Notice>(Item);
    },
    async countAttempt(notice) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.notice(notice.caseId, notice.noticeId),
          UpdateExpression: 'ADD attempts :one REMOVE claimedUntil',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },
    nextDocumentNumber: (year) => nextNumber(dynamo, keys.documentCounter(year)),
    async issueDocument(notice, document) {
      const noticeKey = keys.notice(notice.caseId, notice.noticeId);
      const register = registerEntry(notice, document);
      const outcome = await transact(dynamo, [
        {
          Update: {
            TableName: tableName,
            Key: noticeKey,
            UpdateExpression: 'SET #document = :document',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#document)',
            ExpressionAttributeNames: { '#document': 'document', '#pk': 'PK' },
            ExpressionAttributeValues: { ':document': document },
          },
        },
        ...(register
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.registeredDocument(register.number), ...register },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ]
          : []),
      ]);
      if (outcome.ok) return { ...notice, document };
      // Another run gave it a number first: that one stands (this number is left unused).
      return (await outboxApi.get(notice.caseId, notice.noticeId)) ?? notice;
    },
    async registered(number) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.registeredDocument(number) }),
      );
      return Item && withoutKeys<RegisteredDocument>(Item);
    },
  };
  return outboxApi;
}
