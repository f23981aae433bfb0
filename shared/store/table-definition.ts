// The one definition of the table's key schema and indexes. The CDK stateful stack and
// the local stack (DynamoDB Local) both build the table from this, so they cannot drift.
// docs/data-model.md explains what each index serves.

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Which entity sets these attributes, for the reader of this file. */
  purpose: string;
}

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', purpose: 'cases by petitioner' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', purpose: 'cases by owner official' },
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK', purpose: 'cases by handling department' },
    { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK', purpose: 'cases by township + category' },
    {
      indexName: 'DUE',
      partitionKey: 'duePK',
      sortKey: 'dueSK',
      purpose: 'open deadlines by due date (sparse)',
    },
  ] satisfies IndexDefinition[],
} as const;
