// API keys the office issues to other systems (a city's 12345 platform, a mini-program, a
// township's form) for Open311: the key is shown once; only its SHA-256 is stored. A key is
// `pd_<id>_<secret>`: the id finds the record by key lookup, the secret proves the holder.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LimitWindow } from '../region.ts';
import { randomCharacters } from './receipt-code.ts';

export interface ApiKey {
  keyId: string;
  /** Who holds it, in the office's words (市12345熱線平台). */
  name: string;
  /** SHA-256 of the whole key, hex: the key itself is never stored. */
  hash: string;
  /** Its own window, else the region's `clientLimits.perApiKey`. */
  window?: LimitWindow;
  /** A batch client is answered a token for each request and follows it (GeoReport v2). */
  batch: boolean;
  issued: { at: string; by: string };
  revoked?: { at: string; by: string; reason: string };
}

const KEY_PATTERN = /^pd_([A-Z0-9]{10})_([A-Za-z0-9_-]{43})$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A new key: its id (stored), the key (shown once) and its hash (stored). */
export function newApiKey(): { keyId: string; key: string; hash: string } {
  const keyId = randomCharacters(10);
  const key = `pd_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { keyId, key, hash: sha256(key) };
}

/** The id a presented key claims, if it has a key's shape. */
export function keyIdOf(presented: string): string | undefined {
  return KEY_PATTERN.exec(presented)?.[1];
}

/** The presented key is the one issued (constant time over the hashes). */
export function keyMatches(presented: string, key: Pick<ApiKey, 'hash'>): boolean {
  const given = Buffer.from(sha256(presented), 'hex');
  const stored = Buffer.from(key.hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
