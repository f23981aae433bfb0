// One endpoint, one definition: method, path, who may call it, its zod schemas, the responses
// it gives and its action. The action receives what the schemas infer, so nothing in
// functions/ casts a request part; the standard error answers follow from the route's shape.
import type * as z from 'zod/mini';
import type { StaffClaims, StaffRole } from '../../shared/auth.ts';
import type { AppConfig } from '../../shared/config.ts';
import type { ApiKey } from '../../shared/domain/api-keys.ts';
import type { RegionConfig } from '../../shared/region.ts';
import type { Caller, UseCaseContext } from '../../shared/usecases/context.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

type Schema = z.ZodMiniType;

/** The parts of a request a route validates; built once per function at cold start. */
export interface RequestSchemas {
  params?: Schema;
  query?: Schema;
  body?: Schema;
}

type Parsed<S> = S extends Schema ? z.infer<S> : undefined;

/**
 * `public` needs no token; `apiKey` needs a key the office issued to another system (Open311);
 * otherwise the staff roles that may call the route at all.
 */
export type Access = 'public' | 'apiKey' | readonly StaffRole[];

/** A route for staff, behind a token (not public, not an API key's). */
export const forStaff = (access: Access): access is readonly StaffRole[] => typeof access !== 'string';

export interface ActionRequest<R extends RequestSchemas, A extends Access> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  headers: Record<string, string | undefined>;
  caller: Caller;
  staff: A extends 'public' | 'apiKey' ? undefined : StaffClaims;
  /** The other system calling, by its key (only on `apiKey` routes). */
  client: A extends 'apiKey' ? ApiKey : undefined;
  requestId: string;
}

export interface HttpResult {
  statusCode: number;
  /** Sent as JSON, unless the result is `text` with its own content type. */
  body: unknown;
  /**
   * Sent as is (a CSV export, say), converted to the region's script unless `asWritten` (it
   * carries people's own words, its system texts already in the region's).
   */
  text?: { contentType: string; body: string; asWritten?: boolean };
  /** Bytes (a PDF), sent base64-encoded as API Gateway expects; not converted to the region's script. */
  binary?: { contentType: string; body: Uint8Array };
  headers?: Record<string, string>;
}

export interface SuccessResponse {
  description: string;
  /** Built only for the OpenAPI document (cold start never pays for it). */
  schema: () => Schema;
  /** Other media types the same status may answer with (CSV exports). */
  alsoAs?: string;
}

/** Domain refusals a route may give beyond those its shape implies. */
export type DomainStatus = 404 | 409 | 422;

/** The method and path, as API Gateway names a route: `POST /cases/{id}/transitions`. */
export type RouteKey = `${Method} /${string}`;

export interface RouteDefinition<R extends RequestSchemas, A extends Access> {
  route: RouteKey;
  operationId: string;
  summary: string;
  access: A;
  request?: (region: RegionConfig) => R;
  /** Takes an Idempotency-Key header: a replay gets the first answer, another body 422. */
  idempotent?: boolean;
  /**
   * A route known only to those given its secret (a URL token): without it the request is
   * answered exactly as a route that does not exist, before anything else is read.
   */
  hiddenUnless?: (query: Record<string, string | undefined>, config: AppConfig) => Promise<boolean>;
  /** A body larger than the API's usual limit this route takes (a document's PDF to check). */
  maxBodyBytes?: number;
  /**
   * A GeoReport v2 route (Open311): form-encoded bodies, XML or JSON by the path's suffix (the
   * success body written under `root` in XML), errors as the spec's list of code and description.
   */
  open311?: { root: string };
  responses: Partial<Record<200 | 201, SuccessResponse>>;
  errors?: Partial<Record<DomainStatus, string>>;
  action(request: ActionRequest<R, A>, ctx: UseCaseContext): Promise<HttpResult>;
}

/** A route with its types erased, as the lists that CDK, the local server and OpenAPI iterate hold it. */
export interface Route extends RouteDefinition<RequestSchemas, Access> {
  method: Method;
  path: string;
}

/** Its success responses as defined: what `Answer` reads the answer types from. */
type Responses = RouteDefinition<RequestSchemas, Access>['responses'];

export function defineRoute<
  const A extends Access,
  const R extends RequestSchemas = Record<never, never>,
  const S extends Responses = Responses,
>(definition: RouteDefinition<R, A> & { responses: S }): Route & { responses: S } {
  const [method, path] = definition.route.split(' ') as [Method, string];
  return { ...definition, method, path };
}

/**
 * What a route answers with a status, as its response schema infers it: the type the console
 * reads an answer as (imported as a type only: no server code reaches the browser).
 */
export type Answer<
  Defined extends { responses: Responses },
  Status extends keyof Defined['responses'] = 200,
> = Defined['responses'][Status] extends { schema: () => infer Schema extends z.ZodMiniType }
  ? z.infer<Schema>
  : never;

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export interface StandardError {
  status: number;
  description: string;
}

/**
 * The error answers a route can give, from its shape: 400 when it validates input, 401/403
 * when it needs a token, 413/415 when it reads a body, 422 when it takes an Idempotency-Key,
 * 429/500/503 always (throttling, a fault, the store unreachable or too busy); then its own.
 */
export function errorResponses(route: Route, region: RegionConfig): StandardError[] {
  const request = route.request?.(region) ?? {};
  const errors: StandardError[] = [];
  const add = (status: number, description: string) => errors.push({ status, description });
  if (request.params || request.query || request.body || route.idempotent)
    add(400, 'Invalid input, every failing field listed (Chinese and English)');
  if (route.access === 'apiKey') add(403, 'Missing, unknown or revoked API key');
  if (forStaff(route.access)) {
    add(401, 'Missing or invalid staff token');
    add(403, 'The token has no role for this route, or the person may not do this to this case');
  }
  for (const [status, description] of Object.entries(route.errors ?? {})) add(Number(status), description);
  if (request.body) {
    add(413, 'Body over the size limit');
    add(415, route.open311 ? 'Body is not form-encoded' : 'Body is not JSON');
  }
  if (route.idempotent && !route.errors?.[422]) add(422, 'Idempotency-Key reused with a different body');
  add(429, 'Too many requests (throttled)');
  add(500, 'Something went wrong on our side (no details)');
  add(503, 'The store is unreachable or too busy; try again');
  return errors.sort((a, b) => a.status - b.status);
}
