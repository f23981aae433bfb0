// A real OpenID provider for the local stack (oidc-provider, certified by the OpenID
// Foundation): the console signs in through it with authorization code + PKCE exactly as it
// does against the region's provider on AWS. Its users are the region's receiving officials
// and a few staff; its access tokens are JWTs signed with the local key the API trusts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { StaffRole } from '../../shared/auth.ts';
import { regionScript } from '../../shared/domain/region-script.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { type DevSecrets, LOCAL_AUDIENCE } from './dev-secrets.ts';

/** The console's client id, at the local provider and (by default) at the region's. */
export const CONSOLE_CLIENT_ID = 'petition-desk-console';
/** The API as a resource indicator (RFC 8707): tokens for it are JWTs with its audience. */
export const API_RESOURCE = 'urn:petition-desk:api';
const ACCESS_TOKEN_SECONDS = 8 * 3600;

export interface LocalStaffUser {
  username: string;
  name: string;
  roles: StaffRole[];
  officialId?: string;
  department?: string;
}

/** The region's officials, a handler per department, and one of each other staff role. */
export function localStaffUsers(region: RegionConfig): LocalStaffUser[] {
  return [
    { username: 'clerk', name: '接訪員 周某', roles: ['clerk'] },
    { username: 'supervisor', name: '督查科 吳某', roles: ['supervisor'] },
    { username: 'admin', name: '系統管理員 鄭某', roles: ['admin'] },
    { username: 'auditor', name: '審計員 王某', roles: ['auditor'] },
    // Two archive officers: a disposal list is approved by someone other than who drew it up.
    { username: 'archivist', name: '檔案員 馮某', roles: ['archivist'] },
    { username: 'archivist-2', name: '檔案員 陳某', roles: ['archivist'] },
    // An official the region names to sign opinions off holds that leader's role too.
    ...region.officials.map((o) => ({
      username: o.id,
      name: `${o.title.zh} ${o.name}`,
      roles: [
        'official' as const,
        ...region.signOff.signers.filter((s) => s.officialId === o.id).map((s) => s.role),
      ],
      officialId: o.id,
    })),
    ...region.departments.map((d) => ({
      username: `dept-${d.code}`,
      name: d.name.zh,
      roles: ['department' as const],
      department: d.code,
    })),
  ];
}

/** The one password of every local user: derived from this checkout's secrets, printed by `npm start`. */
export function localStaffPassword(secrets: DevSecrets): string {
  return createHmac('sha256', secrets.pepper).update('local-staff-password').digest('base64url').slice(0, 12);
}

/**
 * The provider's address is known once it listens, and the API (which must trust that
 * issuer) is started in between: `serve` then registers the console at the API's address.
 */
export interface LocalIdentityProvider {
  issuer: string;
  serve(options: ServeOptions): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  secrets: DevSecrets;
  region: RegionConfig;
  /** Where the console lives (its redirect and post-sign-out address). */
  consoleUrl: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · petition-desk</title></head>
<body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, problem?: string): string {
  return page(
    '登入 Sign in',
    `<h1>工作人員登入 <span lang="en">Staff sign-in</span></h1>
${problem ? `<p role="alert" id="problem">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="username">帳號 <span lang="en">Username</span></label><br><input id="username" name="username" autocomplete="username" required autofocus></p>
<p><label for="password">密碼 <span lang="en">Password</span></label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">登入 <span lang="en">Sign in</span></button></p>
</form>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) break;
  }
  return new URLSearchParams(body);
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function openLocalIdentityProvider(
  port: number,
  host = '127.0.0.1',
): Promise<LocalIdentityProvider> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const issuer = `http://${host}:${address && typeof address === 'object' ? address.port : port}`;
  return {
    issuer,
    serve: (options) => serveProvider(server, issuer, options),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function serveProvider(server: Server, issuer: string, options: ServeOptions): void {
  // The provider's pages and its users' names in the region's script (written in Traditional).
  const script = regionScript(options.region.region.language);
  const tag = options.region.region.language === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  const inRegion = (html: string) => script(html).replace('<html lang="zh-Hant">', `<html lang="${tag}">`);
  const users = new Map(localStaffUsers(options.region).map((u) => [u.username, u]));
  const password = localStaffPassword(options.secrets);
  const consoleOrigin = new URL(options.consoleUrl).origin;

  const configuration: Configuration = {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.consoleUrl],
        post_logout_redirect_uris: [options.consoleUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // The one local key is an EC key (the API's dev key).
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [options.secrets.privateJwk as never] },
    cookies: { keys: [createHmac('sha256', options.secrets.pepper).update('idp-cookies').digest('hex')] },
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      return user && { accountId: id, claims: () => ({ sub: id, name: script(user.name) }) };
    },
    // The console is the office's own client: its sign-in grants the API without a consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_RESOURCE, 'staff');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = users.get(token.accountId);
      if (!user) return undefined;
      return {
        roles: user.roles,
        ...(user.officialId && { officialId: user.officialId }),
        ...(user.department && { department: user.department }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = inRegion(
            page(
              '登出 Sign out',
              `${form}<h1>登出 <span lang="en">Sign out</span></h1>
<p>確定要登出嗎？<span lang="en">Sign out of petition-desk?</span></p>
<p><button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-sign-out">登出 <span lang="en">Sign out</span></button></p>`,
            ),
          );
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'staff',
            audience: LOCAL_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => origin === consoleOrigin,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Plain pages of its own: the defaults load web fonts, which a closed network does not have.
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('錯誤 Error', `<pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
    ttl: { AccessToken: ACCESS_TOKEN_SECONDS, IdToken: ACCESS_TOKEN_SECONDS, Session: ACCESS_TOKEN_SECONDS },
  };
  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  const answerPage = (res: ServerResponse, status: number, html: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The form posts here, then the provider redirects to the console.
      'content-security-policy': `default-src 'none'; form-action 'self' ${consoleOrigin}; frame-ancestors 'none'; base-uri 'none'`,
      'x-content-type-options': 'nosniff',
    });
    res.end(inRegion(html));
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const [, , uid, step] = path.split('/');
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return answerPage(res, 400, loginPage(details.uid, 'Session mismatch'));
    if (req.method === 'GET') return answerPage(res, 200, loginPage(details.uid));
    if (req.method === 'POST' && step === 'login') {
      const form = await formBody(req);
      const username = form.get('username') ?? '';
      if (!users.has(username) || !sameSecret(form.get('password') ?? '', password)) {
        return answerPage(res, 401, loginPage(details.uid, '帳號或密碼不正確。Wrong username or password.'));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: username } },
        {
          mergeWithLastSubmission: false,
        },
      );
    }
    res.writeHead(405).end();
  };

  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) {
      interaction(req, res, path).catch(() => {
        if (!res.headersSent) answerPage(res, 400, loginPage('', 'Sign-in expired: start again.'));
      });
      return;
    }
    oidc(req, res);
  });
}
