// The stateful stack: the one table, built from the shared table definition, and the
// write-once bucket of the timelines' daily anchors. Both retained on stack deletion.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectLockRetention,
} from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { UPLOADS_PREFIX } from '../shared/domain/attachments.ts';
import { tableDefinition } from '../shared/store/table-definition.ts';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/** How long an anchor cannot be changed or deleted by anyone (petition files are kept 10 years). */
export const ANCHOR_RETENTION_DAYS = 3650;

export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly anchors: Bucket;
  /** The files on case files (attachments): private, versioned, uploads abandoned removed. */
  readonly files: Bucket;
  /** The personal-data pepper ring: losing it loses every match, so it is kept like the table. */
  readonly pepper: Secret;
  /** The export the stateless stack imports the anchors' bucket name by (named, so grants can be acknowledged). */
  readonly anchorsExport: string;
  /** The export that names the files bucket (the stateless stack's grants and event rule). */
  readonly filesExport: string;

  /** The SMS provider's credentials, where the region sends SMS through its own provider. */
  readonly smsCredentials?: Secret;
  /** The organ's document-signing key and certificate (PEM), from its CA: the administrator puts them in. */
  readonly documentSigningKey: Secret;

  constructor(scope: Construct, id: string, props: StackProps & { smsProvider?: string; webOrigin: string }) {
    super(scope, id, props);
    this.table = new TableV2(this, 'Cases', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      dynamoStream: StreamViewType[tableDefinition.streamView],
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
    });
    // Object Lock in compliance mode: an anchor, once written, outlives any account credential.
    this.anchors = new Bucket(this, 'Anchors', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(ANCHOR_RETENTION_DAYS)),
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Browsers upload straight here with a signed form (the site's origin only); nothing is public.
    this.files = new Bucket(this, 'Files', {
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        { allowedMethods: [HttpMethods.POST], allowedOrigins: [props.webOrigin], allowedHeaders: ['*'] },
      ],
      lifecycleRules: [
        // An upload is processed within seconds; one still there a day later was abandoned.
        {
          prefix: UPLOADS_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // Each upload's arrival goes to EventBridge, where the file-check function's rule picks it up
    // (set on the bucket itself: CDK's eventBridgeEnabled would add a helper function).
    const filesResource = this.files.node.defaultChild as CfnBucket;
    filesResource.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    Validations.of(this.files).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Every opening of a file is recorded in the case read log by the API; CloudTrail data events can log object access where a region wants it.',
    });
    this.anchorsExport = `${this.stackName}-AnchorsBucket`;
    // The table `npm run migrate -- --table` names.
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AnchorsBucket', { value: this.anchors.bucketName, exportName: this.anchorsExport });
    this.filesExport = `${this.stackName}-FilesBucket`;
    new CfnOutput(this, 'FilesBucket', { value: this.files.bucketName, exportName: this.filesExport });
    Validations.of(this.anchors).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The anchors are written once by one function and read by another; CloudTrail data events can log access where a region wants it.',
    });
    this.pepper = new Secret(this, 'Pepper', {
      description:
        'Personal-data pepper ring {"current": "v1", "v1": ...}: rotate by adding a version, then making it current (docs/matching.md).',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: 'v1' }),
        generateStringKey: 'v1',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.pepper).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A pepper is rotated in two phases (every container learns the new version, then it becomes current) and old hashes are re-keyed before a version is retired; a rotation Lambda replacing the value would break every match.',
    });
    // Created with a placeholder: documents are signed once the administrator puts the CA's key in.
    this.documentSigningKey = new Secret(this, 'DocumentSigningKey', {
      description:
        'The organ\'s document-signing key and certificate {"key": PEM, "certificate": PEM} (README, "Sealed and signed documents")',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ certificate: 'set-me' }),
        generateStringKey: 'key',
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.documentSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The key pair is the organ's, issued with its certificate by a certification authority and renewed there; the administrator replaces the value.",
    });
    if (props.smsProvider && props.smsProvider !== 'sns') {
      // Created with a placeholder: the administrator puts the provider's key pair in.
      this.smsCredentials = new Secret(this, 'SmsCredentials', {
        description: `${props.smsProvider} SMS API key pair {"id": SecretId / AccessKeyId, "key": SecretKey / AccessKeySecret}`,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ id: 'set-me' }),
          generateStringKey: 'key',
          excludePunctuation: true,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(this.smsCredentials).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The key pair is issued by the SMS provider (Tencent Cloud CAM, Alibaba Cloud RAM) and rotated there; the administrator replaces the value.',
      });
    }
  }
}
