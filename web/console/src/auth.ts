// Staff sign-in: OpenID Connect authorization code + PKCE against the region's provider
// (oauth4webapi). The tokens live in this module's memory only: a reload signs in again, which
// the provider's own session makes silent. Only the PKCE verifier and state cross the redirect,
// in sessionStorage, and are removed when it returns.
import * as oauth from 'oauth4webapi';
import type { SiteConfig } from '../../../shared/site-config.ts';

type SignIn = NonNullable<SiteConfig['staffSignIn']>;

const PENDING_KEY = 'petition-desk-console-sign-in';
/** Set while signing out, so the page the provider returns to does not sign straight in again. */
const SIGNED_OUT_KEY = 'petition-desk-console-signed-out';

interface Pending {
  verifier: string;
  state: string;
  /** The console route to go back to after signing in. */
  returnTo: string;
}

interface Session {
  accessToken: string;
  idToken: string | undefined;
  name: string;
  expiresAt: number;
}

let session: Session | undefined;

const redirectUri = () => `${location.origin}${location.pathname}`;

/** Plain HTTP only for a provider on this machine (the local stack). */
function requestOptions(issuer: URL) {
  const loopback =
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(config: SignIn) {
  const issuer = new URL(config.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(issuer) });
  return { server: await oauth.processDiscoveryResponse(issuer, response), options: requestOptions(issuer) };
}

/** Sends the browser to the provider; it comes back to this page with a code. */
export async function beginSignIn(config: SignIn, returnTo: string): Promise<never> {
  const { server } = await discover(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo } satisfies Pending));
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  const url = new URL(server.authorization_endpoint as string);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid profile',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(config.resource && { resource: config.resource }),
  }).toString();
  location.assign(url.href);
  return new Promise<never>(() => {});
}

/** On the way back from the provider: trades the code for tokens. Returns the route to show. */
export async function completeSignIn(config: SignIn): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const stored = sessionStorage.getItem(PENDING_KEY);
  if (!stored || !(params.has('code') || params.has('error'))) return undefined;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri());
  const pending = JSON.parse(stored) as Pending;
  const { server, options } = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  const callback = oauth.validateAuthResponse(server, client, params, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    callback,
    redirectUri(),
    pending.verifier,
    { ...options, ...(config.resource && { additionalParameters: { resource: config.resource } }) },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    name: typeof claims?.name === 'string' ? claims.name : String(claims?.sub ?? ''),
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
  };
  return pending.returnTo;
}

export function accessToken(): string | undefined {
  return session && session.expiresAt > Date.now() ? session.accessToken : undefined;
}

export const signedInName = () => session?.name ?? '';

/** Forgets the tokens and ends the provider's session, back to this page. */
export async function signOut(config: SignIn): Promise<void> {
  const idToken = session?.idToken;
  session = undefined;
  sessionStorage.setItem(SIGNED_OUT_KEY, '1');
  const { server } = await discover(config);
  if (!server.end_session_endpoint) {
    location.assign(redirectUri());
    return;
  }
  const url = new URL(server.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: redirectUri(),
    ...(idToken && { id_token_hint: idToken }),
  }).toString();
  location.assign(url.href);
}

/** Whether the page is back from signing out (asked once). */
export function wasSignedOut(): boolean {
  const signedOut = sessionStorage.getItem(SIGNED_OUT_KEY) !== null;
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return signedOut;
}
