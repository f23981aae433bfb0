// The CDK app: one stack set per region, named by `-c region=<name>` (infra/deploy/<name>.json).
import { App, Tags } from 'aws-cdk-lib';
import { loadDeploymentConfig } from './deployment-config.ts';
import { EdgeFirewallStack } from './edge-firewall-stack.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export function buildStacks(app: App, regionName: string) {
  const deployment = loadDeploymentConfig(regionName);
  const env = {
    region: deployment.aws.region,
    ...(deployment.aws.account && { account: deployment.aws.account }),
  };
  const prefix = `PetitionDesk-${deployment.name}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    webOrigin: deployment.webOrigin,
    ...(deployment.sms && { smsProvider: deployment.sms.provider }),
  });
  // CloudFront's web ACLs live in us-east-1; the China partition has none for CloudFront.
  const firewall = deployment.aws.region.startsWith('cn-')
    ? undefined
    : new EdgeFirewallStack(app, `${prefix}-EdgeFirewall`, {
        env: { ...env, region: 'us-east-1' },
        crossRegionReferences: true,
        perAddress: deployment.region.clientLimits.perAddress,
        language: deployment.region.region.language,
      });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    deployment,
    table: stateful.table,
    pepper: stateful.pepper,
    documentSigningKey: stateful.documentSigningKey,
    ...(stateful.smsCredentials && { smsCredentials: stateful.smsCredentials }),
    anchorsExport: stateful.anchorsExport,
    filesExport: stateful.filesExport,
    ...(firewall && { crossRegionReferences: true, webAclArn: firewall.webAcl.attrArn }),
  });
  Tags.of(app).add('project', 'petition-desk');
  Tags.of(app).add('jurisdiction', deployment.region.region.code);
  return { stateful, stateless, firewall };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = new App();
  const regionName = app.node.tryGetContext('region');
  if (typeof regionName !== 'string') throw new Error('Name the region: npm run synth -- -c region=<name>');
  buildStacks(app, regionName);
  app.synth();
}
