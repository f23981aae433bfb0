// Runtime configuration, read once and validated at cold start: a missing or malformed
// variable fails the function at init, never later with an empty string.
import * as z from 'zod/mini';
import { STAFF_ROLES } from './auth-roles.ts';
import { parsePepperRing } from './domain/pepper-ring.ts';
import { loadRegionConfig, type RegionConfig } from './region.ts';

const nonEmpty = z.string().check(z.trim(), z.minLength(1));
const secretArn = z.string().check(z.regex(/^arn:aws[\w-]*:secretsmanager:/));

/** A variable that holds JSON of this shape. */
const json = <T extends z.ZodMiniType>(shape: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((value, payload) => {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          payload.issues.push({ code: 'custom', message: 'not JSON', input: value });
          return z.NEVER;
        }
      }),
    ),
    shape,
  );

const envFields = z.object({
  TABLE_NAME: nonEmpty,
  REGION_CONFIG_FILE: nonEmpty,
  /** Only for DynamoDB Local; absent on AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /**
   * The secrets mixed into the hashes of ID numbers and phones, so keys cannot be reversed by
   * guessing: a Secrets Manager secret read at cold start (AWS), or its JSON inline (local).
   * Only the functions that hash have one.
   */
  PEPPER_SECRET_ARN: z.optional(z.string().check(z.regex(/^arn:aws[\w-]*:secretsmanager:/))),
  PERSONAL_DATA_PEPPERS: z.optional(nonEmpty),
  /** The token in the URL the SMS provider pushes its delivery reports to (the intake function). */
  SMS_REPORT_TOKEN: z.optional(z.string().check(z.minLength(32))),
  /** On AWS the token is read from this secret at cold start (never in the environment). */
  SMS_REPORT_TOKEN_SECRET_ARN: z.optional(secretArn),
  /**
   * How long one store request may take (ms); unset, 2 s on AWS and 10 s against DynamoDB
   * Local (shared/store/dynamo.ts).
   */
  STORE_REQUEST_TIMEOUT_MS: z.optional(z.string().check(z.regex(/^\d{3,6}$/))),
  /** The local stack only: the deadline check may record as of another day (`--as-of`). */
  ALLOW_CLOCK_OVERRIDE: z.optional(z.enum(['true', 'false'])),
  /**
   * The local stack only: the functions' clock starts at this instant and runs on from there,
   * so a test of a month or a year reads the same whatever day it runs.
   */
  CLOCK_STARTS_AT: z.optional(z.iso.datetime({ offset: true })),
  /** Where the daily anchors of the timelines are kept: a write-once S3 bucket, or a folder locally. */
  ANCHOR_BUCKET: z.optional(nonEmpty),
  ANCHOR_DIR: z.optional(nonEmpty),
  /**
   * The value the edge (CloudFront; the local server) puts in `x-origin-verify`: requests
   * without it went round the firewall, straight to the API, and are refused.
   */
  ORIGIN_VERIFY: z.optional(z.string().check(z.minLength(32))),
  /** On AWS the value is read from this secret at cold start (never in the environment). */
  ORIGIN_VERIFY_SECRET_ARN: z.optional(secretArn),
  /** The OpenAPI document the meta function serves, built at synthesis (beside the bundle on AWS). */
  OPENAPI_FILE: z.optional(nonEmpty),
  /** The CJK font written notices are set in as PDF (beside the bundle on AWS). */
  DOCUMENT_FONT_FILE: z.optional(nonEmpty),
  /** The organ's seal image (PNG) its documents carry (beside the bundle on AWS). */
  DOCUMENT_SEAL_FILE: z.optional(nonEmpty),
  /** The organ's document-signing key and certificate, `{"key": PEM, "certificate": PEM}` (locally). */
  DOCUMENT_SIGNING_KEY: z.optional(nonEmpty),
  /** On AWS the key is read from this secret at cold start. */
  DOCUMENT_SIGNING_KEY_SECRET_ARN: z.optional(secretArn),
});

type Env = z.infer<typeof envFields>;

/** A secret is given as its value (locally) or as the secret holding it (on AWS), never both. */
const atMostOne = (secret: keyof Env, value: keyof Env) =>
  z.refine<Env>((env) => !(env[secret] && env[value]), {
    message: `set at most one of ${secret} and ${value}`,
    path: [secret],
  });

const envSchema = envFields.check(
  atMostOne('PEPPER_SECRET_ARN', 'PERSONAL_DATA_PEPPERS'),
  atMostOne('ORIGIN_VERIFY_SECRET_ARN', 'ORIGIN_VERIFY'),
  atMostOne('SMS_REPORT_TOKEN_SECRET_ARN', 'SMS_REPORT_TOKEN'),
  atMostOne('DOCUMENT_SIGNING_KEY_SECRET_ARN', 'DOCUMENT_SIGNING_KEY'),
  z.refine(
    (env) =>
      env.PERSONAL_DATA_PEPPERS === undefined || !('problem' in parsePepperRing(env.PERSONAL_DATA_PEPPERS)),
    {
      message: 'not a pepper ring: {"current": "v1", "v1": "<32+ characters>"}',
      path: ['PERSONAL_DATA_PEPPERS'],
    },
  ),
  z.refine((env) => !env.CLOCK_STARTS_AT || env.ALLOW_CLOCK_OVERRIDE === 'true', {
    message: 'CLOCK_STARTS_AT is for the local stack only (ALLOW_CLOCK_OVERRIDE=true)',
    path: ['CLOCK_STARTS_AT'],
  }),
);

/**
 * The notices function's own slice: how it delivers, each way with all it needs (a way is never
 * half configured, and nothing it needs has a default). Only that function parses it.
 */
const noticeDeliverySchema = z.discriminatedUnion('NOTICE_DELIVERY', [
  z.object({ NOTICE_DELIVERY: z.literal('file'), NOTICE_OUTBOX_FILE: nonEmpty }),
  z.object({ NOTICE_DELIVERY: z.literal('sns'), STAFF_ALERT_TOPIC_ARN: nonEmpty }),
  z.object({
    NOTICE_DELIVERY: z.literal('sms'),
    /** Staff alerts still go to the topic (SNS topics exist in every partition). */
    STAFF_ALERT_TOPIC_ARN: nonEmpty,
    SMS_PROVIDER: z.enum(['tencent', 'alibaba']),
    SMS_SIGN_NAME: nonEmpty,
    SMS_APP_ID: z.optional(nonEmpty),
    SMS_PROVIDER_REGION: z.optional(nonEmpty),
    /** Notice type → the provider's approved template id (JSON). */
    SMS_TEMPLATES: json(z.record(z.string(), z.string())),
    /** The secret holding the provider's key pair {"id", "key"}. */
    SMS_SECRET_ARN: secretArn,
  }),
]);

export type NoticeDeliveryConfig = z.infer<typeof noticeDeliverySchema>;

/**
 * The staff-token slice: only functions that serve staff routes parse it (a scheduled job or a
 * public function has no token to verify, and needs no issuer).
 */
const staffAuthSchema = z
  .object({
    AUTH_ISSUER: nonEmpty,
    AUTH_AUDIENCE: nonEmpty,
    /** The identity provider's JWKS endpoint (AWS), or a JWKS document inline (local). */
    AUTH_JWKS_URL: z.optional(z.url()),
    AUTH_JWKS: z.optional(nonEmpty),
    /**
     * Where the token carries the staff roles (a dotted path such as `realm_access.roles`; the
     * `roles` claim itself when unset), and how the provider's names map to this system's roles
     * (JSON, e.g. {"xf-clerk": "clerk"}). Without a map the claim must name the roles themselves.
     */
    AUTH_ROLES_CLAIM: z._default(z.string().check(z.regex(/^[\w-]+(\.[\w-]+)*$/)), 'roles'),
    AUTH_ROLE_MAP: z.optional(json(z.record(z.string(), z.enum(STAFF_ROLES)))),
  })
  .check(
    z.refine((env) => Boolean(env.AUTH_JWKS_URL) !== Boolean(env.AUTH_JWKS), {
      message: 'set exactly one of AUTH_JWKS_URL and AUTH_JWKS',
      path: ['AUTH_JWKS_URL'],
    }),
  );

export type StaffAuthConfig = z.infer<typeof staffAuthSchema>;

/** The staff-token slice, validated at the cold start of a function with staff routes. */
export function staffAuthConfig(env: Record<string, string | undefined> = process.env): StaffAuthConfig {
  const parsed = staffAuthSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(`Invalid staff token configuration: ${problemsOf(parsed.error)}`);
  return parsed.data;
}

/** The notices function's slice, validated at its cold start. */
export function noticeDeliveryConfig(
  env: Record<string, string | undefined> = process.env,
): NoticeDeliveryConfig {
  const parsed = noticeDeliverySchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(`Invalid notice delivery configuration: ${problemsOf(parsed.error)}`);
  return parsed.data;
}

/** The files' slice: the functions that keep or open attachments parse it. */
const filesSchema = z.object({
  FILES_BUCKET: nonEmpty,
  /** The local stack's S3-compatible server (addressed path-style); absent on AWS. */
  FILES_ENDPOINT: z.optional(z.url()),
});

export type FilesConfig = z.infer<typeof filesSchema>;

/** The files' slice, validated at the cold start of a function that keeps or opens attachments. */
export function filesConfig(env: Record<string, string | undefined> = process.env): FilesConfig {
  const parsed = filesSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid files configuration: ${problemsOf(parsed.error)}`);
  return parsed.data;
}

/**
 * The file-check function's scanner: ClamAV's daemon at host:port, or on the local stack (its
 * files on a local server) the stand-in that knows only the test signature.
 */
const scannerSchema = z.discriminatedUnion('MALWARE_SCANNER', [
  z.object({
    MALWARE_SCANNER: z.literal('clamd'),
    CLAMD_ADDRESS: z.string().check(z.regex(/^[\w.-]+:\d{2,5}$/)),
  }),
  z.object({ MALWARE_SCANNER: z.literal('test-signature'), FILES_ENDPOINT: z.url() }),
]);

export type ScannerConfig = z.infer<typeof scannerSchema>;

/** The scanner slice, validated at the file-check function's cold start. */
export function scannerConfig(env: Record<string, string | undefined> = process.env): ScannerConfig {
  const parsed = scannerSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      `Invalid malware scanner configuration (the test-signature stand-in is for the local stack only): ${problemsOf(parsed.error)}`,
    );
  return parsed.data;
}

export type AppConfig = z.infer<typeof envSchema> & { region: RegionConfig };

const problemsOf = (error: z.core.$ZodError) =>
  error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

let loaded: AppConfig | undefined;

export function getConfig(): AppConfig {
  if (loaded) return loaded;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${problemsOf(parsed.error)}`);
  }
  loaded = { ...parsed.data, region: loadRegionConfig(parsed.data.REGION_CONFIG_FILE) };
  return loaded;
}
