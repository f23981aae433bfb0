// `npm run retention -- [--as-of 2040-01-01]`: a dry run of the retention job on the local
// system started by `npm start` (through its API, with a local archivist token): what would be
// restricted and listed for disposal as of that day. Changes nothing.
// `npm run retention -- --replay-disposals --deployment <name> --table <TableName> --files-bucket <bucket> --pepper-secret <arn>`:
// after a restore from a backup, carries out every approved disposal list again on the
// deployed table and bucket (the environment's AWS credentials), so nothing comes back.
import { parseArgs } from 'node:util';
import { configuredFiles } from '../functions/attachments/s3-files.ts';
import { pepperSourceOf } from '../functions/aws/peppers.ts';
import { functionContext } from '../functions/context.ts';
import { loadDeploymentConfig } from '../infra/deployment-config.ts';
import { loadOrCreateDevSecrets, signDevToken, startedStack } from '../infra/local/dev-secrets.ts';
import { replayDisposals } from '../shared/usecases/retention.ts';

const { values } = parseArgs({
  options: {
    'as-of': { type: 'string' },
    'replay-disposals': { type: 'boolean', default: false },
    deployment: { type: 'string' },
    table: { type: 'string' },
    'files-bucket': { type: 'string' },
    'pepper-secret': { type: 'string' },
  },
});

if (values['replay-disposals']) {
  const { deployment: name, table, 'files-bucket': bucket, 'pepper-secret': pepperSecret } = values;
  if (!name || !table || !bucket || !pepperSecret) {
    console.error(
      'Usage: npm run retention -- --replay-disposals --deployment <name> --table <TableName> --files-bucket <bucket> --pepper-secret <arn>',
    );
    process.exit(2);
  }
  const deployment = loadDeploymentConfig(name);
  // The same configuration the retention function is deployed with.
  Object.assign(process.env, {
    AWS_REGION: deployment.aws.region,
    TABLE_NAME: table,
    REGION_CONFIG_FILE: deployment.regionConfigPath,
    FILES_BUCKET: bucket,
    PEPPER_SECRET_ARN: pepperSecret,
  });
  const ctx = functionContext();
  const disposed = await replayDisposals({
    ...ctx,
    files: configuredFiles(),
    peppers: pepperSourceOf(ctx.config),
  });
  console.log(`Carried out the approved disposals again: ${disposed.length} case files.`);
} else {
  const query = new URLSearchParams(values['as-of'] ? { asOf: values['as-of'] } : {});
  const stack = startedStack();
  const url = `${stack.url}/retention/preview${query.size ? `?${query}` : ''}`;
  const token = await signDevToken(
    await loadOrCreateDevSecrets(),
    { sub: 'local-archivist', roles: ['archivist'] },
    { issuer: stack.issuer },
  );
  try {
    const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    console.log(answer.status, JSON.stringify(await answer.json(), null, 2));
    if (!answer.ok) process.exit(1);
  } catch (error) {
    console.error(`Could not reach ${url}: start the system first with \`npm start\`. (${String(error)})`);
    process.exit(1);
  }
}
