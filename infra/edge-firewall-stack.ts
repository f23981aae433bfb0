// Per-client limits at the edge: an AWS WAF web ACL on the site's CloudFront distribution, which
// also fronts the API, with a rate-based rule per IP address on the public routes. CloudFront
// web ACLs live in us-east-1; the China partition offers WAF at regional level only (not for
// CloudFront, not for HTTP APIs), so a China stack set has none (README, "Security").
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { API_SECURITY_HEADERS } from '../shared/security-headers.ts';

/** The routes anyone may call without a token: what one client could starve for everyone. */
export const PUBLIC_PATH_PREFIXES = ['/petitions', '/reception-days'] as const;
/** Requests one IP address may make to the public routes in 5 minutes, unless the region says. */
export const DEFAULT_PUBLIC_REQUESTS_PER_IP = 300;

export interface EdgeFirewallStackProps extends StackProps {
  /** Requests per IP address per 5 minutes on the public routes (the region file's `publicRequestsPerIp`). */
  publicRequestsPerIp: number;
}

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: false,
});

export class EdgeFirewallStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, props);
    const startsWith = (prefix: string) => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('petition-desk-edge'),
      // The API's own error shape, so the web form shows it like any other answer.
      customResponseBodies: {
        tooManyRequests: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: {
              code: 'too_many_requests',
              message: {
                zh: '來自此網絡的請求過多，請幾分鐘後再試。',
                en: 'Too many requests from this network; please try again in a few minutes.',
              },
            },
          }),
        },
      },
      rules: [
        {
          name: 'PublicRoutesPerIp',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'tooManyRequests',
                responseHeaders: [
                  { name: 'retry-after', value: '300' },
                  ...Object.entries(API_SECURITY_HEADERS).map(([name, value]) => ({ name, value })),
                ],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.publicRequestsPerIp,
              scopeDownStatement: { orStatement: { statements: PUBLIC_PATH_PREFIXES.map(startsWith) } },
            },
          },
          visibilityConfig: visibility('public-routes-per-ip'),
        },
      ],
    });
  }
}
