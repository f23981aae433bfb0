// The local API as `npm start` serves it (adapter, handlers, logging at info), in its own
// process for `npm run bench`: argv is the DynamoDB endpoint and the table, then
// `without-limiter` for the limiter's A/B (its port answers "allowed" without a call). Its logs go to
// stdout as a function's go to CloudWatch; it says a clerk's token and where it listens on stderr.
import { join } from 'node:path';
import { functionContext } from '../../functions/context.ts';
import { newDevSecrets, signDevToken } from '../../infra/local/dev-secrets.ts';
import { projectRoot, startApiServer, withWideLimits } from '../../infra/local/stack.ts';

const [endpoint, tableName, flag] = process.argv.slice(2);
if (!endpoint || !tableName) throw new Error('usage: api-process.ts <dynamodb endpoint> <table>');
const secrets = await newDevSecrets();
const api = await startApiServer(
  {
    port: 0,
    tableName,
    regionConfigFile: withWideLimits(),
    secrets,
    outboxFile: join(projectRoot, '.cache', 'bench', 'outbox-api.jsonl'),
  },
  endpoint,
);
if (flag === 'without-limiter') {
  // The handlers share this one context's store (functions/context.ts): only the count is skipped.
  const { store } = functionContext();
  store.clientLimits = { ...store.clientLimits, take: async () => ({ allowed: true }) };
}
// A clerk's token for the measurements that act as staff (the files).
console.error(`clerk ${await signDevToken(secrets, { sub: 'bench-clerk', roles: ['clerk'] })}`);
console.error(`listening ${api.url}`);
