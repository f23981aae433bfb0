// Reception days, absences, the receiving officials and the desk's queue.
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Absence, ReceptionDay } from '../domain/reception.ts';
import type { QueueEntry, Reception } from '../usecases/ports.ts';
import { type Dynamo, type Item, isConditionFailure, queryAll, withoutKeys } from './dynamo.ts';
import { absenceItem, queueEntryItem, receptionDayItem } from './items.ts';
import { keys, partitionOf } from './keys.ts';

const dayOf = (item: Item): ReceptionDay => ({
  date: String(item.date),
  officials: (item.officials as string[]) ?? [],
});

export function reception(dynamo: Dynamo): Reception {
  const { doc, tableName } = dynamo;
  const put = (item: Item) => doc.send(new PutCommand({ TableName: tableName, Item: item }));
  return {
    async putDays(days, at) {
      for (let i = 0; i < days.length; i += 25) {
        let requests = days
          .slice(i, i + 25)
          .map((day) => ({ PutRequest: { Item: receptionDayItem(day, at) } }));
        while (requests.length) {
          const answer = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = (answer.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
            request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
          );
        }
      }
    },
    async days(year, from, to) {
      const items = await queryAll(dynamo, {
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.receptionYear(year),
          ':from': `${keys.receptionDayPrefix}${from}`,
          ':to': `${keys.receptionDayPrefix}${to}`,
        },
      });
      return items.map(dayOf);
    },
    async isPublished(year) {
      const { Items } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          ...partitionOf(undefined, keys.receptionYear(year)),
          Limit: 1,
        }),
      );
      return (Items ?? []).length > 0;
    },
    async day(date) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.receptionDay(date), ConsistentRead: true }),
      );
      return Item ? dayOf(Item) : undefined;
    },
    async replaceDay(before, after, at) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: receptionDayItem(after, at),
            ConditionExpression: 'officials = :before',
            ExpressionAttributeValues: { ':before': before.officials },
          }),
        );
        return 'replaced';
      } catch (error) {
        if (isConditionFailure(error)) return 'changedMeanwhile';
        throw error;
      }
    },
    absences: async () =>
      (await queryAll(dynamo, partitionOf(undefined, keys.absencePartition))).map((item) =>
        withoutKeys<Absence>(item),
      ),
    async putAbsence(absence) {
      await put(absenceItem(absence));
    },
    async receivingOfficials() {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.receivingOfficials, ConsistentRead: true }),
      );
      return Array.isArray(Item?.officialIds) ? Item.officialIds.map(String) : undefined;
    },
    async setReceivingOfficials(officialIds) {
      await put({ ...keys.receivingOfficials, entity: 'receivingOfficials', officialIds });
    },
    async enqueue(entry) {
      await put(queueEntryItem(entry));
    },
    queue: async (date) =>
      (await queryAll(dynamo, partitionOf(undefined, keys.queueDay(date)))).map((item) =>
        withoutKeys<QueueEntry>(item),
      ),
    async markVisitor(entry, step, mark) {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.queueEntry(entry.date, entry.firstTime, entry.at, entry.caseId),
            UpdateExpression: 'SET #step = :mark',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#step)',
            ExpressionAttributeNames: { '#step': step },
            ExpressionAttributeValues: { ':mark': mark },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return withoutKeys<QueueEntry>(Attributes ?? {});
      } catch (error) {
        // Marked already (by a colleague, or a retry): the first mark stands.
        if (isConditionFailure(error)) return entry;
        throw error;
      }
    },
  };
}
