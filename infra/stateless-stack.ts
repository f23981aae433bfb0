// The stateless stack: the HTTP API and the functions behind it, wired from the route table.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Schedule as EventSchedule, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { awsHost } from '../functions/aws/signed-request.ts';
import { forStaff } from '../functions/http/define-route.ts';
import { FUNCTION_NAMES, type FunctionName, routes } from '../functions/routes.ts';
import { SCHEDULED_FUNCTIONS, type ScheduledFunctionName, schedules } from '../functions/schedules.ts';
import { STREAM_FUNCTIONS, type StreamFunctionName, streamConsumers } from '../functions/streams.ts';
import { UPLOADS_PREFIX } from '../shared/domain/attachments.ts';
import { PetitionAlarms } from './alarms.ts';
import { CitizenSite } from './citizen-site.ts';
import { type DeploymentConfig, inChinaPartition } from './deployment-config.ts';
import { DOCUMENT_FONT, SEAL_IN_BUNDLE, sealFileOf } from './document-font.ts';
import { lambdaNodeModules } from './native-modules.ts';
import { OPENAPI_IN_BUNDLE, writeOpenApiFile } from './openapi-file.ts';
import { PetitionFunction } from './petition-function.ts';

export interface StatelessStackProps extends StackProps {
  deployment: DeploymentConfig;
  table: ITableV2;
  /** The personal-data pepper ring (StatefulStack.pepper). */
  pepper: ISecret;
  /** The organ's document-signing key (StatefulStack.documentSigningKey). */
  documentSigningKey: ISecret;
  /** The SMS provider's key pair (StatefulStack.smsCredentials), where the region names one. */
  smsCredentials?: ISecret;
  /** The export that names the anchors' bucket (StatefulStack.anchorsExport). */
  anchorsExport: string;
  /** The export that names the files bucket (StatefulStack.filesExport): its events start each upload's check. */
  filesExport: string;
  /**
   * The edge firewall's web ACL (us-east-1): the API then sits behind the site's CloudFront
   * distribution, on the pages' origin, and refuses requests that went round it. Without one
   * (the China partition) the pages call the API at its own URL.
   */
  webAclArn?: string;
}

/** Which functions only read: least privilege per job. */
const READ_ONLY: ReadonlySet<FunctionName> = new Set(['meta', 'reports']);
/** Which functions hash personal data (matching, receipts, cursors), and so may read the pepper. */
const HASHING: ReadonlySet<FunctionName> = new Set([
  'intake',
  'cases',
  'reception',
  'attachments',
  'documents',
  'open311',
]);

const servesStaff = (name: FunctionName) =>
  routes.some((route) => route.function === name && forStaff(route.access));

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<FunctionName, PetitionFunction>;
  readonly scheduled: Record<ScheduledFunctionName, PetitionFunction>;
  readonly streamed: Record<StreamFunctionName, PetitionFunction>;
  readonly fileCheck: PetitionFunction;
  readonly staffAlerts: Topic;
  readonly site: CitizenSite;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { deployment } = props;
    // The staff-token slice goes only to the functions that serve staff routes.
    const staffAuth = {
      AUTH_ISSUER: deployment.auth.issuer,
      AUTH_AUDIENCE: deployment.auth.audience,
      AUTH_JWKS_URL: deployment.auth.jwksUrl,
      ...(deployment.auth.rolesClaim && { AUTH_ROLES_CLAIM: deployment.auth.rolesClaim }),
      ...(deployment.auth.roleMap && { AUTH_ROLE_MAP: JSON.stringify(deployment.auth.roleMap) }),
    };
    const tracing = !inChinaPartition(deployment.aws.region);
    // Built from the route list now, beside the meta function's bundle (it serves the file).
    const openApiFile = writeOpenApiFile(
      deployment.region,
      mkdtempSync(join(tmpdir(), `petition-desk-openapi-${deployment.name}-`)),
    );
    const seal = sealFileOf(deployment.regionConfigPath);
    this.functions = Object.fromEntries(
      FUNCTION_NAMES.map((name) => {
        const fn = new PetitionFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, {
          entry: name,
          regionConfigPath: deployment.regionConfigPath,
          environment: servesStaff(name) ? staffAuth : {},
          tracing,
          ...(name === 'meta' && {
            files: [{ from: openApiFile, name: OPENAPI_IN_BUNDLE, variable: 'OPENAPI_FILE' }],
          }),
          ...(name === 'documents' && {
            files: [
              { from: DOCUMENT_FONT.file, name: DOCUMENT_FONT.inBundle, variable: 'DOCUMENT_FONT_FILE' },
              ...(seal ? [{ from: seal, name: SEAL_IN_BUNDLE, variable: 'DOCUMENT_SEAL_FILE' }] : []),
            ],
            // Parsing the 10 MB font and setting a page: more memory is more CPU.
            memorySize: 1024,
          }),
          ...(name === 'redactions' && {
            nativeModules: { names: ['sharp'], from: lambdaNodeModules(['sharp'], 'arm64') },
            memorySize: 1024,
          }),
        }).useTable(props.table, READ_ONLY.has(name) ? 'read' : 'readWrite');
        if (name === 'documents') fn.useSecret('DOCUMENT_SIGNING_KEY_SECRET_ARN', props.documentSigningKey);
        return [name, HASHING.has(name) ? fn.usePepper(props.pepper) : fn];
      }),
    ) as Record<FunctionName, PetitionFunction>;

    this.api = new HttpApi(this, 'Api', {
      apiName: `petition-desk-${deployment.name}`,
      corsPreflight: {
        allowOrigins: [deployment.webOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
      },
      createDefaultStage: false,
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public routes (the web form, status by receipt code, reception days) need no token; staff routes verify the JWT in the handler, the same code locally and on AWS, against the region identity provider (which may not offer OIDC discovery in the China partition).',
    });
    // One stage, throttled, with JSON access logs (no bodies: they carry personal data).
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.SIX_MONTHS });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: false,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
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

    // Scheduled jobs: EventBridge retries a failed run, then parks the event in a queue.
    const deadLetters = new Queue(this, 'ScheduleDeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(deadLetters).acknowledge({
        id,
        reason:
          'This queue is itself the dead-letter queue of the scheduled jobs; an alarm watches its depth.',
      });
    }
    // Jobs: scheduled runs (EventBridge retries, then parks the event) and stream consumers
    // (Lambda retries a failed record alone, then parks it), both in the same queue.
    const jobs = <N extends string>(names: readonly N[], suffix: string, dlq?: Queue) =>
      Object.fromEntries(
        names.map((name) => [
          name,
          new PetitionFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}${suffix}`, {
            entry: name,
            regionConfigPath: deployment.regionConfigPath,
            environment: {},
            tracing,
            // A disposal erases case files one by one: the retention run gets the longest.
            timeout: Duration.minutes(name === 'retention' ? 15 : 1),
            ...(dlq && { deadLetterQueue: dlq }),
            // The notices job carries the SDK of the region's SMS provider only (sns: neither).
            ...(name === 'notices' && {
              define: {
                'process.env.SMS_PROVIDER_BUNDLED': JSON.stringify(deployment.sms?.provider ?? 'sns'),
              },
            }),
          }).useTable(props.table, 'readWrite'),
        ]),
      ) as Record<N, PetitionFunction>;
    this.scheduled = jobs(SCHEDULED_FUNCTIONS, 'Job', deadLetters);
    this.streamed = jobs(STREAM_FUNCTIONS, 'Stream');
    for (const consumer of streamConsumers) {
      this.streamed[consumer.function].function.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 10,
          filters: [FilterCriteria.filter(consumer.filter)],
          retryAttempts: 3,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(deadLetters),
        }),
      );
    }
    // Escalations reach staff through a topic the region subscribes its people to.
    this.staffAlerts = new Topic(this, 'StaffAlerts', {
      enforceSSL: true,
      displayName: 'petition-desk staff alerts',
    });
    if (props.smsCredentials) this.smsReportsUrlToken();
    this.scheduled.notices.useNoticeDelivery(
      this.staffAlerts,
      deployment.sms && props.smsCredentials && { ...deployment.sms, credentials: props.smsCredentials },
    );
    // The anchors job writes the daily anchor; the cases function reads it to check timelines.
    this.scheduled.anchors.useAnchors(props.anchorsExport, 'write');
    this.functions.cases.useAnchors(props.anchorsExport, 'read');
    this.functions.attachments.useFiles(props.filesExport, 'forms');
    this.functions.redactions.useFiles(props.filesExport, 'redact');
    this.scheduled.retention.useFiles(props.filesExport, 'erase').usePepper(props.pepper);
    this.fileCheck = this.uploadsChecked(props, deadLetters);
    // SMS through SNS is published to a phone number, without a topic: the grant cannot name one.
    if (!props.smsCredentials) {
      this.scheduled.notices.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['sns:Publish'],
          resources: ['*'],
          conditions: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      );
    }
    this.site = new CitizenSite(this, 'CitizenSite', {
      apiUrl: this.api.apiEndpoint,
      filesOrigin: `https://${awsHost(`${Fn.importValue(props.filesExport)}.s3`, deployment.aws.region)}`,
      language: deployment.region.region.language,
      staffSignIn: {
        issuer: deployment.auth.issuer,
        clientId: deployment.auth.consoleClientId,
        ...(deployment.auth.resource && { resource: deployment.auth.resource }),
      },
      ...(deployment.site && { domain: deployment.site }),
      ...(props.webAclArn && { edge: { webAclArn: props.webAclArn, ...this.behindEdge() } }),
    });
    new PetitionAlarms(this, 'Alarms', {
      functions: [
        ...Object.values(this.functions),
        ...Object.values(this.scheduled),
        ...Object.values(this.streamed),
        this.fileCheck,
      ].map((f) => f.function),
      deadLetters,
      alarmTopic: this.staffAlerts,
      jurisdiction: deployment.region.region.code,
    });
    for (const schedule of schedules) {
      new Rule(this, `${schedule.function}-schedule`, {
        description: schedule.description,
        schedule: EventSchedule.rate(Duration.minutes(schedule.everyMinutes)),
        targets: [
          new LambdaFunction(this.scheduled[schedule.function].function, {
            retryAttempts: 2,
            maxEventAge: Duration.minutes(10),
            deadLetterQueue: deadLetters,
          }),
        ],
      });
    }
  }

  /**
   * The file-check function, on each upload's "Object Created" event (EventBridge; retried, then
   * parked with the jobs' dead letters). It carries sharp built for its architecture (arm64).
   */
  private uploadsChecked(
    { deployment, table, filesExport }: StatelessStackProps,
    deadLetters: Queue,
  ): PetitionFunction {
    const scanner = deployment.malwareScanner;
    const vpc = scanner.vpc;
    const check = new PetitionFunction(this, 'FileCheck', {
      entry: 'file-check',
      regionConfigPath: deployment.regionConfigPath,
      environment: { MALWARE_SCANNER: 'clamd', CLAMD_ADDRESS: scanner.clamd },
      tracing: !inChinaPartition(deployment.aws.region),
      // Decoding a 48 MP photo: sharp uses the memory and the CPU that comes with it.
      memorySize: 2048,
      timeout: Duration.minutes(1),
      nativeModules: { names: ['sharp'], from: lambdaNodeModules(['sharp'], 'arm64') },
      ...(vpc && {
        network: {
          vpc: Vpc.fromVpcAttributes(this, 'ScannerVpc', {
            vpcId: vpc.vpcId,
            availabilityZones: vpc.availabilityZones,
            privateSubnetIds: vpc.subnetIds,
          }),
          securityGroup: SecurityGroup.fromSecurityGroupId(this, 'ScannerAccess', vpc.securityGroupId),
        },
      }),
    })
      .useTable(table, 'readWrite')
      .useFiles(filesExport, 'check');
    new Rule(this, 'UploadArrived', {
      description: 'Each upload to the files bucket is checked before anyone may open it',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [Fn.importValue(filesExport)] },
          object: { key: [{ prefix: UPLOADS_PREFIX }] },
        },
      },
      targets: [
        new LambdaFunction(check.function, {
          retryAttempts: 4,
          maxEventAge: Duration.minutes(30),
          deadLetterQueue: deadLetters,
        }),
      ],
    });
    return check;
  }

  /**
   * The token in the URL the SMS provider pushes delivery reports to (the providers do not sign
   * them): generated; the intake function reads it from the secret at cold start (as the pepper),
   * and the administrator reads it to register `/sms/reports/<provider>?token=...` with the provider.
   */
  private smsReportsUrlToken() {
    const token = new Secret(this, 'SmsReportToken', {
      description: 'The token of the SMS delivery-report URL (/sms/reports/<provider>?token=...).',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(token).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotated by replacing the secret and registering the new URL with the provider.',
    });
    this.functions.intake.useSecret('SMS_REPORT_TOKEN_SECRET_ARN', token);
  }

  /** The API's origin for CloudFront, and the header value only CloudFront sends it. */
  private behindEdge() {
    const originVerify = new Secret(this, 'OriginVerify', {
      description:
        'The x-origin-verify value CloudFront sends the API: requests without it went round the firewall.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by a stack update (replace the secret): CloudFront and the functions take the new value together.',
    });
    // The functions read it from the secret at cold start; CloudFront's origin header can only
    // carry the value (a dynamic reference resolved at deploy: no stage of the build sees it).
    for (const fn of Object.values(this.functions)) fn.useSecret('ORIGIN_VERIFY_SECRET_ARN', originVerify);
    return {
      apiDomain: `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      originVerify: originVerify.secretValue.unsafeUnwrap(),
    };
  }
}
