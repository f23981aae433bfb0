// Report counters: one query of at most COUNTER_SHARDS items per bucket, whatever the
// number of cases. (They are written with the changes that move them: items.ts.)
import type { Counters } from '../usecases/ports.ts';
import { type Dynamo, queryAll } from './dynamo.ts';
import { keys, partitionOf } from './keys.ts';

export function counters(dynamo: Dynamo): Counters {
  return {
    async read(buckets) {
      const pages = await Promise.all(
        buckets.map((bucket) => queryAll(dynamo, partitionOf(undefined, keys.counterBucket(bucket)))),
      );
      const totals: Record<string, number> = {};
      let itemsRead = 0;
      for (const item of pages.flat()) {
        itemsRead++;
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
        }
      }
      return { totals, itemsRead };
    },
  };
}
