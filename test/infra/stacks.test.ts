import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forStaff } from '../../functions/http/define-route.ts';
import { FUNCTION_NAMES, routes } from '../../functions/routes.ts';
import { SCHEDULED_FUNCTIONS } from '../../functions/schedules.ts';
import { STREAM_FUNCTIONS, streamConsumers } from '../../functions/streams.ts';
import { buildStacks } from '../../infra/app.ts';
import { apiPathPatterns } from '../../infra/citizen-site.ts';
import { partitionProblem } from '../../infra/deployment-config.ts';
import { DOCUMENT_FONT, SEAL_IN_BUNDLE } from '../../infra/document-font.ts';
import type { EdgeFirewallStack } from '../../infra/edge-firewall-stack.ts';
import { createTableInput } from '../../infra/local/create-table.ts';
import { projectRoot, SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { OPENAPI_IN_BUNDLE } from '../../infra/openapi-file.ts';
import { UPLOADS_PREFIX } from '../../shared/domain/attachments.ts';
import { PUBLIC_PATH_PREFIXES } from '../../shared/domain/client-limits.ts';
import { NOTICE_TYPES } from '../../shared/domain/procedure-terms.ts';
import { loadRegionConfig } from '../../shared/region.ts';

let outdir: string;
let stateful: Template;
let stateless: Template;
let stacks: ReturnType<typeof buildStacks>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'petition-desk-synth-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false } as never);
  stacks = buildStacks(app, 'sample-zhuquan');
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

/** HTTP, scheduled and stream functions, and the file check. */
const EVERY_FUNCTION = FUNCTION_NAMES.length + SCHEDULED_FUNCTIONS.length + STREAM_FUNCTIONS.length + 1;

/** The project's functions (the CDK's own deployment helper is not one of them). */
function ourFunctions() {
  return stateless.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: Match.objectLike({ REGION_CONFIG_FILE: Match.anyValue() }) } },
  });
}

/** The deployed bundle of a synthesised function, found through its asset. */
function bundleOf(dir: string, fn: { Properties: { Code: { S3Key: string } } }): string {
  return readFileSync(
    join(dir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
    'utf8',
  );
}

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

  it('keeps the daily anchors write-once: Object Lock in compliance mode for 10 years, retained', () => {
    stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
        },
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      }),
    });
  });

  it('keeps the files on case files private and versioned, takes uploads from the site only, and removes abandoned uploads', () => {
    stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedMethods: ['POST'],
              AllowedOrigins: ['https://xinfang.zhuquan.example.gov'],
              AllowedHeaders: ['*'],
            },
          ],
        },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              Prefix: UPLOADS_PREFIX,
              ExpirationInDays: 1,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              Status: 'Enabled',
            }),
            Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          ]),
        },
      }),
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
  it('runs every function on arm64 and Node.js 24 with explicit memory and timeout', () => {
    const functions = ourFunctions();
    expect(Object.keys(functions)).toHaveLength(EVERY_FUNCTION);
    for (const fn of Object.values(functions) as Array<{ Properties: Record<string, unknown> }>) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      // The documents function parses a 10 MB font, the file check decodes photos: more memory, more CPU.
      const text = JSON.stringify(fn);
      const photos = text.includes('MALWARE_SCANNER') ? 2048 : 512;
      expect(fn.Properties.MemorySize).toBe(
        text.includes('DOCUMENT_FONT_FILE') || JSON.stringify(fn.Properties.Role).includes('"Redactions')
          ? 1024
          : photos,
      );
      // The retention job disposes of case files one by one: 15 minutes.
      expect([10, 60, 900]).toContain(fn.Properties.Timeout);
    }
  });

  it('ships each function as one UTF-8 bundle and its region file: no \\u escapes of Chinese, no source map', () => {
    const bundles = readdirSync(outdir)
      .filter((dir) => dir.startsWith('asset.') && existsSync(join(outdir, dir, 'index.mjs')))
      .map((dir) => join(outdir, dir));
    expect(bundles).toHaveLength(EVERY_FUNCTION);
    const withFont = bundles.filter((dir) => existsSync(join(dir, DOCUMENT_FONT.inBundle)));
    expect(withFont).toHaveLength(1);
    // The meta function serves the OpenAPI document built at synthesis, beside its bundle.
    const withDocument = bundles.filter((dir) => existsSync(join(dir, OPENAPI_IN_BUNDLE)));
    expect(withDocument).toHaveLength(1);
    const served = JSON.parse(readFileSync(join(withDocument[0] as string, OPENAPI_IN_BUNDLE), 'utf8'));
    expect(Object.keys(served.paths)).toEqual([...new Set(routes.map((r) => r.path))]);
    // The file check and the redactions carry sharp beside their bundles (its own test below).
    const withModules = bundles.filter((dir) => existsSync(join(dir, 'node_modules')));
    expect(withModules).toHaveLength(2);
    for (const dir of bundles) {
      // The documents function: the font and the region's seal.
      const extra = withFont.includes(dir)
        ? [DOCUMENT_FONT.inBundle, SEAL_IN_BUNDLE]
        : withDocument.includes(dir)
          ? [OPENAPI_IN_BUNDLE]
          : withModules.includes(dir)
            ? ['node_modules']
            : [];
      expect(readdirSync(dir).sort()).toEqual([...extra, 'index.mjs', 'region.json'].sort());
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.match(/\\u[4-9][0-9A-F]{3}/gi) ?? []).toEqual([]);
    }
    for (const fn of Object.values(ourFunctions())) expect(JSON.stringify(fn)).not.toContain('NODE_OPTIONS');
  });

  it('bundles token verification only into functions with staff routes, and no SMS SDK where SNS sends', () => {
    const bundle = (name: string) =>
      bundleOf(outdir, Object.entries(ourFunctions()).find(([id]) => id.startsWith(name))?.[1] as never);
    const jwtCode = (name: string) => bundle(name).includes('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(routes.filter((r) => ['intake', 'meta'].includes(r.function) && forStaff(r.access))).toEqual([]);
    expect({
      intake: jwtCode('IntakeFunction'),
      meta: jwtCode('MetaFunction'),
      cases: jwtCode('CasesFunction'),
    }).toEqual({ intake: false, meta: false, cases: true });
    const notices = bundle('NoticesJob');
    expect([notices.includes('tencentcloudapi.com'), notices.includes('aliyuncs.com')]).toEqual([
      false,
      false,
    ]);
  });

  it('gives each function the table name and the bundled region file, and the staff token settings only to those with staff routes', () => {
    const configured = stateless.findResources('AWS::Lambda::Function', {
      Properties: {
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: Match.anyValue(),
            REGION_CONFIG_FILE: '/var/task/region.json',
          }),
        },
      },
    });
    expect(Object.keys(configured)).toHaveLength(EVERY_FUNCTION);
    const withIssuer = Object.entries(configured)
      .filter(([, fn]) =>
        JSON.stringify(fn).includes('"AUTH_ISSUER":"https://id.zhuquan.example.gov/realms/staff"'),
      )
      .map(([id]) => id.replace(/Function.*$/, ''));
    const staffFunctions = [...new Set(routes.filter((r) => forStaff(r.access)).map((r) => r.function))];
    expect(withIssuer.map((id) => id.toLowerCase()).sort()).toEqual(staffFunctions.sort());
    expect(withIssuer).not.toContain('Meta');
    expect(Object.keys(configured).filter((id) => /Job|Stream/.test(id) && withIssuer.includes(id))).toEqual(
      [],
    );
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
    ['daily anchor', 'rate(1 hour)'],
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

  it('gives the pepper secret to the functions that hash, and no secret value to any environment', () => {
    const withSecret = Object.entries(ourFunctions())
      .filter(([, fn]) => JSON.stringify(fn).includes('PEPPER_SECRET_ARN'))
      .map(([id]) => id.replace(/Function.*$/, ''));
    expect(withSecret.sort()).toEqual([
      'Attachments',
      'Cases',
      'Documents',
      'Intake',
      'Open311',
      'Reception',
      'RetentionJob',
    ]);
    for (const fn of Object.values(ourFunctions()) as Array<{ Properties: { Environment: unknown } }>) {
      const { Variables } = fn.Properties.Environment as { Variables: Record<string, unknown> };
      // Secrets travel by ARN, read at cold start: never resolved into the configuration.
      expect(JSON.stringify(Variables)).not.toMatch(/PEPPER\b|resolve:s(sm|ecretsmanager)/);
      expect(Object.keys(Variables)).not.toContain('ORIGIN_VERIFY');
    }
    stateful.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: Match.objectLike({
          SecretStringTemplate: '{"current":"v1"}',
          GenerateStringKey: 'v1',
        }),
      }),
    });
  });

  it('lets only the anchors job write anchors, and the cases function read them', () => {
    const policies = stateless.findResources('AWS::IAM::Policy');
    const s3 = Object.entries(policies)
      .map(([id, policy]) => [id, JSON.stringify(policy)] as const)
      .filter(([, text]) => text.includes('s3:GetObject') && text.includes('/anchors/*'));
    const writers = s3.filter(([, text]) => text.includes('s3:PutObject')).map(([id]) => id);
    const readers = s3.map(([id]) => id);
    expect(writers).toEqual([expect.stringMatching(/^AnchorsJob/)]);
    expect(readers.sort()).toEqual([expect.stringMatching(/^AnchorsJob/), expect.stringMatching(/^Cases/)]);
  });

  it('lets the attachments function sign uploads and openings, only the file check read, remove and keep, the redactions read and write kept copies, and the retention job erase versions', () => {
    const statements = (prefix: RegExp) =>
      Object.entries(stateless.findResources('AWS::IAM::Policy'))
        .filter(([id]) => prefix.test(id))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>)
        .filter((statement) => JSON.stringify(statement).includes('FilesBucket'))
        .map((statement) => [statement.Action, JSON.stringify(statement.Resource).match(/\/(\w+)\/\*/)?.[1]]);
    expect(statements(/^AttachmentsFunction/)).toEqual([
      ['s3:PutObject', 'uploads'],
      ['s3:GetObject', 'cases'],
    ]);
    expect(statements(/^FileCheck/)).toEqual([
      [['s3:GetObject', 's3:DeleteObject'], 'uploads'],
      ['s3:PutObject', 'cases'],
    ]);
    expect(statements(/^RedactionsFunction/)).toEqual([[['s3:GetObject', 's3:PutObject'], 'cases']]);
    // The retention job removes every version of a disposed case's objects, and lists only those prefixes.
    expect(statements(/^RetentionJob/)).toEqual([
      ['s3:ListBucketVersions', undefined],
      [['s3:DeleteObject', 's3:DeleteObjectVersion'], 'uploads'],
      [['s3:DeleteObject', 's3:DeleteObjectVersion'], 'cases'],
    ]);
    stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:ListBucketVersions',
            Condition: { StringLike: { 's3:prefix': [`${UPLOADS_PREFIX}*`, 'cases/*'] } },
          }),
        ]),
      },
    });
    const others = Object.entries(stateless.findResources('AWS::IAM::Policy')).filter(
      ([id, policy]) =>
        !/^(Attachments|FileCheck|Redactions|RetentionJob)/.test(id) &&
        JSON.stringify(policy).includes('FilesBucket'),
    );
    expect(others).toEqual([]);
  });

  it("checks each upload on the bucket's EventBridge event, retried, then parked; the bucket sends them", () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [{ 'Fn::ImportValue': 'PetitionDesk-sample-zhuquan-Stateful-FilesBucket' }] },
          object: { key: [{ prefix: UPLOADS_PREFIX }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FileCheck'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 1800 },
          DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
        }),
      ],
    });
    // The region's clamd, reached in its VPC.
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MALWARE_SCANNER: 'clamd',
          CLAMD_ADDRESS: 'clamd.zhuquan.internal:3310',
        }),
      },
      VpcConfig: {
        SubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-1a2b3c4d5e6f70819'],
        SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      },
    });
  });

  it("ships the file check with sharp's Linux arm64 build beside the bundle, sharp left out of the bundle", () => {
    const [check] = Object.values(
      stateless.findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: Match.objectLike({ MALWARE_SCANNER: 'clamd' }) } },
      }),
    ) as Array<{ Properties: { Code: { S3Key: string }; Architectures: string[] } }>;
    expect(check?.Properties.Architectures).toEqual(['arm64']);
    const asset = join(outdir, `asset.${check?.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const modules = join(asset, 'node_modules');
    const installed = JSON.parse(readFileSync(join(projectRoot, 'node_modules/sharp/package.json'), 'utf8'));
    expect(JSON.parse(readFileSync(join(modules, 'sharp/package.json'), 'utf8')).version).toBe(
      installed.version,
    );
    expect(
      existsSync(join(modules, `@img/sharp-linux-arm64/lib/sharp-linux-arm64-${installed.version}.node`)),
    ).toBe(true);
    const libvips = readdirSync(join(modules, '@img/sharp-libvips-linux-arm64/lib'));
    expect(libvips.some((file) => /^libvips-cpp\.so/.test(file))).toBe(true);
    // Nothing for another platform rides along.
    expect(readdirSync(join(modules, '@img')).filter((dir) => /x64|darwin|win32|musl/.test(dir))).toEqual([]);
    // The ELF header of the addon: machine 0xB7 is AArch64.
    const addon = readFileSync(
      join(modules, `@img/sharp-linux-arm64/lib/sharp-linux-arm64-${installed.version}.node`),
    );
    expect(addon.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(addon.readUInt16LE(18)).toBe(0xb7);
    const code = readFileSync(join(asset, 'index.mjs'), 'utf8');
    expect(code).toMatch(/from\s*"sharp"/);
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

  it('serves the citizen pages from a private bucket through CloudFront with origin access control', () => {
    stateless.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    stateless.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it("puts the API behind the same distribution, on the pages' origin, and refuses what goes round it", () => {
    // /config.json names no API URL (no deploy-time value in it): the pages call their own origin.
    const deployment = stateless.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployment)).toHaveLength(1);
    expect(JSON.stringify(deployment)).not.toContain('ApiEndpoint');
    const behaviours = new Capture();
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: behaviours }),
    });
    const byPattern = behaviours.asArray() as Array<{ PathPattern: string; TargetOriginId: string }>;
    const api = apiPathPatterns(routes.map((route) => route.path));
    expect(byPattern.map((b) => b.PathPattern).sort()).toEqual(api);
    expect(api).toEqual(expect.arrayContaining(['/petitions', '/petitions/*', '/cases/*', '/health']));
    expect(byPattern.length).toBeLessThanOrEqual(25);
    const origins = new Capture();
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Origins: origins }),
    });
    const apiOrigin = (origins.asArray() as Array<Record<string, unknown>>).find((o) => o.CustomOriginConfig);
    expect(apiOrigin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: expect.anything() }],
    });
    const sent = JSON.stringify((apiOrigin as { OriginCustomHeaders: unknown[] }).OriginCustomHeaders[0]);
    const withCheck = Object.values(ourFunctions()).filter((fn) =>
      JSON.stringify(fn).includes('ORIGIN_VERIFY_SECRET_ARN'),
    );
    expect(withCheck).toHaveLength(FUNCTION_NAMES.length);
    // CloudFront sends the value of the very secret each function reads (and may read).
    const [secretId] = Object.keys(stateless.findResources('AWS::SecretsManager::Secret')).filter((id) =>
      id.startsWith('OriginVerify'),
    );
    expect(sent).toContain(secretId);
    for (const fn of withCheck) {
      const arn = (
        fn as { Properties: { Environment: { Variables: { ORIGIN_VERIFY_SECRET_ARN: unknown } } } }
      ).Properties.Environment.Variables.ORIGIN_VERIFY_SECRET_ARN;
      expect(arn).toEqual({ Ref: secretId });
    }
    const readers = Object.entries(stateless.findResources('AWS::IAM::Policy'))
      .filter(([, policy]) => JSON.stringify(policy).includes('secretsmanager:GetSecretValue'))
      .map(([id]) => id.replace(/Function.*$/, ''));
    // Besides the API's functions, only the retention job reads a secret: the pepper.
    expect(readers.sort()).toEqual(
      [...FUNCTION_NAMES.map((n) => `${n[0]?.toUpperCase()}${n.slice(1)}`), 'RetentionJob'].sort(),
    );
  });

  it("serves the site on the region's own domain and certificate, TLS 1.2 or newer", () => {
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['xinfang.zhuquan.example.gov'],
        ViewerCertificate: {
          AcmCertificateArn: Match.stringLikeRegexp('^arn:aws:acm:us-east-1:'),
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });

  it('sends the security headers on every page through a CloudFront response-headers policy', () => {
    const policy = new Capture();
    stateless.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: policy, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
          }),
        },
        CustomHeadersConfig: {
          Items: [Match.objectLike({ Header: 'Permissions-Policy' })],
        },
      }),
    });
    // The files bucket's name is the stateful stack's export, joined in at deployment.
    const joined = policy.asObject() as {
      'Fn::Join': [string, Array<string | { 'Fn::ImportValue': string }>];
    };
    const csp = joined['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : `<${part['Fn::ImportValue']}>`))
      .join('');
    const files = 'https://<PetitionDesk-sample-zhuquan-Stateful-FilesBucket>.s3.ap-east-1.amazonaws.com';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // The API is on the pages' own origin; the console also talks to the region's provider, and
    // uploads go straight to the files bucket, whose checked photos the console shows.
    expect(csp).toContain(`connect-src 'self' https://id.zhuquan.example.gov ${files};`);
    expect(csp).toContain(`img-src 'self' data: ${files};`);
    expect(csp).not.toContain('ApiEndpoint');
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('SecurityHeaders') },
        }),
      }),
    });
  });

  it('allows CORS only from the web origin', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://xinfang.zhuquan.example.gov'] }),
    });
  });
});

describe('operations', () => {
  it('throttles the API and writes access logs without bodies or caller addresses', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.not(Match.stringLikeRegexp('sourceIp')),
      },
    });
  });

  it('alarms on errors and throttles of every function, schedule dead letters and overdue deadlines', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { MetricName: string; Namespace: string };
    }>;
    const byMetric = (name: string) => alarms.filter((a) => a.Properties.MetricName === name).length;
    expect(byMetric('Errors')).toBe(EVERY_FUNCTION);
    expect(byMetric('Throttles')).toBe(EVERY_FUNCTION);
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toBe(1);
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PetitionDesk',
      MetricName: 'OverdueDeadlines',
      Dimensions: [{ Name: 'jurisdiction', Value: 'sample-zhuquan' }],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^StaffAlerts') }],
    });
  });

  it('grants the table and each named index, never index/*', () => {
    const statements = JSON.stringify(stateless.findResources('AWS::IAM::Policy'));
    expect(statements).toContain('/index/GSI1');
    expect(statements).toContain('/index/DUE');
    expect(statements).not.toContain('/index/*');
  });

  it('traces every function and parks failed scheduled runs in the dead-letter queue', () => {
    for (const fn of Object.values(ourFunctions()) as Array<{ Properties: Record<string, unknown> }>) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    const withDlq = stateless.findResources('AWS::Lambda::Function', {
      Properties: { DeadLetterConfig: { TargetArn: Match.anyValue() } },
    });
    expect(Object.keys(withDlq)).toHaveLength(SCHEDULED_FUNCTIONS.length);
  });

  it("runs each stream consumer on the table's keys-only stream, filtered, failed records alone to the queue", () => {
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
    const mappings = Object.values(stateless.findResources('AWS::Lambda::EventSourceMapping')) as Array<{
      Properties: Record<string, unknown>;
    }>;
    expect(mappings).toHaveLength(streamConsumers.length);
    for (const consumer of streamConsumers) {
      expect(mappings.map((m) => m.Properties)).toContainEqual(
        expect.objectContaining({
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify(consumer.filter) }] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: 3,
          DestinationConfig: { OnFailure: { Destination: expect.anything() } },
        }),
      );
    }
  });
});

describe('the edge firewall', () => {
  it("limits each IP address on the public routes to the region file's figure per 5 minutes, answering 429 in the API's shape", () => {
    const firewall = Template.fromStack(stacks.firewall as EdgeFirewallStack);
    const rule = new Capture();
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [rule],
    });
    expect(rule.asObject()).toMatchObject({
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          EvaluationWindowSec: loadRegionConfig(SAMPLE_REGION_FILE).clientLimits.perAddress.seconds,
          Limit: loadRegionConfig(SAMPLE_REGION_FILE).clientLimits.perAddress.requests,
          ScopeDownStatement: {
            OrStatement: {
              Statements: PUBLIC_PATH_PREFIXES.map((prefix) => ({
                ByteMatchStatement: expect.objectContaining({
                  SearchString: prefix,
                  PositionalConstraint: 'STARTS_WITH',
                }),
              })),
            },
          },
        },
      },
      Action: { Block: { CustomResponse: expect.objectContaining({ ResponseCode: 429 }) } },
    });
    const body = new Capture();
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', { CustomResponseBodies: { tooManyRequests: body } });
    const content = JSON.parse((body.asObject() as { Content: string }).Content);
    expect(content.error).toMatchObject({
      code: 'too_many_requests',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(stacks.firewall?.region).toBe('us-east-1');
    // Every public route is one the rule watches, but the SMS providers' delivery reports: they
    // come in bursts from the provider's few addresses, and a wrong URL token costs one compare.
    for (const route of routes.filter(
      (r) =>
        r.access === 'public' &&
        !['/health', '/config/public', '/openapi.json'].includes(r.path) &&
        !r.path.startsWith('/sms/reports/'),
    )) {
      expect(PUBLIC_PATH_PREFIXES.some((prefix) => route.path.startsWith(prefix))).toBe(true);
    }
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }),
    });
  });

  it('is absent in the China partition, where the pages call the API at its own URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-cn-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      const cn = buildStacks(app, 'sample-zhuquan-cn');
      const template = Template.fromStack(cn.stateless);
      expect(cn.firewall).toBeUndefined();
      template.hasResourceProperties('Custom::CDKBucketDeployment', {
        SourceMarkers: Match.arrayWith([
          Match.objectLike({
            '<<marker:0xbaba:0>>': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiEndpoint'] },
          }),
        ]),
      });
      expect(JSON.stringify(template.toJSON())).not.toContain('ORIGIN_VERIFY');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it.each(['sample-zhuquan', 'sample-zhuquan-cn'])('finds nothing unacknowledged in %s', (region) => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-nag-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      buildStacks(app, region);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

      // A finding of either pack fails the synthesis with ValidationFailed.
      expect(() => app.synth()).not.toThrow();
      const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8')) as {
        pluginReports: Array<{ violations: unknown[] }>;
      };
      expect(report.pluginReports.flatMap((p) => p.violations)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** What CloudFormation makes of an ARN in a region: the partition pseudo parameter resolved. */
function resolvePartition(value: unknown, partition: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolvePartition(v, partition));
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (object.Ref === 'AWS::Partition') return partition;
    const join = object['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) {
      const parts = join[1].map((p) => resolvePartition(p, partition));
      return parts.every((p) => typeof p === 'string')
        ? parts.join(join[0])
        : { 'Fn::Join': [join[0], parts] };
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolvePartition(v, partition)]));
  }
  return value;
}

describe('staff sign-in', () => {
  it("tells the console the region's provider and its client in /config.json", () => {
    // Static data: CDK writes config.json into an asset folder of the synthesised output.
    const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('config.json'),
    );
    const configs = files.map(
      (f) => JSON.parse(readFileSync(join(outdir, f), 'utf8')) as Record<string, unknown>,
    );
    expect(configs).toContainEqual({
      apiUrl: '',
      staffSignIn: {
        issuer: 'https://id.zhuquan.example.gov/realms/staff',
        clientId: 'petition-desk-console',
      },
    });
  });

  it('passes the roles claim and the role map of a region that has them to every function with staff routes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-cn-auth-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      const cn = Template.fromStack(buildStacks(app, 'sample-zhuquan-cn').stateless);
      const functions = cn.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: { Variables: Match.objectLike({ REGION_CONFIG_FILE: Match.anyValue() }) },
        },
      });
      const variables = Object.values(functions)
        .map(
          (f) =>
            (f as { Properties: { Environment: { Variables: Record<string, string> } } }).Properties
              .Environment.Variables,
        )
        .filter((v) => v.AUTH_ISSUER);
      expect(variables.length).toBe(
        new Set(routes.filter((r) => forStaff(r.access)).map((r) => r.function)).size,
      );
      for (const v of variables) {
        expect(v.AUTH_ROLES_CLAIM).toBe('realm_access.roles');
        expect(JSON.parse(v.AUTH_ROLE_MAP as string)).toMatchObject({ 'xinfang-clerk': 'clerk' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the China partition', () => {
  it('builds the site only from what CloudFront there offers, and fails on what it lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-cn-site-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      const cn = Template.fromStack(buildStacks(app, 'sample-zhuquan-cn').stateless);
      // Not offered there (docs.amazonaws.cn, "Amazon CloudFront"; CloudFormation refuses the
      // resource type or CloudFront the parameter).
      for (const type of [
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::CachePolicy',
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::CloudFront::Function',
        'AWS::WAFv2::WebACL',
        'AWS::CertificateManager::Certificate',
      ]) {
        expect(Object.keys(cn.findResources(type)), type).toEqual([]);
      }
      const distribution = JSON.stringify(cn.findResources('AWS::CloudFront::Distribution'));
      for (const key of [
        'CachePolicyId',
        'OriginRequestPolicyId',
        'ResponseHeadersPolicyId',
        'OriginAccessControlId',
        'AcmCertificateArn',
        'WebACLId',
        'LambdaFunctionAssociations',
        'FunctionAssociations',
      ]) {
        expect(distribution, key).not.toContain(`"${key}"`);
      }
      // Lambda there has no X-Ray integration: no function traces.
      const functions = Object.values(cn.findResources('AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) expect(fn.Properties.TracingConfig).toBeUndefined();
      // What it has: an origin access identity, the ICP-registered domain, an IAM certificate.
      cn.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
      cn.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['xinfang.zhuquan.example.gov.cn'],
          ViewerCertificate: {
            IamCertificateId: 'ASCAEXAMPLECERT0001ZQ',
            SslSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
          DefaultCacheBehavior: Match.objectLike({
            ForwardedValues: { QueryString: false },
            ViewerProtocolPolicy: 'redirect-to-https',
          }),
        }),
      });
      // No header can carry the pages' policy there: each page carries it.
      const page = readFileSync(join(projectRoot, 'web', 'dist-meta', 'console.html'), 'utf8');
      expect(page).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends petitioners SMS through the named provider there, its key pair in a secret only the notices job reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-cn-sms-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      const built = buildStacks(app, 'sample-zhuquan-cn');
      const cn = Template.fromStack(built.stateless);
      // The pepper, the SMS key pair, and the organ's document-signing key.
      Template.fromStack(built.stateful).resourceCountIs('AWS::SecretsManager::Secret', 3);
      const notices = Object.values(
        cn.findResources('AWS::Lambda::Function', {
          Properties: { Environment: { Variables: Match.objectLike({ NOTICE_DELIVERY: 'sms' }) } },
        }),
      ) as Array<{ Properties: { Environment: { Variables: Record<string, unknown> } } }>;
      expect(notices).toHaveLength(1);
      const variables = notices[0]?.Properties.Environment.Variables ?? {};
      expect(variables).toMatchObject({
        SMS_PROVIDER: 'tencent',
        SMS_SIGN_NAME: '珠泉县信访局',
        SMS_APP_ID: '1400123456',
      });
      expect(Object.keys(JSON.parse(String(variables.SMS_TEMPLATES)))).toHaveLength(NOTICE_TYPES.length);
      expect(JSON.stringify(variables.SMS_SECRET_ARN)).toContain('SmsCredentials');
      // No SNS SMS there: nothing may publish to a phone number.
      const statements = Object.values(cn.findResources('AWS::IAM::Policy')).flatMap(
        (p) =>
          (p as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties
            .PolicyDocument.Statement,
      );
      expect(statements.filter((st) => st.Action === 'sns:Publish' && st.Resource === '*')).toEqual([]);
      expect(statements.filter((st) => st.Action === 'sns:Publish')).toHaveLength(1);
      // The delivery reports' URL token reaches the intake function only, by the secret's ARN.
      const withToken = Object.values(
        cn.findResources('AWS::Lambda::Function', {
          Properties: {
            Environment: { Variables: Match.objectLike({ SMS_REPORT_TOKEN_SECRET_ARN: Match.anyValue() }) },
          },
        }),
      );
      expect(withToken).toHaveLength(1);
      expect(JSON.stringify(cn.findResources('AWS::Lambda::Function'))).not.toContain(
        'resolve:secretsmanager',
      );
      const secretReaders = Object.values(cn.findResources('AWS::IAM::Policy')).filter((policy) =>
        JSON.stringify(policy).includes('SmsCredentials'),
      );
      expect(secretReaders).toHaveLength(1);
      // The signing key: the documents function alone reads it.
      const signers = Object.values(cn.findResources('AWS::IAM::Policy')).filter((policy) =>
        JSON.stringify(policy).includes('DocumentSigningKey'),
      );
      expect(signers).toHaveLength(1);
      expect(JSON.stringify(signers[0])).toContain('Documents');
      // Its bundle carries Tencent's SDK, not Alibaba's (1.9 MB with both).
      const code = bundleOf(dir, notices[0] as never);
      expect([code.includes('tencentcloudapi.com'), code.includes('aliyuncs.com')]).toEqual([true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a deployment file that asks a partition for a certificate it does not take', () => {
    const china = { name: 'x', regionConfig: 'r', auth: {} as never, webOrigin: 'https://x.cn' };
    const standard = { ...china, aws: { region: 'ap-east-1' } };
    const inChina = { ...china, aws: { region: 'cn-north-1' } };
    expect(partitionProblem({ ...inChina, site: undefined } as never)).toMatch(/China partition needs/);
    expect(
      partitionProblem({
        ...inChina,
        site: { domainName: 'x.cn', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/a' },
      } as never),
    ).toMatch(/iamCertificateId/);
    const chinaSite = { domainName: 'x.cn', iamCertificateId: 'ASCA1234567890ABCD' };
    const tencent = {
      provider: 'tencent',
      signName: '某县信访局',
      appId: '1400000001',
      templates: { accepted: '1' },
    };
    expect(partitionProblem({ ...inChina, site: chinaSite, sms: tencent } as never)).toBeUndefined();
    // SNS sends no SMS there; a provider needs its sign, templates (and Tencent its app).
    expect(partitionProblem({ ...inChina, site: chinaSite } as never)).toMatch(/SNS sends no SMS/);
    expect(partitionProblem({ ...inChina, site: chinaSite, sms: { provider: 'sns' } } as never)).toMatch(
      /SNS/,
    );
    expect(
      partitionProblem({ ...inChina, site: chinaSite, sms: { ...tencent, templates: {} } } as never),
    ).toMatch(/templates/);
    expect(
      partitionProblem({ ...inChina, site: chinaSite, sms: { ...tencent, appId: undefined } } as never),
    ).toMatch(/appId/);
    expect(
      partitionProblem({
        ...standard,
        site: { domainName: 'x.gov', iamCertificateId: 'ASCA1234567890ABCD' },
      } as never),
    ).toMatch(/standard partition takes certificateArn/);
    expect(partitionProblem({ ...standard, site: undefined } as never)).toBeUndefined();
  });

  it('puts every ARN in aws-cn once CloudFormation resolves it in cn-north-1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petition-desk-cn-'));
    try {
      const app = new App({ outdir: dir, builtinCloudFormationValidation: false } as never);
      const stacks = buildStacks(app, 'sample-zhuquan-cn');
      const templates = [stacks.stateful, stacks.stateless].map((s) => Template.fromStack(s).toJSON());

      expect(stacks.stateless.region).toBe('cn-north-1');
      const text = JSON.stringify(templates.map((t) => resolvePartition(t, 'aws-cn')));
      const arns = text.match(/arn:[a-z-]+:/g) ?? [];
      expect(arns.length).toBeGreaterThan(0);
      expect(new Set(arns)).toEqual(new Set(['arn:aws-cn:']));
      expect(JSON.stringify(templates)).not.toContain('arn:aws:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
