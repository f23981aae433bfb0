// The security headers of every answer, one list for the API (the functions add them), the
// pages (the local server; CloudFront's response-headers policy on AWS), and the local
// adapter's own errors. Pages run only their own script: no inline script or style.

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'x-frame-options': 'DENY',
} as const;

/** JSON answers: nothing in them may run or be framed. */
export const API_SECURITY_HEADERS: Record<string, string> = {
  ...COMMON,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/**
 * The pages' policy; `connectTo` adds the API's origin where it is not the page's own, and the
 * files bucket's (uploads go straight to it), whose checked photos are also `images`. As a
 * <meta> element (`meta`) it leaves out frame-ancestors, which only a header can carry.
 */
export function pageContentSecurityPolicy({
  connectTo = [],
  images = [],
  meta = false,
}: {
  connectTo?: string[];
  images?: string[];
  meta?: boolean;
} = {}): string {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'data:', ...images].join(' ')}`,
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return (meta ? policy.filter((directive) => !directive.startsWith('frame-ancestors')) : policy).join('; ');
}

export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  ...COMMON,
  'content-security-policy': pageContentSecurityPolicy(),
};

export const PERMISSIONS_POLICY = COMMON['permissions-policy'];
