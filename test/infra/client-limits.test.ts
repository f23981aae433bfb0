// The per-client limit as deployed, in both partitions: each sample stack set synthesised, the
// bundle that serves a public route (as CDK wrote it to cdk.out) run against DynamoDB Local
// with the region file bundled beside it. Both answer the same 429, with the same Retry-After,
// at the same count; only the standard set also has the WAF rule, over the same window.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildStacks } from '../../infra/app.ts';
import { ensureTable } from '../../infra/local/create-table.ts';
import { lambdaContext } from '../../infra/local/http-server.ts';
import { windowAt } from '../../shared/domain/client-limits.ts';
import { parseRegionConfig } from '../../shared/region.ts';
import { dynamoClient } from '../../shared/store/dynamo.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The synthesised reception function (it serves GET /reception-days): its bundle's folder. */
function synthesised(deployment: string) {
  const outdir = mkdtempSync(join(tmpdir(), `petition-desk-limits-${deployment}-`));
  dirs.push(outdir);
  const app = new App({ outdir, builtinCloudFormationValidation: false } as never);
  const stacks = buildStacks(app, deployment);
  const template = Template.fromStack(stacks.stateless);
  const [fn] = Object.entries(template.findResources('AWS::Lambda::Function'))
    .filter(([id]) => /^ReceptionFunction[0-9A-F]{8}$/.test(id))
    .map(
      ([, resource]) =>
        resource as {
          Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
        },
    );
  if (!fn) throw new Error(`${deployment}: no reception function`);
  return {
    stacks,
    asset: join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`),
    // As deployed (the staff token's issuer and audience, say), but what points at AWS.
    environment: Object.fromEntries(
      Object.entries(fn.Properties.Environment.Variables).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].endsWith('_ARN'),
      ),
    ),
    webAcls: stacks.firewall
      ? Object.values(Template.fromStack(stacks.firewall).findResources('AWS::WAFv2::WebACL'))
      : [],
  };
}

type Handler = (
  event: APIGatewayProxyEventV2,
  context: unknown,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The bundle loaded as Lambda would, its configuration pointed at DynamoDB Local. */
async function deployedHandler(
  asset: string,
  environment: Record<string, string>,
  edge: string | undefined,
): Promise<Handler> {
  const tableName = `limits-${randomUUID()}`;
  const endpoint = inject('dynamoDbEndpoint');
  await ensureTable(dynamoClient(endpoint), tableName, false);
  Object.assign(process.env, environment, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    REGION_CONFIG_FILE: join(asset, 'region.json'),
    PERSONAL_DATA_PEPPERS: JSON.stringify({ current: 'v1', v1: 'limits-test-pepper-'.repeat(3) }),
    LOG_LEVEL: 'silent',
    AWS_REGION: 'local',
  });
  if (edge) process.env.ORIGIN_VERIFY = edge;
  else delete process.env.ORIGIN_VERIFY;
  const { handler } = (await import(pathToFileURL(join(asset, 'index.mjs')).href)) as { handler: Handler };
  return handler;
}

const receptionDays = (edge: string | undefined): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'GET /reception-days',
  rawPath: '/reception-days',
  rawQueryString: 'from=2027-01-01&to=2027-01-31',
  queryStringParameters: { from: '2027-01-01', to: '2027-01-31' },
  // Behind CloudFront the viewer is in X-Forwarded-For; without it, the peer is the viewer.
  headers: edge ? { 'x-origin-verify': edge, 'x-forwarded-for': '203.0.113.7' } : {},
  requestContext: {
    accountId: '0',
    apiId: 'limits',
    domainName: 'limits',
    domainPrefix: 'limits',
    http: {
      method: 'GET',
      path: '/reception-days',
      protocol: 'HTTP/1.1',
      sourceIp: edge ? '192.0.2.10' : '203.0.113.7',
      userAgent: 'limits-test',
    },
    requestId: randomUUID(),
    routeKey: 'GET /reception-days',
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
  isBase64Encoded: false,
});

describe('the per-client limit in both partitions', () => {
  const runs = [
    { deployment: 'sample-zhuquan', edge: 'e'.repeat(40) },
    { deployment: 'sample-zhuquan-cn', edge: undefined },
  ];
  const results: Array<{
    deployment: string;
    statuses: number[];
    answer: APIGatewayProxyStructuredResultV2;
    window: unknown;
    webAcls: number;
  }> = [];

  it.each(runs)(
    'answers the $deployment bundle’s window+1st request 429',
    { timeout: 240_000 },
    async ({ deployment, edge }) => {
      const { asset, environment, webAcls } = synthesised(deployment);
      const bundled = parseRegionConfig(
        JSON.parse(readFileSync(join(asset, 'region.json'), 'utf8')),
        deployment,
      );
      const window = bundled.clientLimits.perAddress;
      const handler = await deployedHandler(asset, environment, edge);
      // On the real clock: start in a window with time to spare, so all of them count in one.
      const { left } = windowAt(Date.now(), window.seconds);
      if (left < 60) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
      const statuses: number[] = [];
      let answer: APIGatewayProxyStructuredResultV2 = {};
      for (let i = 0; i <= window.requests; i++) {
        answer = await handler(receptionDays(edge), lambdaContext('petition-desk-reception'));
        statuses.push(answer.statusCode ?? 0);
      }
      expect(statuses.slice(0, window.requests).every((status) => status === 200)).toBe(true);
      expect(answer.statusCode).toBe(429);
      expect(Number(answer.headers?.['retry-after'])).toBeGreaterThan(0);
      expect(Number(answer.headers?.['retry-after'])).toBeLessThanOrEqual(window.seconds);
      results.push({ deployment, statuses, answer, window, webAcls: webAcls.length });
    },
  );

  it('is the same rule in both: the same window, the same answer; WAF only where the partition has it', () => {
    const [standard, china] = results;
    expect(standard && china).toBeTruthy();
    expect(china?.window).toEqual(standard?.window);
    expect(china?.statuses.length).toBe(standard?.statuses.length);
    expect(JSON.parse(String(china?.answer.body))).toEqual(JSON.parse(String(standard?.answer.body)));
    expect(standard?.webAcls).toBe(1);
    expect(china?.webAcls).toBe(0);
  });
});
