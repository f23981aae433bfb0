// The one place where errors become HTTP answers. 4xx bodies say what to fix, in Chinese
// and English; a 5xx says nothing about the cause (that goes to the log).
import {
  type AppError,
  type Bilingual,
  ConflictError,
  ContentionError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/errors.ts';

const STATUS: Array<[abstract new (...args: never[]) => AppError, number, string]> = [
  [ValidationError, 400, 'invalid_input'],
  [UnauthorizedError, 401, 'unauthorized'],
  [ForbiddenError, 403, 'forbidden'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [PayloadTooLargeError, 413, 'payload_too_large'],
  [UnsupportedMediaTypeError, 415, 'unsupported_media_type'],
  [IdempotencyKeyReusedError, 422, 'idempotency_key_reused'],
  [TooManyRequestsError, 429, 'too_many_requests'],
  [ContentionError, 503, 'busy'],
  [UnavailableError, 503, 'unavailable'],
];

const INTERNAL: Bilingual = {
  zh: '系統發生錯誤，請稍後再試。',
  en: 'Something went wrong on our side; please try again later.',
};

export interface ErrorResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body: { error: { code: string; message: Bilingual; fields?: ValidationError['problems'] } };
}

export function errorResponse(error: unknown): ErrorResponse {
  for (const [type, statusCode, code] of STATUS) {
    if (error instanceof type) {
      return {
        statusCode,
        // A busy or unreachable store clears within seconds: say when to try again.
        ...(statusCode === 503 && { headers: { 'retry-after': '2' } }),
        ...(error instanceof TooManyRequestsError && {
          headers: { 'retry-after': String(error.retryAfterSeconds) },
        }),
        body: {
          error: {
            code,
            message: error.publicMessage,
            ...(error instanceof ValidationError && { fields: error.problems }),
          },
        },
      };
    }
  }
  return { statusCode: 500, body: { error: { code: 'internal', message: INTERNAL } } };
}
