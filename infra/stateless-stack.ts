// The stateless stack: the HTTP API and the functions behind it, wired from the route table.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { FUNCTION_NAMES, type FunctionName, routes } from '../functions/http/routes.ts';
import type { DeploymentConfig } from './deployment-config.ts';
import { PetitionFunction } from './petition-function.ts';

export interface StatelessStackProps extends StackProps {
  deployment: DeploymentConfig;
  table: ITableV2;
}

/** Which functions only read: least privilege per job. */
const READ_ONLY: ReadonlySet<FunctionName> = new Set(['meta']);

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<FunctionName, PetitionFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { deployment } = props;
    const environment = {
      AUTH_ISSUER: deployment.auth.issuer,
      AUTH_AUDIENCE: deployment.auth.audience,
      AUTH_JWKS_URL: deployment.auth.jwksUrl,
      PERSONAL_DATA_PEPPER: StringParameter.valueForStringParameter(this, deployment.pepperParameter),
    };
    this.functions = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        new PetitionFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, {
          entry: name,
          regionConfigPath: deployment.regionConfigPath,
          environment,
        }).useTable(props.table, READ_ONLY.has(name) ? 'read' : 'readWrite'),
      ]),
    ) as Record<FunctionName, PetitionFunction>;

    this.api = new HttpApi(this, 'Api', {
      apiName: `petition-desk-${deployment.name}`,
      corsPreflight: {
        allowOrigins: [deployment.webOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
      },
    });
    const integrations = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        new HttpLambdaIntegration(`${name}-integration`, this.functions[name].function),
      ]),
    ) as Record<FunctionName, HttpLambdaIntegration>;
    for (const route of routes) {
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.function],
      });
    }
  }
}
