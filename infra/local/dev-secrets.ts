// Local-only secrets: a dev signing key for staff tokens and the personal-data pepper.
// Made once per checkout in .local/ (git-ignored); AWS uses the region's own.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { generateSigningKey, type SigningKey } from '../../functions/documents/pades.ts';
import type { StaffRole } from '../../shared/auth.ts';
import type { PepperRing } from '../../shared/domain/pepper-ring.ts';

export const LOCAL_ISSUER = 'petition-desk-local';
export const LOCAL_AUDIENCE = 'petition-desk';

export interface DevSecrets {
  privateJwk: JWK;
  jwks: { keys: JWK[] };
  pepper: string;
  /** The organ's document-signing key and self-signed certificate (a CA issues the real one). */
  documentSigning?: SigningKey;
}

const file = join(resolve(import.meta.dirname, '..', '..'), '.local', 'dev-secrets.json');

export async function newDevSecrets(): Promise<DevSecrets> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    pepper: randomBytes(32).toString('base64url'),
    documentSigning: localSigningKey(),
  };
}

const localSigningKey = () => generateSigningKey('Petition Bureau (local stack, not for issue)');

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
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DevSecrets) : undefined;
  // A checkout made before documents were signed gets its signing key added, the rest kept.
  if (kept?.documentSigning) return kept;
  const secrets = kept ? { ...kept, documentSigning: localSigningKey() } : await newDevSecrets();
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

const runningFile = join(resolve(import.meta.dirname, '..', '..'), '.local', 'running.json');

/** Where `npm start` runs: the API's URL and the issuer its tokens must name. */
export interface RunningStack {
  url: string;
  issuer: string;
  pid: number;
}

/** `npm start` says where it runs, so the scripts that call it (token, check-deadlines) need no PORT. */
export function recordRunningStack(stack: RunningStack): () => void {
  mkdirSync(join(runningFile, '..'), { recursive: true });
  writeFileSync(runningFile, JSON.stringify(stack, null, 2));
  return () => {
    if (runningStack()?.pid === stack.pid) rmSync(runningFile, { force: true });
  };
}

/** The stack `npm start` runs now, if its process is alive. */
function runningStack(): RunningStack | undefined {
  if (!existsSync(runningFile)) return undefined;
  const recorded = JSON.parse(readFileSync(runningFile, 'utf8')) as RunningStack;
  try {
    process.kill(recorded.pid, 0);
    return recorded;
  } catch {
    return undefined;
  }
}

/**
 * The stack the scripts call: the one on PORT if given, else the one running now, else where
 * `npm start` runs by default (its local OpenID provider on the port after the API's).
 */
export function startedStack(): Omit<RunningStack, 'pid'> {
  const running = runningStack();
  if (running && process.env.PORT === undefined) return running;
  const port = Number(process.env.PORT ?? 3000);
  return { url: `http://127.0.0.1:${port}`, issuer: `http://127.0.0.1:${port + 1}` };
}

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

/** The signing key as the configuration takes it (on AWS, the region's secret). */
export const localSigningKeyJson = (secrets: DevSecrets) =>
  JSON.stringify(secrets.documentSigning ?? localSigningKey());
