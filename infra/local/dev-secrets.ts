// Local-only secrets: a dev signing key for staff tokens and the personal-data pepper.
// Made once per checkout in .local/ (git-ignored); AWS uses the region's own.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { StaffRole } from '../../shared/auth.ts';
import type { PepperRing } from '../../shared/domain/pepper-ring.ts';

export const LOCAL_ISSUER = 'petition-desk-local';
export const LOCAL_AUDIENCE = 'petition-desk';

export interface DevSecrets {
  privateJwk: JWK;
  jwks: { keys: JWK[] };
  pepper: string;
}

const file = join(resolve(import.meta.dirname, '..', '..'), '.local', 'dev-secrets.json');

export async function newDevSecrets(): Promise<DevSecrets> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    pepper: randomBytes(32).toString('base64url'),
  };
}

/** The local pepper as the one version of a ring (on AWS, the region's secret). */
export function localPeppers(secrets: DevSecrets): PepperRing {
  return { current: 'v1', versions: { v1: secrets.pepper } };
}

/** What the local server, standing in for CloudFront, tells the functions a request came through. */
export function localOriginVerify(secrets: DevSecrets): string {
  return createHmac('sha256', secrets.pepper).update('origin-verify').digest('base64url');
}

/** The token of the local SMS delivery-report URL. */
export function localSmsReportToken(secrets: DevSecrets): string {
  return createHmac('sha256', secrets.pepper).update('sms-reports').digest('base64url');
}

/** The same ring as the secret's JSON, for the configuration. */
export function localPeppersJson(secrets: DevSecrets): string {
  const { current, versions } = localPeppers(secrets);
  return JSON.stringify({ current, ...versions });
}

export async function loadOrCreateDevSecrets(): Promise<DevSecrets> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets = await newDevSecrets();
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export interface TokenClaims {
  sub: string;
  roles: StaffRole[];
  officialId?: string;
  department?: string;
}

/** Signs exactly these claims (issuer and audience added): for tests of what tokens may not be. */
export async function signRawDevToken(
  secrets: DevSecrets,
  payload: Record<string, unknown>,
): Promise<string> {
  const key = await importJWK(secrets.privateJwk, 'ES256');
  return new SignJWT({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, ...payload })
    .setProtectedHeader({ alg: 'ES256', kid: secrets.privateJwk.kid as string })
    .sign(key);
}

/**
 * The issuer `npm start` trusts: its local OpenID provider, on the port after the API's.
 * The scripts that mint tokens for it (token, check-deadlines) sign as that issuer.
 */
export const startedIssuer = (apiPort = Number(process.env.PORT ?? 3000)) =>
  `http://127.0.0.1:${apiPort + 1}`;

export async function signDevToken(
  secrets: DevSecrets,
  claims: TokenClaims,
  { ttl = '8h', issuer = LOCAL_ISSUER }: { ttl?: string; issuer?: string } = {},
): Promise<string> {
  const key = await importJWK(secrets.privateJwk, 'ES256');
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'ES256', kid: secrets.privateJwk.kid as string })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}
