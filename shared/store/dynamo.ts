// The primitives every store module needs, in one low module: the client (one factory, for
// Lambda, the local stack, scripts and tests), the transaction item type, put-if-absent,
// the paginated query, and a transaction whose cancellation comes back as data.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { UnavailableError } from '../errors.ts';
import { TABLE_ATTRIBUTES, tableDefinition } from './table-definition.ts';

export interface Dynamo {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** Partitions per work queue (the region's `queueShards`): 1 for a county. */
  queueShards: number;
}

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Timeouts well inside a function's 10 seconds: a store that does not answer becomes a 503
 * with Retry-After within a few seconds, never a hung request or a 500. DynamoDB Local on a
 * small machine under a parallel test run can take longer than AWS ever should: it gets more.
 */
export const STORE_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 2_000,
  maxAttempts: 2,
  localRequestTimeout: 10_000,
};

/** A client for the table; with an endpoint, DynamoDB Local (its credentials are ignored). */
export function dynamoClient(
  endpoint?: string,
  requestTimeout = endpoint ? STORE_TIMEOUTS.localRequestTimeout : STORE_TIMEOUTS.requestTimeout,
): DynamoDBClient {
  const { connectionTimeout, maxAttempts } = STORE_TIMEOUTS;
  return new DynamoDBClient({
    // Without throwOnRequestTimeout the handler only warns and the request hangs on.
    requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true },
    maxAttempts,
    ...(endpoint && {
      endpoint,
      region: process.env.AWS_REGION ?? 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  });
}

const UNAVAILABLE = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** A store that does not answer, or answers that it cannot now: retry later (503). */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, $metadata } = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    UNAVAILABLE.has(error.name) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code ?? '') ||
    ($metadata?.httpStatusCode ?? 0) >= 500
  );
}

export interface StoreOptions {
  tableName: string;
  endpoint?: string | undefined;
  requestTimeoutMs?: number | undefined;
  queueShards?: number | undefined;
}

export function createDynamo(options: StoreOptions): Dynamo {
  const doc = DynamoDBDocumentClient.from(dynamoClient(options.endpoint, options.requestTimeoutMs), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // The ports speak the domain: an unreachable store is UnavailableError, whatever the call.
  doc.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isUnavailable(error)) throw new UnavailableError('the table does not answer', { cause: error });
        throw error;
      }
    },
    { step: 'initialize', name: 'storeUnavailable' },
  );
  return { doc, tableName: options.tableName, queueShards: options.queueShards ?? 1 };
}

/** Sort keys in DynamoDB's order (by code unit, not by locale): for merging shards. */
export const bySortKey =
  (name: string) =>
  (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    const x = String(a[name]);
    const y = String(b[name]);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** The entity an item carries, without the table's key and index attributes. */
export function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const attribute of TABLE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** BatchGetItem takes at most 100 keys a request. */
export const BATCH_GET_KEYS = 100;

export const notExists = `attribute_not_exists(${tableDefinition.partitionKey})`;

/** A put that fails if the item exists; `returnOld` hands back what was there. */
export function putNew(tableName: string, item: Item, returnOld = false): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: notExists,
      ...(returnOld && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }),
    },
  };
}

/** A transaction check that the item is absent; when it is not, what is there comes back. */
export function checkAbsent(tableName: string, key: Item): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: key,
      ConditionExpression: notExists,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The next number of a count kept in one item (`ADD issued 1`, the new value back): numbers a race took stay unused. */
export async function nextNumber(dynamo: Dynamo, key: Record<string, string>): Promise<number> {
  const { Attributes } = await dynamo.doc.send(
    new UpdateCommand({
      TableName: dynamo.tableName,
      Key: key,
      UpdateExpression: 'ADD issued :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.issued);
}

/** Every page of a query, through the SDK's paginator. */
export async function queryAll(dynamo: Dynamo, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateQuery({ client: dynamo.doc }, { TableName: dynamo.tableName, ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

export interface CancellationReason {
  code: string;
  item?: Item;
}

export type TransactionOutcome = { ok: true } | { ok: false; reasons: CancellationReason[] };

/** Runs a transaction; a cancellation comes back as data (which condition failed, and why). */
export async function transact(dynamo: Dynamo, items: TransactItem[]): Promise<TransactionOutcome> {
  try {
    await dynamo.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      const raw = (error as { CancellationReasons?: Array<{ Code?: string; Item?: Record<string, never> }> })
        .CancellationReasons;
      return {
        ok: false,
        reasons: (raw ?? []).map((r) => ({
          code: r.Code ?? 'None',
          ...(r.Item && { item: unmarshall(r.Item) }),
        })),
      };
    }
    throw error;
  }
}

export const conditionFailedAt = (reasons: CancellationReason[], position: number | undefined) =>
  position !== undefined && reasons[position]?.code === 'ConditionalCheckFailed';

export const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
