// `npm run partition-heat`: which partition keys take the writes, at a simulated national
// peak of 100 intakes a second plus the steps that follow them. Runs real intakes and steps
// through the use cases against DynamoDB Local, records every write the store sends (table
// and index partitions), and scales the per-case mix to the peak rate. Write units are
// estimated from item sizes (DynamoDB's rules: 1 KB units, transactions count twice, each
// index a projected item holds is written too); compare against 1,000 WCU per partition.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pepperSourceOf } from '../functions/aws/peppers.ts';
import { functionContext } from '../functions/context.ts';
import { ensureTable } from '../infra/local/create-table.ts';
import { newDevSecrets } from '../infra/local/dev-secrets.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { localEnvironment, projectRoot, SAMPLE_REGION_FILE } from '../infra/local/stack.ts';
import type { Staff } from '../shared/domain/access.ts';
import { createDynamo, dynamoClient } from '../shared/store/dynamo.ts';
import { storeOver } from '../shared/store/store.ts';
import { indexes, tableDefinition } from '../shared/store/table-definition.ts';
import { acknowledgeCase } from '../shared/usecases/handling-desk.ts';
import { takeStep } from '../shared/usecases/lifecycle.ts';
import { submitPetition } from '../shared/usecases/submit-petition.ts';
import { webIntake } from '../test/fixtures/petitions.ts';

const CASES = 400;
/** `npm run partition-heat -- 8`: the work queues spread over 8 partitions (region `queueShards`). */
const QUEUE_SHARDS = Number(process.argv[2] ?? 1);
const INTAKES_PER_SECOND = 100;
const PARTITION_WCU = 1000;

/** DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers roughly). */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + sizeOf(v) + 1, 0);
  if (typeof value === 'object')
    return 3 + Object.entries(value).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + sizeOf(v), 0);
  return 0;
}
const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const heat = new Map<string, number>();
function charge(partition: string, wcu: number) {
  heat.set(partition, (heat.get(partition) ?? 0) + wcu);
}
type Write = {
  Put?: { Item: Record<string, unknown> };
  Update?: { Key: Record<string, unknown>; ExpressionAttributeValues?: Record<string, unknown> };
  Delete?: { Key: Record<string, unknown> };
};
function record(write: Write, transactional: boolean) {
  const factor = transactional ? 2 : 1;
  const item = write.Put?.Item;
  if (item) {
    const wcu = units(sizeOf(item)) * factor;
    charge(`table ${item[tableDefinition.partitionKey]}`, wcu);
    for (const index of Object.values(indexes)) {
      const key = item[index.partitionKey];
      if (typeof key === 'string') charge(`${index.indexName} ${key}`, units(sizeOf(item)) * factor);
    }
    return;
  }
  const key = write.Update?.Key ?? write.Delete?.Key;
  if (key) {
    const size = sizeOf(key) + sizeOf(write.Update?.ExpressionAttributeValues ?? {});
    charge(`table ${key[tableDefinition.partitionKey]}`, units(size) * factor);
  }
}

const dynamo = await startDynamoDbLocal();
const tableName = `heat-${randomUUID()}`;
const secrets = await newDevSecrets();
Object.assign(
  process.env,
  localEnvironment(
    {
      port: 0,
      tableName,
      regionConfigFile: SAMPLE_REGION_FILE,
      secrets,
      outboxFile: join(projectRoot, '.cache', 'heat-outbox.jsonl'),
    },
    dynamo.endpoint,
  ),
  { LOG_LEVEL: 'silent' },
);
await ensureTable(dynamoClient(dynamo.endpoint), tableName);
const recording = createDynamo({ tableName, endpoint: dynamo.endpoint, queueShards: QUEUE_SHARDS });
recording.doc.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as {
      TransactItems?: Write[];
      Item?: Record<string, unknown>;
      Key?: Record<string, unknown>;
      ExpressionAttributeValues?: Record<string, unknown>;
    };
    const command = context.commandName ?? '';
    if (input.TransactItems) for (const write of input.TransactItems) record(write, true);
    else if (command.startsWith('Put') && input.Item) record({ Put: { Item: input.Item } }, false);
    else if (command.startsWith('Update') && input.Key)
      record(
        {
          Update: {
            Key: input.Key,
            ...(input.ExpressionAttributeValues && {
              ExpressionAttributeValues: input.ExpressionAttributeValues,
            }),
          },
        },
        false,
      );
    return next(args);
  },
  { step: 'initialize', name: 'recordWrites' },
);
const base = functionContext();
const ctx = { ...base, store: storeOver(recording), peppers: pepperSourceOf(base.config) };
const clerk: Staff = { sub: 'clerk-heat', roles: ['clerk'] };
const supervisor: Staff = { sub: 'supervisor-heat', roles: ['supervisor'] };

// Each case: an intake, then acceptance, assignment and the department's acknowledgement.
let steps = 0;
for (let i = 0; i < CASES; i++) {
  const { caseId } = await submitPetition(ctx, webIntake(), { actor: { kind: 'public' }, roles: [] });
  await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, clerk);
  await takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, supervisor);
  await acknowledgeCase(ctx, caseId, { sub: 'natres-1', roles: ['department'], department: 'natres' });
  steps += 3;
}

const scale = INTAKES_PER_SECOND / CASES;
const rows = [...heat]
  .map(([key, wcu]) => ({ key, perSecond: wcu * scale }))
  .sort((a, b) => b.perSecond - a.perSecond)
  .slice(0, 12);
console.log(
  `Simulated peak: ${INTAKES_PER_SECOND} intakes/s with ${steps / CASES} steps each, work queues in ${QUEUE_SHARDS} partition(s) (${CASES} cases run, writes recorded and scaled)\n`,
);
console.log('| partition (table or index) | WCU/s at peak | share of 1,000 WCU |');
console.log('| --- | --- | --- |');
for (const row of rows) {
  const key = row.key.replace(/CASE#[^ ]+/, 'CASE#<one case>');
  console.log(
    `| ${key} | ${row.perSecond.toFixed(0)} | ${((row.perSecond / PARTITION_WCU) * 100).toFixed(0)}% |`,
  );
}
await dynamo.stop();
process.exit(0);
