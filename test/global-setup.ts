// Starts one in-memory DynamoDB Local for the test run; files get their own tables.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ log: (line) => console.log(line) });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
