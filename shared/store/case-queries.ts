// Lists of cases, each a key condition on an index (never a scan): the newest of an area,
// a year's backlog, and the office deadlines due by a date.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseFile } from '../domain/case.ts';
import type { CaseQueries } from '../usecases/ports.ts';
import { type Dynamo, queryAll, withoutKeys } from './dynamo.ts';
import { caseIndexKeys, dueIndexKeys, partitionOf } from './keys.ts';
import { indexes } from './table-definition.ts';

export function caseQueries(dynamo: Dynamo): CaseQueries {
  return {
    async inArea(township, category, limit) {
      const { Items } = await dynamo.doc.send(
        new QueryCommand({
          TableName: dynamo.tableName,
          ...partitionOf(indexes.byArea, caseIndexKeys.areaPartition(township, category)),
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (Items ?? []).map((item) => withoutKeys<CaseFile>(item));
    },
    async backlog(year) {
      const items = await queryAll(
        dynamo,
        partitionOf(indexes.byPetitioner, caseIndexKeys.backlogPartition(year)),
      );
      return items.map((item) => withoutKeys<CaseFile>(item));
    },
    async dueBy(date) {
      const items = await queryAll(
        dynamo,
        partitionOf(indexes.due, dueIndexKeys.partition, dueIndexKeys.dueOnOrBefore(date)),
      );
      return {
        deadlines: items.map((item) => ({
          caseId: String(item.caseId),
          stage: String(item.stage),
          dueDate: String(item.dueDate),
          ...(Array.isArray(item.escalated) && { escalated: item.escalated.map(String) }),
        })),
        itemsRead: items.length,
      };
    },
  };
}
