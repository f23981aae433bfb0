// The Idempotency-Key header: checked here, scoped to its caller, handed to the use case.
import { ValidationError } from '../../shared/errors.ts';
import type { IdempotencyRequest } from '../../shared/usecases/idempotency.ts';

/** The request's idempotency key in its scope (keys of different callers never collide), if any. */
export function idempotencyOf(
  request: { headers: Record<string, string | undefined>; body: unknown },
  scope: string,
): IdempotencyRequest | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        code: 'invalid_format',
        message: {
          zh: 'Idempotency-Key 須為 1 至 128 個可見 ASCII 字元。',
          en: 'Idempotency-Key must be 1 to 128 visible ASCII characters.',
        },
      },
    ]);
  }
  return { scope, key, body: request.body };
}
