// `npm run dynamodb-local`: fetch and verify DynamoDB Local into .cache/ ahead of time
// (`npm start` and `npm test` do it on first use anyway).
import { ensureDynamoDbLocal } from '../infra/local/dynamodb-local.ts';

console.log(`DynamoDB Local ready in ${ensureDynamoDbLocal((line) => console.log(line))}`);
