// The citizen pages and the staff console on AWS: a private S3 bucket behind CloudFront.
// Standard partition: origin access control, a response-headers policy, an ACM certificate,
// and (with the firewall) the API's routes through the same distribution. China partition:
// only what CloudFront there offers (docs.amazonaws.cn, "Amazon CloudFront"): an origin access
// identity, the ICP-registered alternate domain with an IAM server certificate (no ACM, no
// *.cloudfront.cn), no cache or response-headers policies (the policy travels in the pages as a
// <meta> element), no firewall; /config.json names the API's own URL.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  CfnCloudFrontOriginAccessIdentity,
  CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type IDistribution,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CanonicalUserPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { routes } from '../functions/routes.ts';
import type { RegionLanguage } from '../shared/domain/region-script.ts';
import { PERMISSIONS_POLICY, pageContentSecurityPolicy } from '../shared/security-headers.ts';
import type { SiteConfig } from '../shared/site-config.ts';
import { buildWeb } from './web-build.ts';

export interface CitizenSiteProps {
  apiUrl: string;
  /** The region's language: the pages and the console are built in its script. */
  language: RegionLanguage;
  /** The files bucket's origin: the pages upload to it and show its checked photos. */
  filesOrigin: string;
  /** Where the staff console signs in: the region's OpenID provider. */
  staffSignIn: NonNullable<SiteConfig['staffSignIn']>;
  /** The API behind the distribution (same origin) with the firewall in front of both. */
  edge?: { webAclArn: string; apiDomain: string; originVerify: string };
  /** The region's own domain and its certificate (DeploymentConfig.site): ACM, or IAM in China. */
  domain?: SiteDomain;
}

/** One of the two certificates, as the partition takes it (checked when the deployment file loads). */
export interface SiteDomain {
  domainName: string;
  certificateArn?: string;
  iamCertificateId?: string;
}

/** CloudFront path patterns for the API's routes: each first segment, alone and with more after it. */
export function apiPathPatterns(paths: readonly string[]): string[] {
  const patterns = paths.map((path) => {
    const [, first, ...rest] = path.split('/');
    return rest.length ? `/${first}/*` : `/${first}`;
  });
  return [...new Set(patterns)].sort();
}

export class CitizenSite extends Construct {
  readonly distribution: IDistribution;

  constructor(scope: Construct, id: string, props: CitizenSiteProps) {
    super(scope, id);
    const bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Kept on stack deletion like the table: emptying it would need one more helper function.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // What the pages may connect to: the API's origin where it is not theirs, the region's
    // OpenID provider (the console fetches its discovery document, keys and token endpoint),
    // and the files bucket (uploads go to it straight from the browser).
    const connectTo = [
      ...(props.edge ? [] : [props.apiUrl]),
      new URL(props.staffSignIn.issuer).origin,
      props.filesOrigin,
    ];
    const domain = props.domain;
    // An IAM server certificate is what the China partition's CloudFront takes.
    const china = Boolean(domain?.iamCertificateId);
    this.distribution = domain?.iamCertificateId
      ? this.chinaDistribution(bucket, domain.domainName, domain.iamCertificateId)
      : this.standardDistribution(bucket, props, connectTo);
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      distribution: this.distribution,
      sources: [
        // In China the policy cannot be a header: the pages carry it (the API is at its own URL,
        // known only at deployment, so they may connect to any https origin there).
        Source.asset(
          buildWeb({
            language: props.language,
            ...(china && {
              metaPolicy: pageContentSecurityPolicy({
                connectTo: ['https:'],
                images: ['https:'],
                meta: true,
              }),
            }),
          }),
        ),
        // Behind the same distribution the pages call the API on their own origin.
        Source.jsonData('config.json', {
          apiUrl: props.edge ? '' : props.apiUrl,
          staffSignIn: props.staffSignIn,
        } satisfies SiteConfig),
      ],
    });
    const site: Array<[string, string]> = [
      [
        'AwsSolutions-S1',
        'The bucket holds only public pages, no personal data; CloudFront standard logs can be enabled per region.',
      ],
      [
        'AwsSolutions-CFR1',
        'Geo restriction is a regional policy choice: petitioners may be away from home.',
      ],
      ['AwsSolutions-CFR3', 'Access logs of static pages are not needed: the API keeps its own access logs.'],
    ];
    if (!props.domain) {
      site.push([
        'AwsSolutions-CFR4',
        'No domain in the deployment file yet: the default CloudFront certificate allows TLSv1 until the region names its own (`site`).',
      ]);
    }
    if (china) {
      site.push([
        'AwsSolutions-CFR7',
        'The China partition offers no origin access control: an origin access identity is what it has.',
      ]);
    }
    if (!props.edge) {
      site.push([
        'AwsSolutions-CFR2',
        'The China partition offers AWS WAF at regional level only: not for CloudFront, not for HTTP APIs (README, "Security").',
      ]);
    }
    for (const [id, reason] of site) Validations.of(this).acknowledge({ id, reason });
    this.acknowledgeDeploymentHelper(bucket);
  }

  private standardDistribution(bucket: Bucket, props: CitizenSiteProps, connectTo: string[]): Distribution {
    // The same headers the local server sends (shared/security-headers.ts).
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: pageContentSecurityPolicy({ connectTo, images: [props.filesOrigin] }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });
    return new Distribution(this, 'Distribution', {
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      defaultRootObject: 'index.html',
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      ...(props.domain?.certificateArn && {
        domainNames: [props.domain.domainName],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      }),
      ...(props.edge && { webAclId: props.edge.webAclArn, additionalBehaviors: apiBehaviours(props.edge) }),
    });
  }

  /**
   * CloudFront in the China partition, written as the CloudFormation it accepts (the L2
   * Distribution always sets a cache policy, which the partition refuses).
   */
  private chinaDistribution(bucket: Bucket, domainName: string, iamCertificateId: string): IDistribution {
    const identity = new CfnCloudFrontOriginAccessIdentity(this, 'OriginAccessIdentity', {
      cloudFrontOriginAccessIdentityConfig: { comment: 'petition-desk pages' },
    });
    bucket.addToResourcePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        principals: [new CanonicalUserPrincipal(identity.attrS3CanonicalUserId)],
      }),
    );
    const distribution = new CfnDistribution(this, 'Distribution', {
      distributionConfig: {
        enabled: true,
        aliases: [domainName],
        defaultRootObject: 'index.html',
        httpVersion: 'http2',
        origins: [
          {
            id: 'pages',
            domainName: bucket.bucketRegionalDomainName,
            s3OriginConfig: { originAccessIdentity: `origin-access-identity/cloudfront/${identity.ref}` },
          },
        ],
        defaultCacheBehavior: {
          targetOriginId: 'pages',
          viewerProtocolPolicy: 'redirect-to-https',
          compress: true,
          forwardedValues: { queryString: false },
        },
        viewerCertificate: {
          iamCertificateId,
          sslSupportMethod: 'sni-only',
          minimumProtocolVersion: 'TLSv1.2_2021',
        },
      },
    });
    return Distribution.fromDistributionAttributes(this, 'Pages Distribution', {
      distributionId: distribution.ref,
      domainName: distribution.attrDomainName,
    });
  }

  /**
   * The CDK's BucketDeployment runs one shared helper function at stack level; its findings are
   * the CDK's design, acknowledged here finding by finding (cdk-nag matches exact finding ids).
   */
  private acknowledgeDeploymentHelper(bucket: Bucket): void {
    const stack = Stack.of(this);
    const helper = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!helper) return;
    const bucketId = stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket)) as string;
    const assets = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`;
    const copies = "It copies the site's files from the CDK asset bucket into the pages bucket.";
    const helperFindings: Array<[string, string]> = [
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'It only writes its logs.',
      ],
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action): [string, string] => [`AwsSolutions-IAM5[Action::${action}]`, copies],
      ),
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, copies],
      [`AwsSolutions-IAM5[Resource::${assets}]`, copies],
      ['AwsSolutions-IAM5[Resource::*]', 'CloudFront invalidations have no narrower resource.'],
      ['AwsSolutions-L1', 'The CDK pins the runtime of its own helper.'],
      ['Serverless-LambdaLatestVersion', 'The CDK pins the runtime of its own helper.'],
      ['Serverless-LambdaDLQ', 'A custom resource reports failure to CloudFormation, not to a queue.'],
      ['Serverless-LambdaTracing', 'It runs once per deployment; tracing adds nothing.'],
    ];
    for (const [id, reason] of helperFindings) Validations.of(helper).acknowledge({ id, reason });
  }
}

/** Every API route through CloudFront to the HTTP API: nothing cached, every header but Host forwarded. */
function apiBehaviours(edge: NonNullable<CitizenSiteProps['edge']>): Record<string, BehaviorOptions> {
  const origin = new HttpOrigin(edge.apiDomain, {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    customHeaders: { 'x-origin-verify': edge.originVerify },
  });
  const behaviour: BehaviorOptions = {
    origin,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
  };
  return Object.fromEntries(apiPathPatterns(routes.map((route) => route.path)).map((p) => [p, behaviour]));
}
