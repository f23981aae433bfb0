// The outbox: undelivered notices sit in the OUTBOX partition of the due index until a
// delivery run marks them delivered (they then leave the index).
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notice } from '../domain/notices.ts';
import type { Outbox } from '../usecases/ports.ts';
import { type Dynamo, isConditionFailure, withoutKeys } from './dynamo.ts';
import { dueIndexKeys, keys, partitionOf } from './keys.ts';
import { indexes } from './table-definition.ts';

export function outbox(dynamo: Dynamo): Outbox {
  const { doc, tableName } = dynamo;
  return {
    async pending(limit) {
      const { Items } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          ...partitionOf(indexes.due, dueIndexKeys.outboxPartition),
          Limit: limit,
        }),
      );
      return (Items ?? []).map((item) => withoutKeys<Notice>(item));
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
