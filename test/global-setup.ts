// Starts one in-memory DynamoDB Local for the test run; files get their own tables.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { FIGURES_DIR } from './figures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

const contractCounts = join(import.meta.dirname, '..', '.cache', 'contract');

export default async function setup(project: TestProject) {
  rmSync(contractCounts, { recursive: true, force: true });
  rmSync(FIGURES_DIR, { recursive: true, force: true });
  const dynamo = await startDynamoDbLocal({ log: (line) => console.log(line) });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
    if (existsSync(FIGURES_DIR)) {
      for (const file of readdirSync(FIGURES_DIR).sort())
        console.log(readFileSync(join(FIGURES_DIR, file), 'utf8').trim());
    }
    if (!existsSync(contractCounts)) return;
    const files = readdirSync(contractCounts);
    const checked = files.reduce(
      (sum, file) =>
        sum + (JSON.parse(readFileSync(join(contractCounts, file), 'utf8')) as { checked: number }).checked,
      0,
    );
    console.log(
      `Contract check: ${checked} responses validated against the OpenAPI document (${files.length} test files)`,
    );
  };
}
