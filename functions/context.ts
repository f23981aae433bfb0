// The use-case context every function shares: configuration (validated at cold start),
// one DynamoDB client for the life of the container, and the clock.
import { getConfig } from '../shared/config.ts';
import { createStore } from '../shared/store/store.ts';
import type { UseCaseContext } from '../shared/usecases/context.ts';
import { pepperSourceOf } from './aws/peppers.ts';

let ctx: UseCaseContext | undefined;

export function functionContext(): UseCaseContext {
  if (ctx) return ctx;
  const config = getConfig();
  ctx = {
    store: createStore({
      tableName: config.TABLE_NAME,
      endpoint: config.DYNAMODB_ENDPOINT,
      requestTimeoutMs: config.STORE_REQUEST_TIMEOUT_MS ? Number(config.STORE_REQUEST_TIMEOUT_MS) : undefined,
    }),
    config,
    peppers: pepperSourceOf(config),
    now: () => new Date(),
  };
  return ctx;
}
