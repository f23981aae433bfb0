// Report counters: COUNTER_SHARDS items per bucket, read by key whatever the number of cases.
// (They are written with the changes that move them: items.ts.)
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Counters } from '../usecases/ports.ts';
import { BATCH_GET_KEYS, type Dynamo } from './dynamo.ts';
import { keys } from './keys.ts';

export function counters(dynamo: Dynamo): Counters {
  const { doc, tableName } = dynamo;
  const getAll = async (wanted: Array<Record<string, string>>) => {
    const found: Array<Record<string, unknown>> = [];
    let left: Array<Record<string, unknown>> = wanted;
    while (left.length) {
      const batch = left.slice(0, BATCH_GET_KEYS);
      const { Responses, UnprocessedKeys } = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: batch } } }),
      );
      found.push(...(Responses?.[tableName] ?? []));
      left = [...left.slice(BATCH_GET_KEYS), ...(UnprocessedKeys?.[tableName]?.Keys ?? [])];
    }
    return found;
  };
  return {
    async read(buckets) {
      const items = await getAll(buckets.flatMap((bucket) => keys.counterShards(bucket)));
      const totals: Record<string, number> = {};
      for (const item of items) {
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
        }
      }
      return { totals, itemsRead: items.length };
    },
  };
}
