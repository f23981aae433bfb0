// The secondary adapter for reception days, absences and the desk's queue.
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Absence, ReceptionDay } from '../domain/reception.ts';
import type { Store } from './case-store.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';

async function queryPartition(store: Store, pk: string, between?: [string, string]) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: between ? 'PK = :pk AND SK BETWEEN :from AND :to' : 'PK = :pk',
        ExpressionAttributeValues: {
          ':pk': pk,
          ...(between && { ':from': between[0], ':to': between[1] }),
        },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function putReceptionDays(store: Store, days: ReceptionDay[], at: string): Promise<void> {
  for (let i = 0; i < days.length; i += 25) {
    let requests = days.slice(i, i + 25).map((day) => ({
      PutRequest: { Item: { ...keys.receptionDay(day.date), entity: 'receptionDay', ...day, updatedAt: at } },
    }));
    while (requests.length) {
      const answer = await store.doc.send(
        new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }),
      );
      requests = (answer.UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
    }
  }
}

/** Reception days between two dates (within one year's partition). */
export async function queryReceptionDays(
  store: Store,
  year: number,
  from: string,
  to: string,
): Promise<ReceptionDay[]> {
  const items = await queryPartition(store, keys.receptionYear(year), [
    `${keys.receptionDayPrefix}${from}`,
    `${keys.receptionDayPrefix}${to}`,
  ]);
  return items.map((item) => ({ date: String(item.date), officials: item.officials as string[] }));
}

export async function yearIsPublished(store: Store, year: number): Promise<boolean> {
  const { Items } = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.receptionYear(year) },
      Limit: 1,
    }),
  );
  return (Items ?? []).length > 0;
}

export async function getReceptionDay(store: Store, date: string): Promise<ReceptionDay | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.receptionDay(date), ConsistentRead: true }),
  );
  return Item ? { date: String(Item.date), officials: Item.officials as string[] } : undefined;
}

/** Replaces a day's officials only if they are still what was read (no lost swap). */
export async function replaceReceptionDay(
  store: Store,
  before: ReceptionDay,
  after: ReceptionDay,
  at: string,
) {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.receptionDay(after.date), entity: 'receptionDay', ...after, updatedAt: at },
      ConditionExpression: 'officials = :before',
      ExpressionAttributeValues: { ':before': before.officials },
    }),
  );
}

export async function listAbsences(store: Store): Promise<Absence[]> {
  return (await queryPartition(store, keys.absencePartition)).map((item) => withoutKeys<Absence>(item));
}

export async function putAbsence(store: Store, absence: Absence): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.absence(absence.officialId, absence.from, absence.to), entity: 'absence', ...absence },
    }),
  );
}

export async function getReceivingOfficials(store: Store): Promise<string[] | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.receivingOfficials, ConsistentRead: true }),
  );
  return Item?.officialIds as string[] | undefined;
}

export async function putReceivingOfficials(store: Store, officialIds: string[]): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.receivingOfficials, entity: 'receivingOfficials', officialIds },
    }),
  );
}

export interface QueueEntry {
  date: string;
  caseId: string;
  receiptCode: string;
  firstTime: boolean;
  at: string;
}

export async function putQueueEntry(store: Store, entry: QueueEntry): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.queueEntry(entry.date, entry.firstTime, entry.at, entry.caseId),
        entity: 'queueEntry',
        ...entry,
      },
    }),
  );
}

/** The day's queue in order: first-time petitioners first, then by arrival. */
export async function queryQueue(store: Store, date: string): Promise<QueueEntry[]> {
  return (await queryPartition(store, keys.queueDay(date))).map((item) => withoutKeys<QueueEntry>(item));
}
