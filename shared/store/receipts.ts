// Receipt records (回執碼 → case) and the tries at their verifier, counted before checking.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReceiptAttempt, ReceiptRecord, Receipts } from '../usecases/ports.ts';
import { type Dynamo, isConditionFailure, withoutKeys } from './dynamo.ts';
import { keys } from './keys.ts';

/** Tries a burst may lose to concurrent tries before it is answered as locked. */
const MAX_RACES = 20;

export function receipts(dynamo: Dynamo): Receipts {
  const { doc, tableName } = dynamo;
  const get = async (receiptCode: string) => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: keys.receipt(receiptCode), ConsistentRead: true }),
    );
    return Item ? withoutKeys<ReceiptRecord>(Item) : undefined;
  };
  return {
    get,
    async takeAttempt(receiptCode, now, maxTries, lockUntil): Promise<ReceiptAttempt> {
      for (let race = 0; race < MAX_RACES; race++) {
        const receipt = await get(receiptCode);
        const locked = receipt?.lockedUntil !== undefined && receipt.lockedUntil > now;
        const last = receipt !== undefined && receipt.failedAttempts + 1 >= maxTries;
        try {
          // Unknown and locked codes send the same conditional write, bound to fail: the same
          // work as a counted try, so timing tells nobody which codes exist.
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.receipt(receiptCode),
              UpdateExpression: last
                ? 'SET lockedUntil = :until ADD failedAttempts :one, lockouts :one'
                : 'ADD failedAttempts :one',
              ConditionExpression:
                'attribute_exists(PK) AND failedAttempts = :seen AND (attribute_not_exists(lockedUntil) OR lockedUntil = :lock)',
              ExpressionAttributeValues: {
                ':one': 1,
                // No count is ever -1: the write of an unknown or locked code cannot land.
                ':seen': receipt && !locked ? receipt.failedAttempts : -1,
                ':lock': receipt?.lockedUntil ?? '',
                ...(last && { ':until': lockUntil(receipt.lockouts) }),
              },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          if (!receipt) return { outcome: 'unknown' };
          if (locked) return { outcome: 'locked' };
          continue; // another try took this one's place: read again
        }
        if (!receipt) return { outcome: 'unknown' };
        return { outcome: 'counted', receipt };
      }
      return { outcome: 'locked' };
    },
    async clearFailures(receiptCode) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.receipt(receiptCode),
          UpdateExpression: 'SET failedAttempts = :zero REMOVE lockedUntil',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    },
  };
}
