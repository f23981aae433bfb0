// The DynamoDB adapter of every port, over one client for the life of the container.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, Store } from '../usecases/ports.ts';
import { apiKeys } from './api-keys.ts';
import { attachments } from './attachments.ts';
import { caseFiles } from './case-files.ts';
import { caseQueries } from './case-queries.ts';
import { clientLimits } from './client-limits.ts';
import { counters } from './counters.ts';
import { createDynamo, type Dynamo, type StoreOptions, withoutKeys } from './dynamo.ts';
import { keys } from './keys.ts';
import { migrations } from './migrations.ts';
import { outbox } from './outbox.ts';
import { receipts } from './receipts.ts';
import { reception } from './reception-store.ts';
import { retentionStore } from './retention-store.ts';

export function createStore(options: StoreOptions): Store {
  return storeOver(createDynamo(options));
}

/** The ports over a given client (tests add a middleware to it to count what is read). */
export function storeOver(dynamo: Dynamo): Store {
  const { doc, tableName } = dynamo;
  return {
    cases: caseFiles(dynamo),
    retention: retentionStore(dynamo),
    attachments: attachments(dynamo),
    migrations: migrations(dynamo),
    receipts: receipts(dynamo),
    outbox: outbox(dynamo),
    counters: counters(dynamo),
    queries: caseQueries(dynamo),
    reception: reception(dynamo),
    clientLimits: clientLimits(dynamo),
    apiKeys: apiKeys(dynamo),
    idempotency: {
      async get(scopedKeyHash) {
        const { Item } = await doc.send(
          new GetCommand({
            TableName: tableName,
            Key: keys.idempotency(scopedKeyHash),
            ConsistentRead: true,
          }),
        );
        return Item ? withoutKeys<IdempotencyRecord>(Item) : undefined;
      },
    },
    async ping() {
      await doc.send(new GetCommand({ TableName: tableName, Key: keys.case('health-check') }));
    },
  };
}
