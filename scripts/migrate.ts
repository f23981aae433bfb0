// `npm run migrate -- --deployment <name> --table <TableName> [--dry-run]`: brings the items of
// a deployed region's table up to this version's shapes (docs/data-model.md, "Migrations"), with
// the AWS credentials of the environment. The table is the stateful stack's output `TableName`.
// `--dry-run` writes nothing and says what a run would change. `npm start` runs them locally;
// `--endpoint http://127.0.0.1:<port>` points at a DynamoDB Local instead (a rehearsal).
import { parseArgs } from 'node:util';
import { loadDeploymentConfig } from '../infra/deployment-config.ts';
import { createStore } from '../shared/store/store.ts';
import { runMigrations } from '../shared/usecases/migrations.ts';

const { values } = parseArgs({
  options: {
    deployment: { type: 'string' },
    table: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    endpoint: { type: 'string' },
  },
});
if (!values.deployment || !values.table) {
  console.error('Usage: npm run migrate -- --deployment <name> --table <TableName> [--dry-run]');
  process.exit(2);
}
const deployment = loadDeploymentConfig(values.deployment);
process.env.AWS_REGION = deployment.aws.region;
const ctx = {
  store: createStore({
    tableName: values.table,
    endpoint: values.endpoint,
    queueShards: deployment.region.queueShards,
  }),
  config: { region: deployment.region },
  now: () => new Date(),
};
const dryRun = values['dry-run'];
console.log(`${dryRun ? 'Dry run on' : 'Migrating'} ${values.table} (${deployment.aws.region})`);
for (const run of await runMigrations(ctx, { dryRun })) {
  const what = `${run.examined} examined, ${run.changed} ${run.outcome === 'would run' ? 'would change' : 'changed'}`;
  const when = run.ranAt ? ` (${run.ranAt})` : '';
  console.log(`  ${run.id} ${run.outcome}${when}: ${what}. ${run.description}`);
}
