// What the pages and the staff console learn at run time from /config.json: where the API is
// and where staff sign in. Written by the CDK site and the local server from one shape.
import * as z from 'zod/mini';

export const siteConfigSchema = z.object({
  /** The API's base URL; empty where it shares the pages' origin. */
  apiUrl: z.string(),
  /** The region's OpenID provider and the console's client there (authorization code + PKCE). */
  staffSignIn: z.optional(
    z.object({
      issuer: z.url(),
      clientId: z.string().check(z.minLength(1)),
      /** A resource indicator (RFC 8707), for providers that issue API tokens by resource. */
      resource: z.optional(z.string()),
    }),
  ),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
