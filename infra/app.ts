// The CDK app: one stack set per region, named by `-c region=<name>` (infra/deploy/<name>.json).
import { App, Tags } from 'aws-cdk-lib';
import { loadDeploymentConfig } from './deployment-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export function buildStacks(app: App, regionName: string) {
  const deployment = loadDeploymentConfig(regionName);
  const env = {
    region: deployment.aws.region,
    ...(deployment.aws.account && { account: deployment.aws.account }),
  };
  const prefix = `PetitionDesk-${deployment.name}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    deployment,
    table: stateful.table,
    pepper: stateful.pepper,
    anchorsExport: stateful.anchorsExport,
  });
  Tags.of(app).add('project', 'petition-desk');
  Tags.of(app).add('jurisdiction', deployment.region.region.code);
  return { stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = new App();
  const regionName = app.node.tryGetContext('region');
  if (typeof regionName !== 'string') throw new Error('Name the region: npm run synth -- -c region=<name>');
  buildStacks(app, regionName);
  app.synth();
}
