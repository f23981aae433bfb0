// The one middy stack for HTTP functions: log, map errors, find the route, authenticate
// staff, validate path, query and body with the route's zod schemas (every failing field at
// once), then call the route's action with the parsed, typed parts.
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { StaffClaims, StaffTokenVerifier } from '../../shared/auth.ts';
import type { ApiKey } from '../../shared/domain/api-keys.ts';
import { isLimitedPublicPath } from '../../shared/domain/client-limits.ts';
import { regionWords } from '../../shared/domain/open311.ts';
import { inRegionScript, regionScript } from '../../shared/domain/region-script.ts';
import { actorOf } from '../../shared/domain/timeline.ts';
import {
  type FieldProblem,
  ForbiddenError,
  NO_SUCH_ROUTE,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/errors.ts';
import { errorFields, logger } from '../../shared/logger.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { API_SECURITY_HEADERS } from '../../shared/security-headers.ts';
import {
  admitClientRequest,
  admitPublicRequest,
  countClientRefusal,
  identifyClient,
} from '../../shared/usecases/client-limits.ts';
import type { Caller, UseCaseContext } from '../../shared/usecases/context.ts';
import { toFieldProblems } from '../../shared/validation.ts';
import { configuredSecret, sameSecret } from '../aws/secrets.ts';
import { functionContext } from '../context.ts';
import { forStaff, type HttpResult, type RequestSchemas, type Route, routeKey } from './define-route.ts';
import { errorResponse } from './errors.ts';
import {
  checkJurisdiction,
  formBody,
  OPEN311_CONTENT_TYPES,
  type Open311Format,
  open311Request,
  open311Xml,
} from './open311-dialect.ts';

/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;
type Internal = { startedAt?: number } & Record<string, unknown>;

/** What the error handler must know of a request the handler began: kept by its event. */
interface Begun {
  /** An Open311 route's answer format, once its route is known. */
  open311?: { format: Open311Format; root: string };
  /** The Open311 client whose key was accepted: its refusals are counted. */
  client?: ApiKey;
}
const begun = new WeakMap<Event, Begun>();

/** An answer, its system texts in the region's script (a CSV export is all system text). */
function respond(result: HttpResult, script: (text: string) => string): Result {
  const headers = { 'cache-control': 'no-store', ...API_SECURITY_HEADERS, ...result.headers };
  if (result.binary) {
    return {
      statusCode: result.statusCode,
      headers: { 'content-type': result.binary.contentType, ...headers },
      body: Buffer.from(result.binary.body).toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (result.text) {
    return {
      statusCode: result.statusCode,
      headers: { 'content-type': result.text.contentType, ...headers },
      body: result.text.asWritten ? result.text.body : script(result.text.body),
    };
  }
  return {
    statusCode: result.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(inRegionScript(result.body, script)),
  };
}

function lowerCaseHeaders(headers: Event['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function bodyBytes(event: Event, limit = MAX_BODY_BYTES): Buffer {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > limit) throw new PayloadTooLargeError(limit);
  return bytes;
}

function jsonBody(bytes: Buffer, headers: Record<string, string | undefined>): unknown {
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(headers['content-type'] ?? ''))
    throw new UnsupportedMediaTypeError('not JSON');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new UnsupportedMediaTypeError('body is not valid JSON', { cause: error });
  }
}

/** Each part through its schema; every failing field of every part in one 400. */
function parseParts(schemas: RequestSchemas, raw: { params: unknown; query: unknown; body: unknown }) {
  const problems: FieldProblem[] = [];
  const parse = (part: keyof RequestSchemas) => {
    const result = schemas[part]?.safeParse(raw[part], { reportInput: true });
    if (result && !result.success) problems.push(...toFieldProblems(result.error.issues));
    return result?.data;
  };
  const parsed = { params: parse('params'), query: parse('query'), body: parse('body') };
  if (problems.length) throw new ValidationError(problems);
  return parsed;
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

/** An error in GeoReport v2's shape: one entry per failing field, each in the region's script. */
function open311Error(
  { statusCode, body, headers }: ReturnType<typeof errorResponse>,
  format: Open311Format,
  region: RegionConfig,
  script: (text: string) => string,
): HttpResult {
  const words = regionWords(region);
  const errors = (body.error.fields?.length ? body.error.fields : [undefined]).map((field) => ({
    code: statusCode,
    description: field ? `${field.field || 'body'}: ${words(field.message)}` : words(body.error.message),
  }));
  return open311Answer({ statusCode, body: errors, ...(headers && { headers }) }, format, 'errors', script);
}

/** An Open311 answer in the format its path asked for. */
function open311Answer(
  result: HttpResult,
  format: Open311Format,
  root: string,
  script: (text: string) => string,
): HttpResult {
  if (format === 'json') return result;
  // Written as the JSON is sent: the system's texts in the region's script, people's words as written.
  const body = open311Xml(root, inRegionScript(result.body, script));
  return { ...result, text: { contentType: OPEN311_CONTENT_TYPES.xml, body, asWritten: true } };
}

/** Errors become their HTTP answer here and nowhere else. */
const httpErrors = (
  ctx: UseCaseContext,
  script: (text: string) => string,
): MiddlewareObj<Event, Result, Error, Context, Internal> => ({
  onError: async (request) => {
    const answer = errorResponse(request.error);
    const { statusCode, body, headers } = answer;
    const fields = {
      route: request.event.routeKey,
      status: statusCode,
      requestId: request.context.awsRequestId,
    };
    if (statusCode >= 500) logger.error('request failed', { ...fields, ...errorFields(request.error) });
    else logger.info('request refused', { ...fields, code: body.error.code });
    const { open311, client } = begun.get(request.event) ?? {};
    if (client && statusCode < 500)
      await countClientRefusal(ctx, client).catch((error: unknown) =>
        logger.warn('refusal not counted', { ...fields, ...errorFields(error) }),
      );
    request.response = respond(
      open311
        ? open311Error(answer, open311.format, ctx.config.region, script)
        : { statusCode, body, ...(headers && { headers }) },
      script,
    );
  },
});

/**
 * The caller's address. Behind the edge: the viewer CloudFront appended to X-Forwarded-For
 * (what a client writes there itself comes earlier), unless API Gateway appended the edge's
 * own address, the peer it saw, after it. Without the edge: that peer.
 */
export function clientAddress(
  event: Event,
  headers: Record<string, string | undefined>,
  behindEdge: boolean,
) {
  const peer = event.requestContext.http.sourceIp;
  const forwarded = (headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!behindEdge || !forwarded.length) return peer;
  return (forwarded.at(-1) === peer ? forwarded.at(-2) : forwarded.at(-1)) ?? peer;
}

/** Builds the staff-token verifier (shared/auth.ts): given only to functions with staff routes. */
export type StaffVerifierFactory = (region: RegionConfig) => StaffTokenVerifier;

/**
 * Builds the Lambda handler of one function from its routes. Configuration and the routes'
 * request schemas are built here, at cold start: a bad region file fails the init. A function
 * with only public routes is built without a token verifier, so its bundle has no JWT code.
 */
export function httpFunction(
  name: string,
  served: Route[],
  adapters: Partial<Pick<UseCaseContext, 'anchors' | 'peppers' | 'documents' | 'signer' | 'files'>> = {},
  staffVerifier?: StaffVerifierFactory,
) {
  const ctx = { ...functionContext(), ...adapters };
  const { config } = ctx;
  // Its configuration slice is read now, at cold start: a bad issuer fails the init.
  const verifyStaff = staffVerifier?.(config.region);
  // Through CloudFront (and its firewall), not straight to the API's own URL; anywhere when unset.
  const edgeValue = configuredSecret(config.ORIGIN_VERIFY, config.ORIGIN_VERIFY_SECRET_ARN);
  const script = regionScript(config.region.region.language);
  const authenticate = (route: Route) => {
    if (!forStaff(route.access)) return undefined;
    if (!verifyStaff)
      throw new Error(`${name} serves the staff route ${routeKey(route)} without a token verifier`);
    return verifyStaff;
  };
  const table = new Map(
    served.map((route) => [
      routeKey(route),
      { route, schemas: route.request?.(config.region) ?? {}, verify: authenticate(route) },
    ]),
  );

  const handle = async (event: Event, context: Context): Promise<Result> => {
    const internal: Begun = {};
    begun.set(event, internal);
    const entry = table.get(event.routeKey);
    if (!entry) throw new NotFoundError(NO_SUCH_ROUTE);
    const { route, schemas, verify } = entry;
    const open311 = route.open311 && open311Request(event.rawPath, event.pathParameters ?? {});
    if (open311 && route.open311) internal.open311 = { format: open311.format, root: route.open311.root };
    if (route.hiddenUnless && !(await route.hiddenUnless(event.queryStringParameters ?? {}, config)))
      throw new NotFoundError(NO_SUCH_ROUTE);
    const headers = lowerCaseHeaders(event.headers);
    if (edgeValue && !sameSecret(headers['x-origin-verify'], await edgeValue()))
      throw new ForbiddenError('request did not come through the edge');
    let staff: StaffClaims | undefined;
    if (verify && forStaff(route.access)) {
      staff = await verify(headers.authorization);
      const allowed = route.access;
      if (!staff.roles.some((role) => allowed.includes(role))) throw new ForbiddenError(route.operationId);
    }
    // Every request counts, as at the edge: a malformed one too.
    if (route.access === 'public' && isLimitedPublicPath(route.path)) {
      // A code looked up (a receipt code, a document number) has its own window, as guessing goes.
      const code = event.pathParameters?.receiptCode ?? event.pathParameters?.documentNumber;
      await admitPublicRequest(ctx, {
        address: clientAddress(event, headers, edgeValue !== undefined),
        operationId: route.operationId,
        ...(code && { receiptCode: code }),
      });
    }
    const rawBody = schemas.body ? bodyBytes(event, route.maxBodyBytes) : undefined;
    // A form's key proves who calls: it is not input, and neither is the query's.
    const { api_key: keyInForm, ...form } =
      open311 && rawBody ? formBody(rawBody, headers['content-type']) : {};
    const body = open311 ? form : rawBody && jsonBody(rawBody, headers);
    const { api_key: keyInQuery, ...query } = event.queryStringParameters ?? {};
    let client: ApiKey | undefined;
    if (route.access === 'apiKey') {
      // The key may be in the form: its request counts once the key is known.
      client = await identifyClient(ctx, typeof keyInForm === 'string' ? keyInForm : keyInQuery);
      internal.client = client;
      await admitClientRequest(ctx, client);
    }
    if (open311) checkJurisdiction(form.jurisdiction_id ?? query.jurisdiction_id, config.region);
    const parsed = parseParts(schemas, {
      params: open311?.params ?? event.pathParameters ?? {},
      query,
      body: schemas.body ? body : undefined,
    });
    const caller: Caller = staff
      ? { actor: actorOf(staff), roles: staff.roles }
      : { actor: { kind: 'public' }, roles: [] };
    const result = await route.action(
      { ...parsed, headers, caller, staff, client, requestId: context.awsRequestId },
      ctx,
    );
    return respond(
      open311 && route.open311 ? open311Answer(result, open311.format, route.open311.root, script) : result,
      script,
    );
  };

  return middy<Event, Result, Error, Context, Internal>(handle)
    .use(requestLog())
    .use(httpErrors(ctx, script));
}
