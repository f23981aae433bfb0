// Per-client limits (限流): a fixed window per client, counted in the table by one conditional
// write, the same in both partitions (the China partition has no WAF for CloudFront or HTTP
// APIs). A client is a keyed hash, never a value in clear: of its address on the public
// routes, of the receipt code on a status look-up, an API key's id for Open311.
import type { LimitWindow, RegionConfig } from '../region.ts';
import { keyedHash, type PepperRing } from './pepper-ring.ts';

/** The routes anyone may call without a token, by path: what one client could starve for everyone. */
export const PUBLIC_PATH_PREFIXES = ['/petitions', '/reception-days', '/open311', '/documents'] as const;

export const isLimitedPublicPath = (path: string) =>
  PUBLIC_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** One count a request takes: whose window, how many it holds, how long its item is kept. */
export interface LimitClaim {
  /** `ADDR#<hash>`, `CODE#<hash>`, `KEY#<key id>` (a route's own window adds `#<operationId>`). */
  client: string;
  window: LimitWindow;
  /** Seconds the count stays after its window (an API key's counts are its usage report). */
  keepSeconds: number;
}

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Address and receipt-code windows are only needed while they run (and one more, for clocks). */
const SHORT_KEEP_SECONDS = 60 * 60;
/** An API key's windows are its usage report: kept 35 days. */
export const API_KEY_USAGE_DAYS = 35;

/** The window `nowMs` falls in: when it started (epoch seconds) and the seconds left in it. */
export function windowAt(nowMs: number, seconds: number): { start: number; end: number; left: number } {
  const now = Math.floor(nowMs / 1000);
  const start = now - (now % seconds);
  const end = start + seconds;
  return { start, end, left: Math.max(1, end - now) };
}

/**
 * The client an address stands for: an IPv4 address as is (an IPv4-mapped IPv6 one too), an
 * IPv6 address by its /64, which one subscriber holds whole and may rotate through freely.
 */
export function addressClient(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

type ClientKind = 'address' | 'receiptCode';

/** A client known by a value it sends (its address, a receipt code): a hash under the current pepper. */
export function publicClaim(
  kind: ClientKind,
  value: string,
  peppers: PepperRing,
  region: RegionConfig,
  operationId: string,
): LimitClaim {
  const own = region.clientLimits.routes?.[operationId];
  const window =
    own ?? (kind === 'address' ? region.clientLimits.perAddress : region.clientLimits.perReceiptCode);
  const hash = keyedHash(peppers, peppers.current, `limit:${kind}:${value}`);
  return {
    client: `${kind === 'address' ? 'ADDR' : 'CODE'}#${hash}${own ? `#${operationId}` : ''}`,
    window,
    keepSeconds: SHORT_KEEP_SECONDS,
  };
}

/** An Open311 client by its key's id: its own window if the office gave it one. */
export function apiKeyClaim(keyId: string, own: LimitWindow | undefined, region: RegionConfig): LimitClaim {
  return {
    client: `KEY#${keyId}`,
    window: own ?? region.clientLimits.perApiKey,
    keepSeconds: API_KEY_USAGE_DAYS * 24 * 60 * 60,
  };
}
