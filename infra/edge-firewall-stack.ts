// Per-client limits at the edge: an AWS WAF web ACL on the site's CloudFront distribution, which
// also fronts the API, with a rate-based rule per IP address on the public routes: the same
// window the functions count in the table (shared/domain/client-limits.ts), which is all a
// China stack set has (WAF there is regional only: not for CloudFront, not for HTTP APIs).
// CloudFront web ACLs live in us-east-1.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { PUBLIC_PATH_PREFIXES } from '../shared/domain/client-limits.ts';
import { inRegionScript, type RegionLanguage, regionScript } from '../shared/domain/region-script.ts';
import { TooManyRequestsError } from '../shared/errors.ts';
import type { LimitWindow } from '../shared/region.ts';
import { API_SECURITY_HEADERS } from '../shared/security-headers.ts';

export interface EdgeFirewallStackProps extends StackProps {
  /** The region file's `clientLimits.perAddress`: the table's limiter counts the same window. */
  perAddress: LimitWindow;
  /** The region's script: the 429's words as the functions would send them. */
  language: RegionLanguage;
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
          content: JSON.stringify(
            inRegionScript(
              { error: { code: 'too_many_requests', message: new TooManyRequestsError(0).publicMessage } },
              regionScript(props.language),
            ),
          ),
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
                  { name: 'retry-after', value: String(props.perAddress.seconds) },
                  ...Object.entries(API_SECURITY_HEADERS).map(([name, value]) => ({ name, value })),
                ],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: props.perAddress.seconds,
              limit: props.perAddress.requests,
              scopeDownStatement: { orStatement: { statements: PUBLIC_PATH_PREFIXES.map(startsWith) } },
            },
          },
          visibilityConfig: visibility('public-routes-per-ip'),
        },
      ],
    });
  }
}
