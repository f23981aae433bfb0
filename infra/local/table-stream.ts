// The table's stream under the local stack: DynamoDB Local keeps one as AWS does; this reads
// it and hands each consumer the records its filter lets through, in Lambda's event shape,
// reporting failed records as Lambda would retry them (here: on the next read).
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { RecordFilter, StreamConsumer } from '../../functions/streams.ts';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** Lambda's event filter, for the exact-value patterns the consumers use. */
export function matchesFilter(filter: RecordFilter, value: unknown): boolean {
  return Object.entries(filter).every(([field, rule]) => {
    const inner = value && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
    return Array.isArray(rule)
      ? typeof inner === 'string' && rule.includes(inner)
      : matchesFilter(rule, inner);
  });
}

/** A stream record as Lambda passes it (the table's keys are all strings). */
function lambdaRecord(record: StreamRecord): DynamoDBRecord {
  const keys = Object.entries(record.dynamodb?.Keys ?? {}).flatMap(([name, value]) =>
    value.S === undefined ? [] : [[name, { S: value.S }] as const],
  );
  return {
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    ...(record.eventID && { eventID: record.eventID }),
    ...(record.eventName && { eventName: record.eventName }),
    dynamodb: {
      Keys: Object.fromEntries(keys),
      ...(record.dynamodb?.SequenceNumber && { SequenceNumber: record.dynamodb.SequenceNumber }),
      StreamViewType: 'KEYS_ONLY',
    },
  };
}

export interface TableStreamRunner {
  /** Reads what the stream holds now and runs each consumer on its records; how many were run. */
  drain(): Promise<number>;
  close(): void;
}

export function tableStreamRunner(
  endpoint: string,
  streamArn: string,
  consumers: Array<{ consumer: StreamConsumer; handler: StreamHandler; context: () => Context }>,
): TableStreamRunner {
  const client = new DynamoDBStreamsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  /** Each shard's next iterator; null once a closed shard is read to its end. */
  const iterators = new Map<string, string | null>();
  /** Records a consumer failed, delivered again on the next drain. */
  const retries = new Map<StreamConsumer, DynamoDBRecord[]>();

  async function readNew(): Promise<DynamoDBRecord[]> {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: DynamoDBRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId) continue;
      if (!iterators.has(shardId)) {
        const { ShardIterator } = await client.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterators.set(shardId, ShardIterator ?? null);
      }
      let iterator = iterators.get(shardId);
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(page.Records ?? []).map(lambdaRecord));
        iterator = page.NextShardIterator ?? null;
        if (!page.Records?.length) break;
      }
      iterators.set(shardId, iterator ?? null);
    }
    return records;
  }

  return {
    async drain() {
      const fresh = await readNew();
      let delivered = 0;
      for (const { consumer, handler, context } of consumers) {
        const records = [
          ...(retries.get(consumer) ?? []),
          ...fresh.filter((r) => matchesFilter(consumer.filter, r)),
        ];
        if (records.length === 0) continue;
        const { batchItemFailures } = await handler({ Records: records }, context());
        const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
        retries.set(
          consumer,
          records.filter((r) => failed.has(r.dynamodb?.SequenceNumber ?? '')),
        );
        delivered += records.length;
      }
      return delivered;
    },
    close: () => client.destroy(),
  };
}
