// Where a function's peppers come from: the region's Secrets Manager secret, read with one
// signed call at cold start and again every few minutes (so a rotation's new version reaches
// every container before it becomes current); locally, the JSON in the configuration.
import type { AppConfig } from '../../shared/config.ts';
import { type PepperRing, parsePepperRing } from '../../shared/domain/pepper-ring.ts';
import { UnavailableError } from '../../shared/errors.ts';
import { logger } from '../../shared/logger.ts';
import { secretReader } from './secrets.ts';

/** How long a container keeps the ring before reading the secret again. */
export const PEPPER_REFRESH_MS = 5 * 60_000;

export type PepperSource = () => Promise<PepperRing>;

function ringOf(json: string): PepperRing {
  const ring = parsePepperRing(json);
  if ('problem' in ring) throw new Error(`The pepper secret is not a pepper ring: ${ring.problem}`);
  return ring;
}

/** GetSecretValue over SigV4: the secret's current version. */
export function secretsManagerPeppers(
  secretArn: string,
  options: { region?: string; origin?: string } = {},
): PepperSource {
  const read = secretReader(secretArn, options);
  return async () => ringOf(await read());
}

/**
 * Kept for PEPPER_REFRESH_MS; a failed refresh keeps the ring it has (logged), a failed first
 * read answers 503 and is tried again on the next request.
 */
export function refreshing(read: PepperSource, now = () => Date.now()): PepperSource {
  let kept: { ring: PepperRing; at: number } | undefined;
  let reading: Promise<PepperRing> | undefined;
  const refresh = () => {
    reading ??= read()
      .then((ring) => {
        kept = { ring, at: now() };
        return ring;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return async () => {
    if (kept && now() - kept.at < PEPPER_REFRESH_MS) return kept.ring;
    try {
      return await refresh();
    } catch (error) {
      if (kept) {
        logger.warn('pepper refresh failed; keeping the ring read before', { error: String(error) });
        return kept.ring;
      }
      throw new UnavailableError('The pepper secret cannot be read', { cause: error });
    }
  };
}

/** The peppers of a function that hashes, as its configuration names them. */
export function pepperSourceOf(config: AppConfig): PepperSource {
  if (config.PERSONAL_DATA_PEPPERS) {
    const ring = ringOf(config.PERSONAL_DATA_PEPPERS);
    return async () => ring;
  }
  if (config.PEPPER_SECRET_ARN) {
    const source = refreshing(secretsManagerPeppers(config.PEPPER_SECRET_ARN));
    // Read during the cold start, not on the first request.
    source().catch(() => undefined);
    return source;
  }
  throw new Error('Set PEPPER_SECRET_ARN or PERSONAL_DATA_PEPPERS for a function that hashes');
}
