// Lists of cases, each a key condition on an index (never a scan): the newest of an area,
// a year's backlog, and the office deadlines due by a date.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseFile, Deadline } from '../domain/case.ts';
import { dueDeadlineOf } from '../domain/escalation.ts';
import type { QueueSummary } from '../domain/work-queues.ts';
import type { CaseQueries, DueRange, QueueFilters } from '../usecases/ports.ts';
import { bySortKey, type Dynamo, queryAll, withoutKeys } from './dynamo.ts';
import {
  caseIndexKeys,
  dueIndexKeys,
  keys,
  partitionOf,
  petitionerIndexKeys,
  queueIndexKeys,
} from './keys.ts';
import { indexes, tableDefinition } from './table-definition.ts';

/** The key condition of a queue and a range of due dates. */
/** A queue membership as a list shows it: the summary, without keys or what it filters on. */
function summaryOf(item: Record<string, unknown>): QueueSummary {
  const {
    queue: _,
    complainsAbout: __,
    ...summary
  } = withoutKeys<QueueSummary & { queue: unknown; complainsAbout: unknown }>(item);
  return summary;
}

/** Where a query of the queue index resumes after this item: its table and index keys. */
function indexKeyOf(item: Record<string, unknown>): Record<string, unknown> {
  const names = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    indexes.queue.partitionKey,
    indexes.queue.sortKey,
  ];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

function queueCondition(partition: string, range: DueRange) {
  const { partitionKey, sortKey } = indexes.queue;
  const names = { '#pk': partitionKey, '#sk': sortKey };
  if ('before' in range) {
    return {
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':pk': partition, ':before': queueIndexKeys.dueBefore(range.before) },
    };
  }
  if ('from' in range) {
    return {
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':pk': partition,
        ':from': queueIndexKeys.dueBefore(range.from),
        ':to': queueIndexKeys.dueOnOrBefore(range.to),
      },
    };
  }
  return partitionOf(indexes.queue, partition);
}

/** Filters narrow a page after the key condition (a filtered page may hold fewer cases). */
function filterOf(filters: QueueFilters): Partial<QueryCommandInput> {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (field: 'status' | 'channel' | 'category' | 'township') => {
    const value = filters[field];
    if (value === undefined) return;
    parts.push(`#f_${field} = :f_${field}`);
    names[`#f_${field}`] = field;
    values[`:f_${field}`] = value;
  };
  for (const field of ['status', 'channel', 'category', 'township'] as const) equal(field);
  if (filters.receivedFrom) {
    parts.push('#f_received >= :f_from');
    names['#f_received'] = 'receivedAt';
    values[':f_from'] = filters.receivedFrom;
  }
  if (filters.receivedTo) {
    parts.push('#f_received <= :f_to');
    names['#f_received'] = 'receivedAt';
    values[':f_to'] = `${filters.receivedTo}\uffff`;
  }
  return parts.length
    ? {
        FilterExpression: parts.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }
    : {};
}

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
    async queue(queue, range, page) {
      const filter = filterOf(page.filters);
      const onePartition = (partition: string, start?: Record<string, unknown>) => {
        const condition = queueCondition(partition, range);
        return dynamo.doc.send(
          new QueryCommand({
            TableName: dynamo.tableName,
            IndexName: indexes.queue.indexName,
            ...condition,
            ...filter,
            ExpressionAttributeNames: {
              ...condition.ExpressionAttributeNames,
              ...filter.ExpressionAttributeNames,
            },
            ExpressionAttributeValues: {
              ...condition.ExpressionAttributeValues,
              ...filter.ExpressionAttributeValues,
            },
            Limit: page.limit,
            ...(start && { ExclusiveStartKey: start }),
          }),
        );
      };
      const partitions = queueIndexKeys.partitions(queue, dynamo.queueShards);
      const [only] = partitions;
      if (only !== undefined && partitions.length === 1) {
        const answer = await onePartition(only, page.start);
        return {
          cases: (answer.Items ?? []).map(summaryOf),
          ...(answer.LastEvaluatedKey && { next: answer.LastEvaluatedKey }),
          itemsRead: answer.ScannedCount ?? 0,
        };
      }
      // A spread queue: a page from each shard, merged by due date; the cursor says where each
      // shard stands (absent: from its start; null: read to its end).
      const starts = (page.start ?? {}) as Record<string, Record<string, unknown> | null>;
      const answers = await Promise.all(
        partitions
          .filter((partition) => starts[partition] !== null)
          .map(async (partition) => ({
            partition,
            answer: await onePartition(partition, starts[partition] ?? undefined),
          })),
      );
      const sortKey = indexes.queue.sortKey;
      const taken = answers
        .flatMap(({ partition, answer }) => (answer.Items ?? []).map((item) => ({ partition, item })))
        .sort((a, b) => bySortKey(sortKey)(a.item, b.item))
        .slice(0, page.limit);
      const next: Record<string, Record<string, unknown> | null> = {};
      for (const partition of partitions) {
        const read = answers.find((a) => a.partition === partition)?.answer;
        if (!read) next[partition] = null;
        else {
          const mine = taken.filter((t) => t.partition === partition).map((t) => t.item);
          const last = mine.at(-1);
          const all = read.Items ?? [];
          if (last && last !== all.at(-1)) next[partition] = indexKeyOf(last);
          else if (mine.length === all.length) next[partition] = read.LastEvaluatedKey ?? null;
          else {
            const start = starts[partition];
            if (start) next[partition] = start;
          }
        }
      }
      const more = partitions.some((partition) => next[partition] !== null);
      return {
        cases: taken.map((t) => summaryOf(t.item)),
        ...(more && { next }),
        itemsRead: answers.reduce((sum, a) => sum + (a.answer.ScannedCount ?? 0), 0),
      };
    },
    async count(queue, range) {
      let total = 0;
      for (const partition of queueIndexKeys.partitions(queue, dynamo.queueShards)) {
        let start: Record<string, unknown> | undefined;
        do {
          const answer = await dynamo.doc.send(
            new QueryCommand({
              TableName: dynamo.tableName,
              IndexName: indexes.queue.indexName,
              ...queueCondition(partition, range),
              Select: 'COUNT',
              ...(start && { ExclusiveStartKey: start }),
            }),
          );
          total += answer.Count ?? 0;
          start = answer.LastEvaluatedKey;
        } while (start);
      }
      return total;
    },
    async casesOfPetitioner(identityHashes) {
      const pages = await Promise.all(
        identityHashes.map((hash) =>
          queryAll(dynamo, partitionOf(indexes.byPetitioner, petitionerIndexKeys.partition(hash))),
        ),
      );
      const found = new Map<string, string>();
      for (const item of pages.flat())
        found.set(String(item.caseId), String(item[indexes.byPetitioner.sortKey]).split('#')[0] ?? '');
      return [...found].map(([caseId, receivedAt]) => ({ caseId, receivedAt }));
    },
    async chainHeads(day) {
      const pages = await Promise.all(
        keys.chainHeadPartitions(day).map((partition) =>
          queryAll(dynamo, {
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': tableDefinition.partitionKey },
            ExpressionAttributeValues: { ':pk': partition },
          }),
        ),
      );
      return pages.flat().map((item) => ({
        caseId: String(item.caseId),
        seq: Number(item.seq),
        hash: String(item.hash),
      }));
    },
    async dueBy(date) {
      const shards = await Promise.all(
        dueIndexKeys.partitions.map((partition) =>
          queryAll(dynamo, partitionOf(indexes.due, partition, dueIndexKeys.dueOnOrBefore(date))),
        ),
      );
      const items = shards.flat();
      return {
        deadlines: items.map((item) => dueDeadlineOf(String(item.caseId), withoutKeys<Deadline>(item))),
        itemsRead: items.length,
      };
    },
  };
}
