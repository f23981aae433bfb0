// The one middy stack for HTTP functions: log, map errors, resolve the route, authenticate
// staff, parse and validate the body, path and query with the route's zod schemas, then
// call the route's action. Handlers stay thin: they call a use case and shape the answer.

import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type StaffClaims, verifyStaffToken } from '../../shared/auth.ts';
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/errors.ts';
import { errorFields, logger } from '../../shared/logger.ts';
import type { Caller, UseCaseContext } from '../../shared/usecases/context.ts';
import { parseInput } from '../../shared/validation.ts';
import { functionContext } from '../context.ts';
import { errorResponse } from './errors.ts';
import {
  type FunctionName,
  type Route,
  type RouteSchemas,
  routeKey,
  routeSchemas,
  routes,
} from './routes.ts';

/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest {
  body: unknown;
  params: unknown;
  query: unknown;
  headers: Record<string, string | undefined>;
  caller: Caller;
  staff?: StaffClaims;
  requestId: string;
}

export interface HttpResult {
  statusCode: number;
  /** Sent as JSON, unless the result is `text` (a CSV export, say) with its own content type. */
  body: unknown;
  text?: { contentType: string; body: string };
  headers?: Record<string, string>;
}

export type Action = (request: HttpRequest, ctx: UseCaseContext) => Promise<HttpResult>;

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

type Internal = { startedAt?: number } & Record<string, unknown>;

function respond(statusCode: number, body: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

function lowerCaseHeaders(headers: Event['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function readBody(event: Event, route: Route, schemas: RouteSchemas): unknown {
  if (!route.body) return undefined;
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const contentType = lowerCaseHeaders(event.headers)['content-type'] ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType))
    throw new UnsupportedMediaTypeError('not JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new UnsupportedMediaTypeError('body is not valid JSON', { cause: error });
  }
  return parseInput(route.body(schemas), parsed);
}

function readPart(schema: ((s: RouteSchemas) => unknown) | undefined, schemas: RouteSchemas, value: unknown) {
  if (!schema) return undefined;
  return parseInput(schema(schemas) as Parameters<typeof parseInput>[0], value ?? {});
}

/** Logs each request once, with no body and no personal data. */
const requestLog = (): MiddlewareObj<Event, Result, Error, Context, Internal> => ({
  before: (request) => {
    request.internal.startedAt = Date.now();
  },
  after: (request) => {
    logger.info('request', {
      route: request.event.routeKey,
      status: request.response?.statusCode,
      ms: Date.now() - (request.internal.startedAt ?? Date.now()),
      requestId: request.context.awsRequestId,
    });
  },
});

/** Errors become their HTTP answer here and nowhere else. */
const httpErrors = (): MiddlewareObj<Event, Result, Error, Context, Internal> => ({
  onError: (request) => {
    const { statusCode, body } = errorResponse(request.error);
    const fields = {
      route: request.event.routeKey,
      status: statusCode,
      requestId: request.context.awsRequestId,
    };
    if (statusCode >= 500) logger.error('request failed', { ...fields, ...errorFields(request.error) });
    else logger.info('request refused', { ...fields, code: body.error.code });
    request.response = respond(statusCode, body);
  },
});

/**
 * Builds the Lambda handler of one function. Configuration is read here, at cold start:
 * a missing variable fails the init, not a request.
 */
export function httpFunction(name: FunctionName, actions: Record<string, Action>) {
  const ctx = functionContext();
  const { config } = ctx;
  const schemas = routeSchemas(config.region);
  const served = new Map(routes.filter((r) => r.function === name).map((r) => [routeKey(r), r]));
  const unmatched = [...served.keys()].filter((key) => !actions[key]);
  const extra = Object.keys(actions).filter((key) => !served.has(key));
  if (unmatched.length || extra.length) {
    throw new Error(
      `Function ${name}: routes without action [${unmatched}], actions without route [${extra}]`,
    );
  }

  const handle = async (event: Event, context: Context): Promise<Result> => {
    const route = served.get(event.routeKey);
    const action = actions[event.routeKey];
    if (!route || !action) throw new NotFoundError({ zh: '沒有這個路徑。', en: 'No such route.' });
    const headers = lowerCaseHeaders(event.headers);
    let staff: StaffClaims | undefined;
    if (route.roles) {
      staff = await verifyStaffToken(config, headers.authorization);
      const allowed = route.roles;
      if (!staff.roles.some((role) => allowed.includes(role))) throw new ForbiddenError(route.operationId);
    }
    const problems: ValidationError[] = [];
    const collect = <T>(read: () => T): T | undefined => {
      try {
        return read();
      } catch (error) {
        if (error instanceof ValidationError) problems.push(error);
        else throw error;
        return undefined;
      }
    };
    const params = collect(() => readPart(route.params, schemas, event.pathParameters));
    const query = collect(() => readPart(route.query, schemas, event.queryStringParameters));
    const body = collect(() => readBody(event, route, schemas));
    if (problems.length) throw new ValidationError(problems.flatMap((p) => p.problems));
    const caller: Caller = staff
      ? { actor: { kind: 'staff', id: staff.sub }, roles: staff.roles }
      : { actor: { kind: 'public' }, roles: [] };
    const result = await action(
      { body, params, query, headers, caller, ...(staff && { staff }), requestId: context.awsRequestId },
      ctx,
    );
    if (result.text) {
      return {
        statusCode: result.statusCode,
        headers: { 'content-type': result.text.contentType, 'cache-control': 'no-store', ...result.headers },
        body: result.text.body,
      };
    }
    return respond(result.statusCode, result.body, result.headers);
  };

  return middy<Event, Result, Error, Context, Internal>(handle).use(requestLog()).use(httpErrors());
}

/** Reads and checks an Idempotency-Key header, if the request has one. */
export function idempotencyKey(request: HttpRequest): string | undefined {
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
  return key;
}
