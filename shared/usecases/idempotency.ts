// Idempotency-Key handling: the first response to a key is stored with the request's hash
// in the same transaction as the change it reports; a replay gets that response back, and
// the same key with another body is refused.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/timeline.ts';
import { IdempotencyKeyReusedError } from '../errors.ts';
import { getIdempotencyRecord, type IdempotencyWrite, type Store } from '../store/case-store.ts';

export interface IdempotencyRequest {
  /** Whose key this is: keys of different callers never collide. */
  scope: string;
  key: string;
  body: unknown;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function idempotencyWrite(
  request: IdempotencyRequest,
  response: StoredResponse,
  nowMs: number,
): IdempotencyWrite {
  return {
    scopedKeyHash: sha256(`${request.scope}\n${request.key}`),
    // Stored as JSON text so a replay is byte for byte the first answer.
    record: {
      requestHash: sha256(canonicalJson(request.body)),
      statusCode: response.statusCode,
      body: JSON.stringify(response.body),
    },
    nowMs,
  };
}

/** The stored response for a replayed key; a different body under the same key is refused. */
export async function replayResponse(
  store: Store,
  request: IdempotencyRequest,
): Promise<StoredResponse | undefined> {
  const record = await getIdempotencyRecord(store, sha256(`${request.scope}\n${request.key}`));
  if (!record) return undefined;
  if (record.requestHash !== sha256(canonicalJson(request.body))) throw new IdempotencyKeyReusedError();
  return { statusCode: record.statusCode, body: JSON.parse(record.body) };
}
