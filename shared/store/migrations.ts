// The migrations' records and what they bring up to date; every read is a key query (the case's
// own partition, an area of the area index, the MIGRATION partition): no scan.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseFile } from '../domain/case.ts';
import type { MigrationRecord, Migrations } from '../usecases/ports.ts';
import { type Dynamo, queryAll, type TransactItem, transact, withoutKeys } from './dynamo.ts';
import { deadlineItem, queueItem } from './items.ts';
import { caseIndexKeys, inCasePartition, keys, partitionOf } from './keys.ts';
import { indexes } from './table-definition.ts';

export function migrations(dynamo: Dynamo): Migrations {
  const { doc, tableName } = dynamo;
  return {
    async ran() {
      const items = await queryAll(dynamo, {
        ...partitionOf(undefined, keys.migrations),
        ConsistentRead: true,
      });
      return items
        .filter((item) => item.entity === 'migration')
        .map((item) => withoutKeys<MigrationRecord>(item));
    },

    async record(record) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.migration(record.id), entity: 'migration', ...record },
        }),
      );
    },

    async checkpoint(id) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.migrationCheckpoint(id), ConsistentRead: true }),
      );
      return typeof Item?.unit === 'string'
        ? { unit: Item.unit, examined: Number(Item.examined), changed: Number(Item.changed) }
        : undefined;
    },

    async saveCheckpoint(id, progress) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.migrationCheckpoint(id), entity: 'migrationCheckpoint', ...progress },
        }),
      );
    },

    async casesInArea(township, category) {
      const items = await queryAll(
        dynamo,
        partitionOf(indexes.byArea, caseIndexKeys.areaPartition(township, category)),
      );
      return items.map((item) => withoutKeys<CaseFile>(item));
    },

    async storedQueues(caseId) {
      const items = await queryAll(dynamo, {
        ...inCasePartition(caseId, keys.queuePrefix),
        ConsistentRead: true,
      });
      // A partition this version does not know cannot be a queue it writes: it is left alone.
      return items.flatMap((item) => {
        const queue = keys.queueOfName(String(item.queue));
        return queue ? [{ queue, complete: 'dueFrom' in item }] : [];
      });
    },

    async rewriteQueues(caseFile, put, remove) {
      const items: TransactItem[] = [
        unchanged(tableName, caseFile),
        ...put.map((queue) => ({
          Put: { TableName: tableName, Item: queueItem(caseFile, queue, dynamo.queueShards) },
        })),
        ...remove.map((queue) => ({
          Delete: { TableName: tableName, Key: keys.queueMembership(caseFile.caseId, queue) },
        })),
      ];
      return (await transact(dynamo, items)).ok ? 'written' : 'caseChanged';
    },
    async rewriteDeadlines(caseFile, deadlines) {
      const items: TransactItem[] = [
        unchanged(tableName, caseFile),
        ...deadlines.map((deadline) => ({
          Put: { TableName: tableName, Item: deadlineItem(caseFile.caseId, deadline, true) },
        })),
      ];
      return (await transact(dynamo, items)).ok ? 'written' : 'caseChanged';
    },
  };
}

/** The transaction's guard: the case is still at the version the migration read. */
function unchanged(tableName: string, caseFile: CaseFile): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.case(caseFile.caseId),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': caseFile.version },
    },
  };
}
