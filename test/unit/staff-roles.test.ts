// Roles from the region's provider: a configurable claim (a dotted path) and a role map, so
// Keycloak's realm_access.roles or an Entra group name can grant this system's roles.
import { describe, expect, it } from 'vitest';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  newDevSecrets,
  signRawDevToken,
} from '../../infra/local/dev-secrets.ts';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { staffRolesOf, staffTokenVerifier } from '../../shared/auth.ts';
import { ConfigError, staffAuthConfig } from '../../shared/config.ts';
import { loadRegionConfig } from '../../shared/region.ts';

const keycloak = {
  AUTH_ROLES_CLAIM: 'realm_access.roles',
  AUTH_ROLE_MAP: { 'xf-clerk': 'clerk', 'xf-boss': 'supervisor' },
} as const;

describe('staffRolesOf', () => {
  it('reads the roles claim itself when nothing is configured', () => {
    expect(staffRolesOf({ AUTH_ROLES_CLAIM: 'roles' }, { roles: ['clerk'] })).toEqual(['clerk']);
  });

  it('follows a dotted path and maps the provider’s names, dropping names the map does not know', () => {
    const payload = { realm_access: { roles: ['xf-clerk', 'offline_access', 'xf-boss', 'xf-clerk'] } };
    expect(staffRolesOf(keycloak, payload)).toEqual(['clerk', 'supervisor']);
  });

  it('grants nothing when the path is missing or not a list', () => {
    expect(staffRolesOf(keycloak, { realm_access: 'xf-clerk' })).toBeUndefined();
    expect(staffRolesOf(keycloak, {})).toBeUndefined();
    expect(staffRolesOf(keycloak, { realm_access: { roles: 'xf-clerk' } })).toBe('xf-clerk');
  });
});

describe('verifyStaffToken with a role map', () => {
  it('accepts a token whose mapped roles name a staff role, and refuses one that maps to none', async () => {
    const secrets = await newDevSecrets();
    const verify = staffTokenVerifier(
      loadRegionConfig(SAMPLE_REGION_FILE),
      staffAuthConfig({
        AUTH_ISSUER: LOCAL_ISSUER,
        AUTH_AUDIENCE: LOCAL_AUDIENCE,
        AUTH_JWKS: JSON.stringify(secrets.jwks),
        AUTH_ROLES_CLAIM: keycloak.AUTH_ROLES_CLAIM,
        AUTH_ROLE_MAP: JSON.stringify(keycloak.AUTH_ROLE_MAP),
      }),
    );
    const now = Math.floor(Date.now() / 1000);
    const token = (roles: string[]) =>
      signRawDevToken(secrets, { sub: 'kc-user', iat: now, exp: now + 600, realm_access: { roles } });

    const staff = await verify(`Bearer ${await token(['xf-boss', 'default-roles'])}`);
    expect(staff.roles).toEqual(['supervisor']);
    await expect(verify(`Bearer ${await token(['default-roles'])}`)).rejects.toThrow(
      'token claims do not name a staff role',
    );
  });
});

describe('the staff-token slice of the configuration', () => {
  const base = { AUTH_ISSUER: LOCAL_ISSUER, AUTH_AUDIENCE: LOCAL_AUDIENCE };

  it('reads the roles claim itself unless told otherwise, and needs exactly one key source', () => {
    expect(staffAuthConfig({ ...base, AUTH_JWKS_URL: 'https://idp.example/jwks' }).AUTH_ROLES_CLAIM).toBe(
      'roles',
    );
    expect(() => staffAuthConfig(base)).toThrow(ConfigError);
    expect(() =>
      staffAuthConfig({ ...base, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWKS: '{"keys":[]}' }),
    ).toThrow(/exactly one of AUTH_JWKS_URL and AUTH_JWKS/);
  });

  it('refuses a missing issuer, and a role map that names no staff role', () => {
    expect(() => staffAuthConfig({ AUTH_AUDIENCE: 'x', AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(
      /AUTH_ISSUER/,
    );
    expect(() =>
      staffAuthConfig({ ...base, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ROLE_MAP: '{"x":"king"}' }),
    ).toThrow(/AUTH_ROLE_MAP/);
  });
});
