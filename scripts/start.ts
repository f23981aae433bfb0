// `npm start`: DynamoDB Local (data kept in .local/dynamodb), the table, and the API.
import { join } from 'node:path';
import { LOCAL_ISSUER, loadOrCreateDevSecrets, recordRunningStack } from '../infra/local/dev-secrets.ts';
import { JavaMissingError } from '../infra/local/dynamodb-local.ts';
import { localStaffPassword } from '../infra/local/identity-provider.ts';
import { CONSOLE_PATH, projectRoot, SAMPLE_REGION_FILE, startLocalStack } from '../infra/local/stack.ts';
import { buildWeb } from '../infra/web-build.ts';
import { loadRegionConfig } from '../shared/region.ts';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got "${process.env.PORT}".`);
  process.exit(1);
}

const regionConfigFile = process.env.REGION_CONFIG_FILE ?? SAMPLE_REGION_FILE;

try {
  buildWeb({ language: loadRegionConfig(regionConfigFile).region.language });
  const secrets = await loadOrCreateDevSecrets();
  const stack = await startLocalStack({
    port,
    tableName: process.env.TABLE_NAME ?? 'petition-desk',
    regionConfigFile,
    secrets,
    // The local OpenID provider the console signs in through, on the next port.
    identityProviderPort: port + 1,
    dataDir: join(projectRoot, '.local', 'dynamodb'),
    outboxFile: join(projectRoot, '.local', 'outbox.jsonl'),
    runSchedules: true,
    log: (line) => console.log(line),
  });
  const forget = recordRunningStack({
    url: stack.url,
    issuer: stack.issuer ?? LOCAL_ISSUER,
    pid: process.pid,
  });
  console.log(`petition-desk is running at ${stack.url}`);
  console.log(`  web form: ${stack.url}/  (status: ${stack.url}/status.html)`);
  console.log(`  health:  ${stack.url}/health`);
  console.log(`  API doc: ${stack.url}/openapi.json`);
  console.log(`  staff console: ${stack.url}${CONSOLE_PATH}  (sign in at ${stack.issuer})`);
  console.log(
    `    users: clerk, supervisor, admin, auditor, archivist and archivist-2 (archive officers), off-01..off-12 (officials; off-09 signs opinions off as head, off-11 and off-12 as deputy_head), dept-<code> (departments); password ${localStaffPassword(secrets)}`,
  );
  console.log('  staff token for curl: npm run token -- --role clerk');
  console.log('  notices to petitioners are written to .local/outbox.jsonl');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API and DynamoDB Local...`);
    forget();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
