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

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition;
  const attributes = new Set<string>([partitionKey, sortKey]);
  for (const index of globalSecondaryIndexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView },
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
 * Creates the table unless it exists (data is kept between `npm start` runs), turns its stream
 * on if a table kept from before the stream lacks it; answers the stream's ARN.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ streamArn: string }> {
  const stream = { StreamEnabled: true, StreamViewType: tableDefinition.streamView };
  let table: TableDescription | undefined;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    if (!table?.StreamSpecification?.StreamEnabled) {
      table = (
        await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: stream }))
      ).TableDescription;
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    table = (await client.send(new CreateTableCommand(createTableInput(tableName)))).TableDescription;
  }
  if (!table?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
  return { streamArn: table.LatestStreamArn };
}
