// Idempotency-Key handling: the first result of a key is stored with the request's hash
// in the same transaction as the change it reports; a replay gets that result back, and
// the same key with another body is refused.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/timeline.ts';
import { IdempotencyKeyReusedError } from '../errors.ts';
import type { IdempotencyWrite, Store } from './ports.ts';

export interface IdempotencyRequest {
  /** Whose key this is: keys of different callers never collide. */
  scope: string;
  key: string;
  body: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function idempotencyWrite<R>(request: IdempotencyRequest, result: R, nowMs: number): IdempotencyWrite {
  return {
    scopedKeyHash: sha256(`${request.scope}\n${request.key}`),
    // Stored as JSON text so a replay is byte for byte the first answer.
    record: {
      requestHash: sha256(canonicalJson(request.body)),
      result: JSON.stringify(result),
    },
    nowMs,
  };
}

/** The first result for a replayed key; a different body under the same key is refused. */
export async function replayResult<R>(store: Store, request: IdempotencyRequest): Promise<R | undefined> {
  const record = await store.idempotency.get(sha256(`${request.scope}\n${request.key}`));
  if (!record) return undefined;
  if (record.requestHash !== sha256(canonicalJson(request.body))) throw new IdempotencyKeyReusedError();
  // Written by idempotencyWrite from a result of this same type.
  return JSON.parse(record.result) as R;
}
