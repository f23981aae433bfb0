// Creates the table on DynamoDB Local from the same definition the CDK stack uses.
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../shared/store/table-definition.ts';

export function createTableInput(tableName: string, stream = true): CreateTableCommandInput {
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition;
  const attributes = new Set<string>([partitionKey, sortKey]);
  for (const index of globalSecondaryIndexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    ...(stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView },
    }),
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * Creates the table unless it exists (data is kept between `npm start` runs) and answers its
 * stream's ARN: a table kept from before the stream gets it. Without `stream` (test tables that
 * never read it) it has none: DynamoDB Local then writes each change once, not twice.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  stream = true,
): Promise<{ streamArn?: string }> {
  let table: TableDescription | undefined;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    if (stream && !table?.StreamSpecification?.StreamEnabled) {
      const StreamSpecification = { StreamEnabled: true, StreamViewType: tableDefinition.streamView };
      table = (await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification })))
        .TableDescription;
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    table = (await client.send(new CreateTableCommand(createTableInput(tableName, stream)))).TableDescription;
  }
  if (stream && !table?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
  return { ...(stream && table?.LatestStreamArn && { streamArn: table.LatestStreamArn }) };
}
