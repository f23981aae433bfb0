// The application's typed errors. HTTP status is decided only at the edge
// (functions/http/errors.ts); these say what went wrong in the domain's words.

export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldProblem {
  /** Dotted path of the failing field, e.g. `petitioner.phone`; empty for the whole body. */
  field: string;
  code: string;
  message: Bilingual;
}

export abstract class AppError extends Error {
  abstract readonly publicMessage: Bilingual;
}

/** The request is understood but its fields are wrong (400). */
export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly publicMessage: Bilingual = {
    zh: '提交的內容有誤，請更正標出的欄位。',
    en: 'Some fields are invalid.',
  };
  constructor(readonly problems: FieldProblem[]) {
    super(`Validation failed: ${problems.map((p) => p.field || '(body)').join(', ')}`);
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  readonly publicMessage: Bilingual;
  constructor(readonly limitBytes: number) {
    super(`Body larger than ${limitBytes} bytes`);
    this.publicMessage = {
      zh: `提交的內容過大（上限 ${limitBytes} 字節）。`,
      en: `The request body is larger than ${limitBytes} bytes.`,
    };
  }
}

export class UnsupportedMediaTypeError extends AppError {
  override name = 'UnsupportedMediaTypeError';
  readonly publicMessage: Bilingual = {
    zh: '請以 JSON 格式提交（Content-Type: application/json）。',
    en: 'Send the body as JSON (Content-Type: application/json).',
  };
}

/** What a route that does not exist answers (404), and a secret route asked without its secret. */
export const NO_SUCH_ROUTE: Bilingual = { zh: '沒有這個路徑。', en: 'No such route.' };

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(readonly publicMessage: Bilingual) {
    super(publicMessage.en);
  }
}

/** The request conflicts with the current state of a case (409). */
export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(readonly publicMessage: Bilingual) {
    super(publicMessage.en);
  }
}

/** An Idempotency-Key was reused with a different request body (422). */
export class IdempotencyKeyReusedError extends AppError {
  override name = 'IdempotencyKeyReusedError';
  readonly publicMessage: Bilingual = {
    zh: '此 Idempotency-Key 已用於另一個不同的請求。',
    en: 'This Idempotency-Key was already used with a different request.',
  };
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  readonly publicMessage: Bilingual;
  /** `publicMessage`: why, where saying so gives nothing away (a token from another issuer). */
  constructor(message: string, options?: ErrorOptions & { publicMessage?: Bilingual }) {
    super(message, options);
    this.publicMessage = options?.publicMessage ?? {
      zh: '需要有效的工作人員憑證。',
      en: 'A valid staff token is required.',
    };
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly publicMessage: Bilingual = {
    zh: '您沒有執行此操作的權限。',
    en: 'You are not allowed to do this.',
  };
}

/** A client used up its window of requests (429): try again when the next one opens. */
export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  // The edge firewall's words (infra/edge-firewall-stack.ts): one answer, whichever limit spoke.
  readonly publicMessage: Bilingual = {
    zh: '來自此網絡的請求過多，請幾分鐘後再試。',
    en: 'Too many requests from this network; please try again in a few minutes.',
  };
  constructor(readonly retryAfterSeconds: number) {
    super(`window full; retry after ${retryAfterSeconds} s`);
  }
}

/** An Open311 call without a key the office issued, or with a revoked one (403). */
export class ApiKeyRefusedError extends ForbiddenError {
  override name = 'ApiKeyRefusedError';
  override readonly publicMessage: Bilingual = {
    zh: '缺少 api_key，或該密鑰無效、已被撤銷。',
    en: 'The api_key is missing, unknown or revoked.',
  };
}

/** A sign-off this leader may not give (403), saying why: the rule is public, the case is not. */
export class SignOffRefusedError extends ForbiddenError {
  override name = 'SignOffRefusedError';
  constructor(override readonly publicMessage: Bilingual) {
    super(publicMessage.en);
  }
}

/** Optimistic locking kept losing to concurrent writers; the caller may retry (503). */
export class ContentionError extends AppError {
  override name = 'ContentionError';
  readonly publicMessage: Bilingual = { zh: '系統繁忙，請稍後重試。', en: 'The case is busy; please retry.' };
}

/** A dependency (the table) does not answer (503). */
export class UnavailableError extends AppError {
  override name = 'UnavailableError';
  readonly publicMessage: Bilingual = { zh: '服務暫時無法使用。', en: 'The service is unavailable.' };
}
