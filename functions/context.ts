// The use-case context every function shares: configuration (validated at cold start),
// one DynamoDB client for the life of the container, and the clock.
import { type AppConfig, getConfig } from '../shared/config.ts';
import { createStore } from '../shared/store/store.ts';
import type { UseCaseContext } from '../shared/usecases/context.ts';

let ctx: UseCaseContext | undefined;

export function functionContext(): UseCaseContext {
  if (ctx) return ctx;
  const config = getConfig();
  ctx = {
    store: createStore({
      tableName: config.TABLE_NAME,
      endpoint: config.DYNAMODB_ENDPOINT,
      requestTimeoutMs: config.STORE_REQUEST_TIMEOUT_MS ? Number(config.STORE_REQUEST_TIMEOUT_MS) : undefined,
      queueShards: config.region.queueShards,
    }),
    config,
    // The functions that hash are given their peppers (functions/aws/peppers.ts): the others
    // carry no secret reader in their bundle.
    peppers: async () => {
      throw new Error('This function has no pepper: it must not hash personal data');
    },
    now: clockOf(config),
  };
  return ctx;
}

/** The real clock, or on the local stack one that starts at a given instant and runs on. */
function clockOf(config: AppConfig): () => Date {
  if (!config.CLOCK_STARTS_AT) return () => new Date();
  const offset = Date.parse(config.CLOCK_STARTS_AT) - Date.now();
  return () => new Date(Date.now() + offset);
}
