// Per-client limits in the table: one item per client and window, counted by a conditional
// `ADD` (one write; two claims go in one transaction), kept by the table's TTL.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type LimitClaim, windowAt } from '../domain/client-limits.ts';
import type { ClientLimits } from '../usecases/ports.ts';
import { type Dynamo, isConditionFailure, queryAll, transact } from './dynamo.ts';
import { keys } from './keys.ts';

function countIn(tableName: string, claim: LimitClaim, nowMs: number) {
  const window = windowAt(nowMs, claim.window.seconds);
  return {
    TableName: tableName,
    Key: keys.limitWindow(claim.client, window.start),
    UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
    ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
    ExpressionAttributeValues: {
      ':one': 1,
      ':max': claim.window.requests,
      ':expires': window.end + claim.keepSeconds,
    },
  };
}

const retryAfter = (claim: LimitClaim, nowMs: number) => ({
  allowed: false as const,
  retryAfterSeconds: windowAt(nowMs, claim.window.seconds).left,
});

export function clientLimits(dynamo: Dynamo): ClientLimits {
  const { doc, tableName } = dynamo;
  return {
    async take(claims, nowMs) {
      const [only] = claims;
      if (!only) return { allowed: true };
      if (claims.length === 1) {
        try {
          await doc.send(new UpdateCommand(countIn(tableName, only, nowMs)));
          return { allowed: true };
        } catch (error) {
          if (isConditionFailure(error)) return retryAfter(only, nowMs);
          throw error;
        }
      }
      const outcome = await transact(
        dynamo,
        claims.map((claim) => ({ Update: countIn(tableName, claim, nowMs) })),
      );
      if (outcome.ok) return { allowed: true };
      const full = claims.filter((_, i) => outcome.reasons[i]?.code === 'ConditionalCheckFailed');
      if (!full.length) throw new Error(`limit transaction cancelled: ${outcome.reasons.map((r) => r.code)}`);
      return {
        allowed: false,
        retryAfterSeconds: Math.max(...full.map((claim) => retryAfter(claim, nowMs).retryAfterSeconds)),
      };
    },
    async countRefusal(claim, nowMs) {
      const window = windowAt(nowMs, claim.window.seconds);
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.limitWindow(claim.client, window.start),
          UpdateExpression: 'ADD refusals :one SET expiresAt = if_not_exists(expiresAt, :expires)',
          ExpressionAttributeValues: { ':one': 1, ':expires': window.end + claim.keepSeconds },
        }),
      );
    },
    async windows(client, sinceMs) {
      const items = await queryAll(dynamo, {
        KeyConditionExpression: 'PK = :pk AND SK >= :from',
        ExpressionAttributeValues: {
          ':pk': keys.limitPartition(client),
          ':from': keys.limitWindowFrom(Math.floor(sinceMs / 1000)),
        },
        ProjectionExpression: 'SK, hits, refusals',
      });
      return items.map((item) => ({
        start: keys.limitWindowStartOf(String(item.SK)),
        requests: Number(item.hits ?? 0),
        refusals: Number(item.refusals ?? 0),
      }));
    },
  };
}
