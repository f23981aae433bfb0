import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, routes } from '../../functions/http/routes.ts';
import { SCHEDULED_FUNCTIONS } from '../../functions/schedules.ts';
import { buildStacks } from '../../infra/app.ts';
import { createTableInput } from '../../infra/local/create-table.ts';

let outdir: string;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'petition-desk-synth-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false } as never);
  const stacks = buildStacks(app, 'sample-zhuquan');
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the stateful stack', () => {
  it('keeps the table on stack deletion, with point-in-time recovery and deletion protection', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('has the same keys and indexes as the table DynamoDB Local gets', () => {
    const local = createTableInput('cases');
    const table = Object.values(stateful.findResources('AWS::DynamoDB::GlobalTable'))[0] as {
      Properties: Record<string, unknown>;
    };
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(new Set(table.Properties.AttributeDefinitions as unknown[])).toEqual(
      new Set(local.AttributeDefinitions),
    );
  });
});

describe('the stateless stack', () => {
  it('runs every function on arm64 and Node.js 22 with explicit memory and timeout', () => {
    const functions = stateless.findResources('AWS::Lambda::Function', {
      Properties: { Handler: 'index.handler' },
    });
    expect(Object.keys(functions)).toHaveLength(FUNCTION_NAMES.length + SCHEDULED_FUNCTIONS.length);
    for (const fn of Object.values(functions) as Array<{ Properties: Record<string, unknown> }>) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
      });
      expect([10, 60]).toContain(fn.Properties.Timeout);
    }
  });

  it('gives each function the table name, the bundled region file and the staff token settings', () => {
    stateless.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          REGION_CONFIG_FILE: '/var/task/region.json',
          AUTH_ISSUER: 'https://id.zhuquan.example.gov/realms/staff',
          AUTH_JWKS_URL: Match.stringLikeRegexp('^https://'),
          PERSONAL_DATA_PEPPER: Match.anyValue(),
        }),
      },
    });
  });

  it('routes every API route of the route table to its function', () => {
    const routeKeys = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routeKeys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('lets the read-only function read the table and nothing more', () => {
    const policies = Object.entries(stateless.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('Meta'),
    );
    expect(policies).toHaveLength(1);
    const actions = JSON.stringify(policies[0]?.[1]);
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:PutItem');
  });

  it.each([
    ['notice delivery', 'rate(1 minute)'],
    ['deadline check', 'rate(15 minutes)'],
  ])('runs the %s on schedule (%s) with retries and a dead-letter queue', (_job, expression) => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: expression,
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });

  it('sends staff alerts through a topic only the notices function may publish to', () => {
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          NOTICE_DELIVERY: 'sns',
          STAFF_ALERT_TOPIC_ARN: { Ref: Match.anyValue() },
        }),
      },
    });
    const publishers = Object.entries(stateless.findResources('AWS::IAM::Policy')).filter(([, policy]) =>
      JSON.stringify(policy).includes('sns:Publish'),
    );
    expect(publishers.map(([id]) => id)).toEqual([expect.stringMatching(/^NoticesJob/)]);
  });

  it('allows CORS only from the web origin', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://xinfang.zhuquan.example.gov'] }),
    });
  });
});
