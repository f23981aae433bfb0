// `npm run partition-heat [-- <queue shards>]`: which partition keys take the writes at a
// simulated national peak of 100 intakes a second plus the steps and notices that follow,
// from the write units DynamoDB Local reports per item (see scripts/lib/partition-heat.ts).
import { join } from 'node:path';
import { newDevSecrets } from '../infra/local/dev-secrets.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { localEnvironment, projectRoot, SAMPLE_REGION_FILE } from '../infra/local/stack.ts';
import { type HeatRun, PARTITION_WCU } from './lib/partition-heat.ts';

export function heatTable(run: HeatRun): string {
  const lines = [
    `Simulated peak: ${run.intakesPerSecond} intakes/s, ${run.stepsPerCase} steps and ${run.deliveredPerCase.toFixed(1)} notices delivered per case, work queues in ${run.queueShards} partition(s) (${run.cases} cases run; write units from DynamoDB Local per item, scaled)`,
    '',
    `| partition (table or index) | WCU/s at peak | share of ${PARTITION_WCU.toLocaleString('en')} WCU |`,
    '| --- | --- | --- |',
    ...run.rows.map(
      (r) => `| ${r.partition} | ${r.wcuPerSecond.toFixed(0)} | ${(r.share * 100).toFixed(0)}% |`,
    ),
  ];
  return lines.join('\n');
}

const dynamo = await startDynamoDbLocal();
Object.assign(
  process.env,
  localEnvironment(
    {
      port: 0,
      tableName: 'heat',
      regionConfigFile: SAMPLE_REGION_FILE,
      secrets: await newDevSecrets(),
      outboxFile: join(projectRoot, '.cache', 'heat-outbox.jsonl'),
    },
    dynamo.endpoint,
  ),
  { LOG_LEVEL: 'silent' },
);
// Imported once the environment is set: the use cases' context reads it.
const { simulatePeak } = await import('./lib/partition-heat.ts');
console.log(
  heatTable(await simulatePeak({ endpoint: dynamo.endpoint, queueShards: Number(process.argv[2] ?? 1) })),
);
await dynamo.stop();
process.exit(0);
