// The project's Lambda defaults in one construct: arm64, Node.js 22, ESM bundles built
// locally by esbuild (no Docker), minified with the AWS SDK inside, external source maps,
// the region file beside the code, log retention, and table access granted with its env var.

import { resolve } from 'node:path';
import { Aws, Duration, Fn, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KEPT_PREFIX, UPLOADS_PREFIX } from '../shared/domain/attachments.ts';
import { tableDefinition } from '../shared/store/table-definition.ts';
import { bundleOptions, credentialsShim } from './bundle-options.ts';
import { projectRoot } from './deployment-config.ts';

export interface PetitionFunctionProps {
  /** The function's folder under functions/ (its entry is handler.ts there). */
  entry: string;
  regionConfigPath: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Asynchronous (scheduled) functions park failed events here; HTTP ones answer the caller. */
  deadLetterQueue?: IQueue;
  /** Files that go beside the bundle (a font), each named in the environment by its path there. */
  files?: Array<{ from: string; name: string; variable: string }>;
  /** Constants the build puts in the code (esbuild's define), so the bundle drops what it cannot reach. */
  define?: Record<string, string>;
  /** X-Ray tracing: Lambda in the China partition has no X-Ray integration. */
  tracing: boolean;
  /** Packages with native code, left out of the bundle and copied from `from`/node_modules (native-modules.ts). */
  nativeModules?: { names: string[]; from: string };
  /** A VPC the function joins (to reach a service the region runs there), in its private subnets. */
  network?: { vpc: IVpc; securityGroup: ISecurityGroup };
}

export const REGION_FILE_IN_BUNDLE = 'region.json';

export class PetitionFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: PetitionFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.SIX_MONTHS });
    this.function = new NodejsFunction(this, 'Function', {
      entry: resolve(projectRoot, 'functions', props.entry, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      ...(props.deadLetterQueue && { deadLetterQueue: props.deadLetterQueue }),
      architecture: Architecture.ARM_64,
      ...(props.network && {
        vpc: props.network.vpc,
        vpcSubnets: { subnets: props.network.vpc.privateSubnets },
        securityGroups: [props.network.securityGroup],
      }),
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: {
        ...props.environment,
        REGION_CONFIG_FILE: `/var/task/${REGION_FILE_IN_BUNDLE}`,
        ...Object.fromEntries((props.files ?? []).map((f) => [f.variable, `/var/task/${f.name}`])),
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: bundleOptions.minify,
        // No source map: with --enable-source-maps Node parses it at load (about 1.2x the cold
        // load here), and without the flag it is dead weight in the zip. The bundle of a commit
        // can be rebuilt with maps (`npm run synth`) to read a stack trace.
        sourceMap: false,
        target: bundleOptions.target,
        externalModules: props.nativeModules?.names ?? [],
        mainFields: [...bundleOptions.mainFields],
        banner: bundleOptions.banner,
        ...(props.define && { define: props.define }),
        // The CDK has a `charset` prop but does not pass it to esbuild: Chinese text would ship
        // as \uXXXX escapes, twice the bytes.
        esbuildArgs: {
          [`--alias:${credentialsShim.package}`]: credentialsShim.replacement,
          '--charset': bundleOptions.charset,
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) => [
            `cp "${props.regionConfigPath}" "${output}/${REGION_FILE_IN_BUNDLE}"`,
            ...(props.files ?? []).map((f) => `cp "${f.from}" "${output}/${f.name}"`),
            ...(props.nativeModules
              ? [`cp -R "${props.nativeModules.from}/node_modules" "${output}/node_modules"`]
              : []),
          ],
        },
      },
    });
    // cdk-nag findings this construct answers by design, each with its reason.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets the function write its own logs; scoping it by hand adds nothing.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray trace segments have no resource to name; nor has SMS to a phone number (the notices job).',
    });
    if (!props.tracing) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason: 'Lambda in the China partition has no X-Ray integration.',
      });
    }
    if (props.network) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason:
          'AWSLambdaVPCAccessExecutionRole only lets the function manage its own network interfaces in the VPC it joins.',
      });
    }
    if (!props.deadLetterQueue) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by API Gateway: the caller gets the error; a DLQ only serves asynchronous invocations.',
      });
    }
  }

  /**
   * Staff alerts to the topic; petitioners' SMS through SNS, or through the region's provider
   * (its sign, templates and the secret holding its key pair).
   */
  useNoticeDelivery(
    staffAlerts: ITopic,
    provider?: {
      provider: string;
      signName?: string;
      appId?: string;
      providerRegion?: string;
      templates?: Record<string, string>;
      credentials: ISecret;
    },
  ): this {
    this.function.addEnvironment('STAFF_ALERT_TOPIC_ARN', staffAlerts.topicArn);
    staffAlerts.grantPublish(this.function);
    if (!provider) {
      this.function.addEnvironment('NOTICE_DELIVERY', 'sns');
      return this;
    }
    const settings: Record<string, string | undefined> = {
      NOTICE_DELIVERY: 'sms',
      SMS_PROVIDER: provider.provider,
      SMS_SIGN_NAME: provider.signName,
      SMS_APP_ID: provider.appId,
      SMS_PROVIDER_REGION: provider.providerRegion,
      SMS_TEMPLATES: JSON.stringify(provider.templates ?? {}),
      SMS_SECRET_ARN: provider.credentials.secretArn,
    };
    for (const [name, value] of Object.entries(settings))
      if (value) this.function.addEnvironment(name, value);
    provider.credentials.grantRead(this.function);
    return this;
  }

  /** The pepper ring, for a function that hashes personal data: read at cold start, by no other. */
  usePepper(secret: ISecret): this {
    return this.useSecret('PEPPER_SECRET_ARN', secret);
  }

  /** A secret the function reads at cold start: its ARN in the environment (never its value), and the grant. */
  useSecret(variable: string, secret: ISecret): this {
    this.function.addEnvironment(variable, secret.secretArn);
    secret.grantRead(this.function);
    return this;
  }

  /**
   * The files bucket: its name in the environment, and the least each side needs. The forms'
   * side signs uploads into uploads/ and opening links into cases/; the check reads and removes
   * an upload and writes the kept copy; redaction reads a kept copy and writes its redacted one.
   */
  useFiles(bucketExport: string, side: 'forms' | 'check' | 'redact' | 'erase'): this {
    const bucket = Fn.importValue(bucketExport);
    this.function.addEnvironment('FILES_BUCKET', bucket);
    const grants = {
      forms: [
        { actions: ['s3:PutObject'], prefix: UPLOADS_PREFIX },
        { actions: ['s3:GetObject'], prefix: KEPT_PREFIX },
      ],
      check: [
        { actions: ['s3:GetObject', 's3:DeleteObject'], prefix: UPLOADS_PREFIX },
        { actions: ['s3:PutObject'], prefix: KEPT_PREFIX },
      ],
      redact: [{ actions: ['s3:GetObject', 's3:PutObject'], prefix: KEPT_PREFIX }],
      // A disposal removes every version of a case's objects (the bucket keeps versions).
      erase: [
        { actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], prefix: UPLOADS_PREFIX },
        { actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], prefix: KEPT_PREFIX },
      ],
    }[side];
    if (side === 'erase') {
      // Listing versions is granted on the bucket, narrowed to the prefixes a disposal lists.
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucketVersions'],
          resources: [`arn:${Aws.PARTITION}:s3:::${bucket}`],
          conditions: { StringLike: { 's3:prefix': [`${UPLOADS_PREFIX}*`, `${KEPT_PREFIX}*`] } },
        }),
      );
    }
    for (const { actions, prefix } of grants) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions, resources: [`arn:${Aws.PARTITION}:s3:::${bucket}/${prefix}*`] }),
      );
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketExport}/${prefix}*]`,
        reason: `One object per file under ${prefix} (its key is chosen when the file is added), nothing else.`,
      });
    }
    return this;
  }

  /** The daily anchors' bucket: its name in the environment, and a grant to read or to write once. */
  useAnchors(bucketExport: string, access: 'read' | 'write'): this {
    const objects = `arn:${Aws.PARTITION}:s3:::${Fn.importValue(bucketExport)}/anchors/*`;
    this.function.addEnvironment('ANCHOR_BUCKET', Fn.importValue(bucketExport));
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'],
        resources: [objects],
      }),
    );
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketExport}/anchors/*]`,
      reason: 'One anchor object per day under anchors/ (the days are not known in advance), nothing else.',
    });
    return this;
  }

  /**
   * Binds the table: its name in the environment and the grant, in one call. The grant names
   * the table and each of its indexes (no `index/*`), with only the item actions the store uses.
   */
  useTable(table: ITableV2, access: 'read' | 'readWrite'): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    const read = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
    ];
    const write = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: [
          table.tableArn,
          ...tableDefinition.globalSecondaryIndexes.map(
            (index) => `${table.tableArn}/index/${index.indexName}`,
          ),
        ],
      }),
    );
    return this;
  }
}
