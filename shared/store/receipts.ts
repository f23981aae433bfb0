// Receipt records (回執碼 → case) and the count of wrong verifiers that locks a code.
import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ReceiptRecord, Receipts } from '../usecases/ports.ts';
import { type Dynamo, withoutKeys } from './dynamo.ts';
import { keys } from './keys.ts';

export function receipts(dynamo: Dynamo): Receipts {
  const { doc, tableName } = dynamo;
  const update = (receiptCode: string, input: Omit<UpdateCommandInput, 'TableName' | 'Key'>) =>
    doc.send(new UpdateCommand({ TableName: tableName, Key: keys.receipt(receiptCode), ...input }));
  return {
    async get(receiptCode) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.receipt(receiptCode), ConsistentRead: true }),
      );
      return Item ? withoutKeys<ReceiptRecord>(Item) : undefined;
    },
    async countFailure(receiptCode) {
      const { Attributes } = await update(receiptCode, {
        UpdateExpression: 'ADD failedAttempts :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      });
      return Number(Attributes?.failedAttempts ?? 0);
    },
    async lock(receiptCode, until) {
      await update(receiptCode, {
        UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero ADD lockouts :one',
        ExpressionAttributeValues: { ':until': until, ':zero': 0, ':one': 1 },
      });
    },
    async countRefusal(receiptCode) {
      await update(receiptCode, {
        UpdateExpression: 'ADD refusals :one',
        ExpressionAttributeValues: { ':one': 1 },
      });
    },
    async clearFailures(receiptCode) {
      await update(receiptCode, {
        UpdateExpression: 'SET failedAttempts = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      });
    },
  };
}
