// Staff authentication: a bearer JWT from the region's identity provider, verified the
// same way locally and on AWS (issuer, audience, keys from configuration).
import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as z from 'zod/mini';
import { STAFF_ROLES, type StaffRole } from './auth-roles.ts';
import { ConfigError, type StaffAuthConfig, staffAuthConfig } from './config.ts';
import { UnauthorizedError } from './errors.ts';
import type { RegionConfig } from './region.ts';

export { STAFF_ROLES, type StaffRole };

const claimsSchema = z.object({
  sub: z.string().check(z.minLength(1)),
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1)),
  /** The official's id in the region's list, for owner officials (包案領導). */
  officialId: z.optional(z.string()),
  /** The department code, for department handlers. */
  department: z.optional(z.string()),
});

export type StaffClaims = z.infer<typeof claimsSchema>;

/** The longest a staff token may live, and the clock difference tolerated between machines. */
const MAX_TOKEN_AGE = '12h';
const CLOCK_SKEW_SECONDS = 60;

/** Verifies a staff bearer token: built once, at the cold start of a function with staff routes. */
export type StaffTokenVerifier = (authorization: string | undefined) => Promise<StaffClaims>;

function keySetOf(auth: StaffAuthConfig): JWTVerifyGetKey {
  if (auth.AUTH_JWKS_URL) return createRemoteJWKSet(new URL(auth.AUTH_JWKS_URL));
  if (auth.AUTH_JWKS) return createLocalJWKSet(JSON.parse(auth.AUTH_JWKS));
  throw new ConfigError('set exactly one of AUTH_JWKS_URL and AUTH_JWKS');
}

/**
 * The roles a token grants: the configured claim (a dotted path), each name through the
 * region's role map when there is one (names it does not map grant nothing).
 */
export function staffRolesOf(
  auth: Pick<StaffAuthConfig, 'AUTH_ROLES_CLAIM' | 'AUTH_ROLE_MAP'>,
  payload: Record<string, unknown>,
): unknown {
  let claim: unknown = payload;
  for (const key of auth.AUTH_ROLES_CLAIM.split('.')) {
    claim = claim !== null && typeof claim === 'object' ? (claim as Record<string, unknown>)[key] : undefined;
  }
  const map = auth.AUTH_ROLE_MAP;
  if (!map || !Array.isArray(claim)) return claim;
  return [...new Set(claim.flatMap((name) => (typeof name === 'string' && map[name] ? [map[name]] : [])))];
}

/** The verifier of one region's staff tokens, from the staff-token slice of the configuration. */
export function staffTokenVerifier(
  region: RegionConfig,
  auth: StaffAuthConfig = staffAuthConfig(),
): StaffTokenVerifier {
  const keys = keySetOf(auth);
  return (authorization) => verify(region, auth, keys, authorization);
}

async function verify(
  region: RegionConfig,
  auth: StaffAuthConfig,
  keys: JWTVerifyGetKey,
  authorization: string | undefined,
): Promise<StaffClaims> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new UnauthorizedError('missing bearer token');
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: auth.AUTH_ISSUER,
      audience: auth.AUTH_AUDIENCE,
      algorithms: ['ES256', 'RS256'],
      // A token must expire, be issued no later than now, and live a working day at most.
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: MAX_TOKEN_AGE,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    const claims = claimsSchema.safeParse({ ...payload, roles: staffRolesOf(auth, payload) });
    if (!claims.success) throw new UnauthorizedError('token claims do not name a staff role');
    const { officialId, department } = claims.data;
    // An official or department the region does not know acts as nobody.
    if (officialId !== undefined && !region.officials.some((o) => o.id === officialId))
      throw new UnauthorizedError('unknown officialId');
    if (department !== undefined && !region.departments.some((d) => d.code === department))
      throw new UnauthorizedError('unknown department');
    return claims.data;
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
      // Which provider the API trusts is public (the console signs in there); the token is the caller's.
      throw new UnauthorizedError('token from another issuer', {
        cause: error,
        publicMessage: {
          zh: `憑證不是本系統信任的身份提供者簽發的：應由 ${auth.AUTH_ISSUER} 簽發。`,
          en: `The token was issued by another identity provider: this API trusts ${auth.AUTH_ISSUER}.`,
        },
      });
    }
    throw new UnauthorizedError('token rejected', { cause: error });
  }
}
