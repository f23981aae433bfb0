// The outbox: undelivered notices sit in the OUTBOX partitions of the due index (spread by
// case) until a delivery run marks them delivered (they then leave the index).
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notice } from '../domain/notices.ts';
import type { Outbox } from '../usecases/ports.ts';
import { bySortKey, type Dynamo, isConditionFailure, withoutKeys } from './dynamo.ts';
import { dueIndexKeys, keys, partitionOf } from './keys.ts';
import { indexes } from './table-definition.ts';

export function outbox(dynamo: Dynamo): Outbox {
  const { doc, tableName } = dynamo;
  return {
    async pending(limit) {
      const shards = await Promise.all(
        dueIndexKeys.outboxPartitions.map(async (partition) => {
          const { Items } = await doc.send(
            new QueryCommand({ TableName: tableName, ...partitionOf(indexes.due, partition), Limit: limit }),
          );
          return Items ?? [];
        }),
      );
      // The oldest `limit` over all shards (each shard is oldest first).
      const sortKey = indexes.due.sortKey;
      return shards
        .flat()
        .sort(bySortKey(sortKey))
        .slice(0, limit)
        .map((item) => withoutKeys<Notice>(item));
    },
    async markDelivered(notice, at) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.notice(notice.caseId, notice.noticeId),
            UpdateExpression: 'SET #state = :delivered, deliveredAt = :at REMOVE #duePK, #dueSK',
            ConditionExpression: '#state = :pending',
            ExpressionAttributeNames: {
              '#state': 'state',
              '#duePK': indexes.due.partitionKey,
              '#dueSK': indexes.due.sortKey,
            },
            ExpressionAttributeValues: { ':delivered': 'delivered', ':pending': 'pending', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async countAttempt(notice) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.notice(notice.caseId, notice.noticeId),
          UpdateExpression: 'ADD attempts :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },
  };
}
