// Partition heat at a simulated national peak (scripts/lib/partition-heat.ts), the work queues
// in 8 partitions as a national deployment would set `queueShards`.
import type { BenchStack } from './stack.ts';
import type { Table } from './table.ts';

export async function partitionHeat(stack: BenchStack, table: Table) {
  const { simulatePeak, PARTITION_WCU } = await import('../lib/partition-heat.ts');
  const heat = await simulatePeak({ endpoint: stack.dynamo.endpoint, queueShards: 8, top: 3 });
  for (const [i, hot] of heat.rows.entries())
    table.row(
      `${i === 0 ? 'hottest' : `#${i + 1}`} partition key at ${heat.intakesPerSecond} intakes/s + ${heat.stepsPerCase} steps + ${heat.deliveredPerCase.toFixed(0)} notices per case: ${hot.partition}`,
      `${hot.wcuPerSecond.toFixed(0)} WCU/s`,
      `${PARTITION_WCU.toLocaleString('en')} WCU per partition`,
      `${(hot.share * 100).toFixed(0)}%`,
      i === 0 ? '<= 30%' : '-',
    );
}
