// The one definition of the table's key schema and indexes. The CDK stateful stack and
// the local stack (DynamoDB Local) both build the table from this, so they cannot drift;
// keys.ts and the store modules take index and attribute names from here.
// docs/data-model.md explains what each index serves.

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Which entity sets these attributes, for the reader of this file. */
  purpose: string;
}

/** The indexes by what they serve. */
export const indexes = {
  byPetitioner: {
    indexName: 'GSI1',
    partitionKey: 'GSI1PK',
    sortKey: 'GSI1SK',
    purpose: 'cases by petitioner; a year backlog list (overloaded)',
  },
  byArea: {
    indexName: 'GSI4',
    partitionKey: 'GSI4PK',
    sortKey: 'GSI4SK',
    purpose: 'cases by township + category',
  },
  queue: {
    indexName: 'QUEUE',
    partitionKey: 'queuePK',
    sortKey: 'queueSK',
    purpose: 'staff work queues: a case in each list it belongs to, by the due date of its stage',
  },
  due: {
    indexName: 'DUE',
    partitionKey: 'duePK',
    sortKey: 'dueSK',
    purpose: 'open deadlines by due date and undelivered notices (sparse)',
  },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof indexes;

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  /** The stream carries keys only: its consumers read what they need (functions/streams.ts). */
  streamView: 'KEYS_ONLY',
  globalSecondaryIndexes: Object.values(indexes),
} as const;

/** Attributes that belong to the table, not to the entity an item carries. */
export const TABLE_ATTRIBUTES: readonly string[] = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  tableDefinition.timeToLiveAttribute,
  'entity',
  ...Object.values(indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];
