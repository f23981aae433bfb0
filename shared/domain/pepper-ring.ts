// The secrets personal data is hashed with, by version, so a new pepper can come in while
// hashes made with the old one still match (docs/matching.md, "Pepper rotation").
import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * The secrets the hashes are keyed with (胡椒), by version: new hashes under `current`; the
 * other versions are still matched while a rotation lasts (docs/matching.md, "Pepper rotation").
 */
export interface PepperRing {
  current: string;
  versions: Record<string, string>;
}

/** The secret's JSON: `{"current": "v2", "v1": "…", "v2": "…"}`, each pepper 32 characters or more. */
const pepperRingSchema = z.record(z.string().check(z.regex(/^(current|v\d{1,4})$/)), z.string()).check(
  z.refine((ring) => Boolean(ring.current && ring.current !== 'current' && ring[ring.current]), {
    message: '"current" must name a version the secret holds',
  }),
  z.refine((ring) => Object.entries(ring).every(([key, value]) => key === 'current' || value.length >= 32), {
    message: 'each pepper must be 32 characters or more',
  }),
);

/** The ring from its JSON, or what is wrong with it (never the secret itself). */
export function parsePepperRing(json: string): PepperRing | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  const parsed = pepperRingSchema.safeParse(raw);
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
  const { current, ...versions } = parsed.data;
  return { current: current as string, versions };
}

/** Versions, the current one first: the order lookups try them in. */
export const versionsOf = (ring: PepperRing) => [
  ring.current,
  ...Object.keys(ring.versions).filter((version) => version !== ring.current),
];

/** `v2.<HMAC>`: the version in the hash says which pepper made it. */
export function keyedHash(ring: PepperRing, version: string, value: string): string {
  const pepper = ring.versions[version] as string;
  return `${version}.${createHmac('sha256', pepper).update(value).digest('base64url').slice(0, 32)}`;
}
