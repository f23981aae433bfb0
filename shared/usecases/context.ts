// What every use case is given: the store, the configuration, and a clock to read "now".
import { randomInt } from 'node:crypto';
import type { AppConfig } from '../config.ts';
import type { Actor } from '../domain/timeline.ts';
import type { Store } from '../store/case-store.ts';
import { COUNTER_SHARDS } from '../store/keys.ts';

export interface UseCaseContext {
  store: Store;
  config: AppConfig;
  now: () => Date;
}

/** Who is asking: the public (by receipt code) or a staff member (by token). */
export interface Caller {
  actor: Actor;
  roles: string[];
}

/** The counter bucket of what stands now (open and overdue cases), not of a period. */
export const CURRENT = 'CURRENT';

export function counterShard(): number {
  return randomInt(COUNTER_SHARDS);
}

export async function pause(maxMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * maxMs));
}
