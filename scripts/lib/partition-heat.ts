// The partition-heat simulation (`npm run partition-heat`, and a row of `npm run bench`): real
// intakes, steps and notice deliveries through the use cases against DynamoDB Local; every
// write that succeeds is replayed on its own on a shadow table with ReturnConsumedCapacity
// INDEXES, so the write units of the table and of each index come from DynamoDB Local, per
// item, and are charged to the partition key the item has there. A transaction's writes
// count twice, as DynamoDB charges them. The per-case mix is then scaled to the peak rate.
import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import { ensureTable } from '../../infra/local/create-table.ts';
import type { Staff } from '../../shared/domain/access.ts';
import { createDynamo, dynamoClient } from '../../shared/store/dynamo.ts';
import { storeOver } from '../../shared/store/store.ts';
import { indexes, tableDefinition } from '../../shared/store/table-definition.ts';
import {
  admitClientRequest,
  admitPublicRequest,
  identifyClient,
} from '../../shared/usecases/client-limits.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { deliverPendingNotices } from '../../shared/usecases/deliver-notices.ts';
import { acknowledgeCase } from '../../shared/usecases/handling-desk.ts';
import { issueApiKey, submitServiceRequest } from '../../shared/usecases/open311.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { takeStep } from '../../shared/usecases/take-step.ts';
import { webIntake } from '../../test/fixtures/petitions.ts';

export const PARTITION_WCU = 1000;

type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;
interface Consumed {
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

export interface HeatRow {
  /** "table <PK>" or "<index> <index PK>". */
  partition: string;
  wcuPerSecond: number;
  share: number;
}

export interface HeatRun {
  intakesPerSecond: number;
  stepsPerCase: number;
  deliveredPerCase: number;
  queueShards: number;
  cases: number;
  rows: HeatRow[];
  /** The hottest of the partitions whose name starts so (`table LIMIT#`), wherever it ranks. */
  hottestStartingWith(prefix: string): HeatRow | undefined;
}

/** Replays one write on the shadow table and charges what it consumed to the keys it landed on. */
function shadowReplayer(
  shadow: DynamoDBDocumentClient,
  shadowTable: string,
  charge: (key: string, wcu: number) => void,
) {
  const chargeItem = (item: Item | undefined, consumed: Consumed | undefined, factor: number, key?: Item) => {
    const pk = (item ?? key)?.[tableDefinition.partitionKey];
    charge(`table ${String(pk)}`, (consumed?.Table?.CapacityUnits ?? 0) * factor);
    for (const index of Object.values(indexes)) {
      const units = consumed?.GlobalSecondaryIndexes?.[index.indexName]?.CapacityUnits;
      const indexKey = item?.[index.partitionKey];
      if (units && typeof indexKey === 'string') charge(`${index.indexName} ${indexKey}`, units * factor);
    }
  };
  const replayed = { TableName: shadowTable, ReturnConsumedCapacity: 'INDEXES' as const };
  return async (write: Write, factor: number) => {
    if (write.Put) {
      const answer = await shadow.send(new PutCommand({ ...write.Put, ...replayed }));
      chargeItem(write.Put.Item, answer.ConsumedCapacity as Consumed, factor);
    } else if (write.Update) {
      // Charged where the item lands (its keys after the update).
      const answer = await shadow.send(
        new UpdateCommand({ ...write.Update, ...replayed, ReturnValues: 'ALL_NEW' }),
      );
      chargeItem(answer.Attributes, answer.ConsumedCapacity as Consumed, factor, write.Update.Key);
    } else if (write.Delete) {
      const answer = await shadow.send(
        new DeleteCommand({ ...write.Delete, ...replayed, ReturnValues: 'ALL_OLD' }),
      );
      chargeItem(answer.Attributes, answer.ConsumedCapacity as Consumed, factor, write.Delete.Key);
    } else if (write.ConditionCheck) {
      // A condition check writes nothing; DynamoDB still charges it as a transactional write.
      charge(`table ${String(write.ConditionCheck.Key?.[tableDefinition.partitionKey])}`, factor);
    }
  };
}

/** A client with a window wide enough for the peak (a national platform would be given one). */
async function open311Client(ctx: UseCaseContext) {
  const { key } = await issueApiKey(ctx, 'heat', {
    name: 'heat',
    batch: false,
    window: { requests: 1_000_000, seconds: 60 },
  });
  return identifyClient(ctx, key);
}

/**
 * Each case: a web petition (spread over the region's areas), acceptance (which tells the petitioner), assignment to a
 * department and the department's acknowledgement; then the notices job delivers every
 * notice by SMS. Returns the hottest partition keys at `intakesPerSecond`.
 */
export async function simulatePeak(options: {
  endpoint: string;
  queueShards: number;
  cases?: number;
  intakesPerSecond?: number;
  top?: number;
  /** How the petitions arrive: the web form (each from its own address) or all through one Open311 key. */
  through?: 'web' | 'open311';
}): Promise<HeatRun> {
  const { endpoint, queueShards, cases = 400, intakesPerSecond = 100, top = 12, through = 'web' } = options;
  const tableName = `heat-${randomUUID()}`;
  const shadowTable = `heat-shadow-${randomUUID()}`;
  const client = dynamoClient(endpoint);
  await ensureTable(client, tableName, false);
  await ensureTable(client, shadowTable, false);

  const heat = new Map<string, number>();
  const charge = (key: string, wcu: number) => heat.set(key, (heat.get(key) ?? 0) + wcu);
  const replay = shadowReplayer(createDynamo({ tableName: shadowTable, endpoint }).doc, shadowTable, charge);
  const recording = createDynamo({ tableName, endpoint, queueShards });
  recording.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const answer = await next(args);
      const input = args.input as Item & { TransactItems?: Write[] };
      const command = context.commandName ?? '';
      if (input.TransactItems) for (const write of input.TransactItems) await replay(write, 2);
      else if (command.startsWith('Put')) await replay({ Put: input as never }, 1);
      else if (command.startsWith('Update')) await replay({ Update: input as never }, 1);
      else if (command.startsWith('Delete')) await replay({ Delete: input as never }, 1);
      return answer;
    },
    { step: 'initialize', name: 'replayWrites' },
  );
  const base = functionContext();
  const ctx = { ...base, store: storeOver(recording), peppers: pepperSourceOf(base.config) };
  const clerk: Staff = { sub: 'clerk-heat', roles: ['clerk'] };
  const supervisor: Staff = { sub: 'supervisor-heat', roles: ['supervisor'] };
  const department: Staff = { sub: 'natres-1', roles: ['department'], department: 'natres' };

  // Each counted by the limiter as its route counts it (shared/usecases/client-limits.ts).
  const platform = through === 'open311' ? await open311Client(ctx) : undefined;
  const intake = async (i: number, area: { township: string; category: string }) => {
    const petition = webIntake(area);
    if (!platform) {
      await admitPublicRequest(ctx, {
        address: `198.51.${i >> 8}.${i & 255}`,
        operationId: 'submitPetition',
      });
      return (await submitPetition(ctx, petition, { actor: { kind: 'public' }, roles: [] })).caseId;
    }
    await admitClientRequest(ctx, platform);
    const [answer] = await submitServiceRequest(ctx, platform, {
      service_code: petition.category,
      description: petition.description,
      last_name: petition.petitioner.name,
      phone: petition.petitioner.phone,
      attribute: { subject: petition.subject, township: petition.township, consent: 'true' },
    });
    return answer && 'service_request_id' in answer ? answer.service_request_id : '';
  };

  // Petitions spread evenly over the region's townships and categories (its areas).
  const { townships, categories } = base.config.region;
  let steps = 0;
  for (let i = 0; i < cases; i++) {
    const area = {
      township: (townships[i % townships.length] as { code: string }).code,
      category: (categories[Math.floor(i / townships.length) % categories.length] as { code: string }).code,
    };
    const caseId = await intake(i, area);
    await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, clerk);
    await takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, supervisor);
    await acknowledgeCase(ctx, caseId, department);
    steps += 3;
  }
  let delivered = 0;
  const bySms = { send: async () => ({ method: 'sms' as const, providerMessageId: randomUUID() }) };
  for (;;) {
    const run = await deliverPendingNotices(ctx, bySms);
    delivered += run.delivered + run.toPost;
    if (run.delivered + run.toPost === 0) break;
  }

  const scale = intakesPerSecond / cases;
  const all = [...heat]
    .map(([partition, wcu]) => ({
      partition: partition.replace(/CASE#[^ ]+/, 'CASE#<one case>'),
      wcuPerSecond: wcu * scale,
      share: (wcu * scale) / PARTITION_WCU,
    }))
    .sort((a, b) => b.wcuPerSecond - a.wcuPerSecond);
  const rows = all.slice(0, top);
  return {
    intakesPerSecond,
    stepsPerCase: steps / cases,
    deliveredPerCase: delivered / cases,
    queueShards,
    cases,
    rows,
    hottestStartingWith: (prefix) => all.find((row) => row.partition.startsWith(prefix)),
  };
}
