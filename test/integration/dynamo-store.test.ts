// The store contract over DynamoDB Local: a table of its own for each test, laid out as on AWS,
// with the work queues in one partition each and spread over shards (a big region's setting).
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../infra/local/create-table.ts';
import { dynamoClient } from '../../shared/store/dynamo.ts';
import { createStore } from '../../shared/store/store.ts';
import { storeContract } from '../contract/store-contract.ts';

for (const queueShards of [1, 4]) {
  storeContract(`DynamoDB Local, queues in ${queueShards} shard(s)`, async () => {
    const endpoint = inject('dynamoDbEndpoint');
    const tableName = `contract-${randomUUID()}`;
    await ensureTable(dynamoClient(endpoint), tableName, false);
    return createStore({ tableName, endpoint, queueShards });
  });
}
