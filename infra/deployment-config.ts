// A region's deployment configuration (infra/deploy/<name>.json), validated before synth.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../shared/auth-roles.ts';
import { NOTICE_TYPES } from '../shared/domain/procedure-terms.ts';
import { loadRegionConfig, type RegionConfig } from '../shared/region.ts';

const deploymentSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,30}$/)),
  regionConfig: z.string().check(z.minLength(1)),
  aws: z.strictObject({
    account: z.optional(z.string().check(z.regex(/^\d{12}$/))),
    region: z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/)),
  }),
  auth: z.strictObject({
    issuer: z.url(),
    audience: z.string().check(z.minLength(1)),
    jwksUrl: z.url(),
    /** The staff console's client at the provider (public client: authorization code + PKCE). */
    consoleClientId: z._default(z.string().check(z.minLength(1)), 'petition-desk-console'),
    /** A resource indicator the provider issues API tokens for, if it works that way. */
    resource: z.optional(z.string().check(z.minLength(1))),
    /** Where tokens carry the roles (dotted path) and how the provider's names map to ours. */
    rolesClaim: z.optional(z.string().check(z.regex(/^[\w-]+(\.[\w-]+)*$/))),
    roleMap: z.optional(z.record(z.string(), z.enum(STAFF_ROLES))),
  }),
  webOrigin: z.url(),
  /**
   * The malware scan of uploaded files: ClamAV's daemon (clamd) the region runs, at host:port.
   * GuardDuty Malware Protection for S3 is not offered in the China regions. Where clamd is in a
   * VPC, the file-check function joins it (the VPC then needs S3 and DynamoDB gateway endpoints).
   */
  malwareScanner: z.strictObject({
    clamd: z.string().check(z.regex(/^[\w.-]+:\d{2,5}$/)),
    vpc: z.optional(
      z.strictObject({
        vpcId: z.string().check(z.regex(/^vpc-[0-9a-f]{8,17}$/)),
        availabilityZones: z.array(z.string()).check(z.minLength(1)),
        subnetIds: z.array(z.string().check(z.regex(/^subnet-[0-9a-f]{8,17}$/))).check(z.minLength(1)),
        securityGroupId: z.string().check(z.regex(/^sg-[0-9a-f]{8,17}$/)),
      }),
    ),
  }),
  /**
   * The site's own domain and its certificate. Standard partition: an ACM certificate in
   * us-east-1 (with it viewers get TLS 1.2 or newer; on the default *.cloudfront.net
   * certificate CloudFront still accepts TLS 1.0). China partition: required, as CloudFront
   * there serves only an ICP-registered alternate domain, with a certificate uploaded to IAM
   * (its server certificate id): ACM is not offered to CloudFront there.
   */
  site: z.optional(
    z.strictObject({
      domainName: z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)),
      certificateArn: z.optional(
        z.string().check(z.regex(/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/)),
      ),
      iamCertificateId: z.optional(z.string().check(z.regex(/^[A-Z0-9]{16,32}$/))),
    }),
  ),
  /**
   * SMS to petitioners: Amazon SNS (standard partition only; the default there), or the
   * provider's own API in the mainland (Tencent Cloud SMS, Alibaba Cloud SMS) with the sign
   * and templates it approved; its credentials go in the Secrets Manager secret the stateful
   * stack creates ({"id": ..., "key": ...}).
   */
  sms: z.optional(
    z.strictObject({
      provider: z.enum(['sns', 'tencent', 'alibaba']),
      signName: z.optional(z.string().check(z.minLength(2), z.maxLength(20))),
      /** Tencent's SmsSdkAppId. */
      appId: z.optional(z.string().check(z.regex(/^\d{10}$/))),
      providerRegion: z.optional(z.string().check(z.regex(/^[a-z]{2}-[a-z]+(-\d)?$/))),
      /** Notice type → the provider's approved template id (a type without one goes by post). */
      templates: z.optional(
        z.partialRecord(z.enum(NOTICE_TYPES), z.string().check(z.regex(/^[\w-]{1,40}$/))),
      ),
    }),
  ),
});

export type DeploymentConfig = z.infer<typeof deploymentSchema> & {
  region: RegionConfig;
  regionConfigPath: string;
};

export const projectRoot = resolve(import.meta.dirname, '..');

export function loadDeploymentConfig(name: string): DeploymentConfig {
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`Region name "${name}" must be lower case letters, digits and dashes`);
  const file = resolve(projectRoot, 'infra', 'deploy', `${name}.json`);
  const parsed = deploymentSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Deployment configuration ${file} is invalid: ${where}`);
  }
  const problem = partitionProblem(parsed.data);
  if (problem) throw new Error(`Deployment configuration ${file} is invalid: ${problem}`);
  const regionConfigPath = resolve(projectRoot, parsed.data.regionConfig);
  return { ...parsed.data, region: loadRegionConfig(regionConfigPath), regionConfigPath };
}

/** Beijing and Ningxia: the China partition, which lacks some services (../shared/DOMAIN.md, docs/deploy.md). */
export const inChinaPartition = (awsRegion: string): boolean => awsRegion.startsWith('cn-');

/** What the partition offers the site and the SMS, and what a provider needs, checked before synthesis. */
export function partitionProblem({ aws, site, sms }: z.infer<typeof deploymentSchema>): string | undefined {
  if (
    sms &&
    sms.provider !== 'sns' &&
    (!sms.signName || !sms.templates || Object.keys(sms.templates).length === 0)
  )
    return `sms: ${sms.provider} needs signName and templates (each notice type's approved template)`;
  if (sms?.provider === 'tencent' && !sms.appId) return 'sms: Tencent Cloud SMS needs appId (SmsSdkAppId)';
  if (inChinaPartition(aws.region)) {
    if (!site?.iamCertificateId || site.certificateArn)
      return 'site: the China partition needs domainName (ICP-registered) and iamCertificateId (an IAM server certificate; CloudFront there takes no ACM certificate)';
    if (!sms || sms.provider === 'sns')
      return 'sms: SNS sends no SMS in the China partition; name a mainland provider (tencent or alibaba)';
    return undefined;
  }
  if (site && (!site.certificateArn || site.iamCertificateId))
    return 'site: the standard partition takes certificateArn (ACM, us-east-1), not iamCertificateId';
  return undefined;
}
