// Health: the store answers, or the service is unavailable (503, never a 500).
import { UnavailableError } from '../errors.ts';
import { errorFields, logger } from '../logger.ts';
import type { UseCaseContext } from './context.ts';

export async function checkHealth(ctx: UseCaseContext): Promise<void> {
  try {
    await ctx.store.ping();
  } catch (error) {
    logger.error('health check failed', errorFields(error));
    throw new UnavailableError('table unreachable', { cause: error });
  }
}
