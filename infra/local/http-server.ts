// The local API: a small HTTP server that turns each request into the API Gateway HTTP API
// (payload 2.0) event the deployed functions receive, and calls the very same handlers.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKey } from '../../functions/http/define-route.ts';
import { type FunctionName, routes, type ServedRoute } from '../../functions/routes.ts';
import { inRegionScript, type RegionLanguage, regionScript } from '../../shared/domain/region-script.ts';
import { NO_SUCH_ROUTE } from '../../shared/errors.ts';
import {
  API_SECURITY_HEADERS,
  PAGE_SECURITY_HEADERS,
  pageContentSecurityPolicy,
} from '../../shared/security-headers.ts';
import type { SiteConfig } from '../../shared/site-config.ts';
import { staticFile } from './static-files.ts';

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The edge's address as API Gateway would see it (a documentation address: no such host). */
export const LOCAL_EDGE_ADDRESS = '192.0.2.1';

/** API Gateway refuses payloads over 10 MB before a function sees them; so does this. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

interface Matched {
  route: ServedRoute;
  pathParameters: Record<string, string>;
}

function compile(route: ServedRoute): { route: ServedRoute; pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${pattern}$`), names };
}

// Literal paths before parameterised ones, as API Gateway matches (`/cases/counts` before `/cases/{id}`).
const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);

function decodePart(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** The route a request is for; `malformed` when its path parameters cannot be decoded. */
export function matchRoute(method: string, path: string): Matched | 'malformed' | undefined {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const match = pattern.exec(path);
    if (!match) continue;
    const pathParameters: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const decoded = decodePart(match[i + 1] ?? '');
      if (decoded === undefined) return 'malformed';
      pathParameters[name] = decoded;
    }
    return { route, pathParameters };
  }
  return undefined;
}

export function lambdaContext(functionName: string): Context {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_BODY_LIMIT) return 'too large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toEvent(
  request: IncomingMessage,
  url: URL,
  matched: Matched,
  body: Buffer,
  originVerify?: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const peer = request.socket.remoteAddress ?? '127.0.0.1';
  // As CloudFront does: its origin custom header, whatever the client sent, and the viewer's
  // address appended to X-Forwarded-For; API Gateway then sees the edge as its peer.
  // As API Gateway tells the function which scheme the client used.
  headers['x-forwarded-proto'] = 'http';
  if (originVerify) {
    headers['x-origin-verify'] = originVerify;
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] ? `${query[name]},${value}` : value;
  const now = new Date();
  const key = routeKey(matched.route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length && { queryStringParameters: query }),
    ...(Object.keys(matched.pathParameters).length && { pathParameters: matched.pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'local',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: originVerify ? LOCAL_EDGE_ADDRESS : peer,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: body.toString('base64') }),
    isBase64Encoded: body.length > 0,
  };
}

const GATEWAY_ERRORS = {
  400: { code: 'bad_request', message: { zh: '請求格式不正確。', en: 'The request is malformed.' } },
  404: { code: 'not_found', message: NO_SUCH_ROUTE },
  413: {
    code: 'payload_too_large',
    message: { zh: '提交的內容過大。', en: 'The request body is too large.' },
  },
  431: {
    code: 'headers_too_large',
    message: { zh: '請求標頭過大。', en: 'The request headers are too large.' },
  },
  500: {
    code: 'internal',
    message: {
      zh: '系統發生錯誤，請稍後再試。',
      en: 'Something went wrong on our side; please try again later.',
    },
  },
} as const;

/** The adapter's own answers, in the API's one error shape and the region's script. */
export function gatewayError(statusCode: keyof typeof GATEWAY_ERRORS, script: (text: string) => string) {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...API_SECURITY_HEADERS,
    },
    body: JSON.stringify({ error: inRegionScript(GATEWAY_ERRORS[statusCode], script) }),
  };
}

/**
 * Serves the routes with the given handlers (one per function, as deployed), and the pages:
 * CloudFront and API Gateway in one.
 */
export function createLocalServer(
  handlers: Record<FunctionName, LambdaHandler>,
  {
    originVerify,
    staffSignIn,
    language,
    filesOrigin,
  }: {
    originVerify?: string;
    staffSignIn?: SiteConfig['staffSignIn'];
    language: RegionLanguage;
    /** The files bucket's server: the pages upload to it and show its checked photos. */
    filesOrigin: string;
  },
): Server {
  const script = regionScript(language);
  // The API lives on this origin: the pages call it without a base URL.
  const siteConfig: SiteConfig = { apiUrl: '', ...(staffSignIn && { staffSignIn }) };
  const pageHeaders = {
    ...PAGE_SECURITY_HEADERS,
    'content-security-policy': pageContentSecurityPolicy({
      connectTo: [...(staffSignIn ? [new URL(staffSignIn.issuer).origin] : []), filesOrigin],
      images: [filesOrigin],
    }),
  };
  const server = createServer(async (request, response) => {
    let result: APIGatewayProxyStructuredResultV2;
    try {
      // Routing needs only the path: a malformed Host header must not turn into a 500.
      const url = new URL(request.url ?? '/', 'http://local');
      const matched = matchRoute(request.method ?? 'GET', url.pathname);
      const body = await readBody(request);
      const page =
        !matched && (request.method === 'GET' || request.method === 'HEAD')
          ? staticFile(url.pathname, siteConfig)
          : undefined;
      if (page) {
        response.writeHead(200, {
          'content-type': page.contentType,
          'cache-control': 'no-cache',
          ...pageHeaders,
        });
        response.end(request.method === 'HEAD' ? undefined : page.body);
        return;
      }
      if (matched === 'malformed') result = gatewayError(400, script);
      else if (!matched) result = gatewayError(404, script);
      else if (body === 'too large') result = gatewayError(413, script);
      else {
        const fn = matched.route.function;
        result = await handlers[fn](
          toEvent(request, url, matched, body, originVerify),
          lambdaContext(`petition-desk-${fn}`),
        );
      }
    } catch (error) {
      // What API Gateway does when a function throws: a bare 500, details stay in the log.
      console.error(JSON.stringify({ level: 'error', message: 'handler threw', error: String(error) }));
      result = gatewayError(500, script);
    }
    response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
    response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  });
  // Requests node cannot parse (oversized headers, bad request lines) get the error shape too.
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    if (!socket.writable) return socket.destroy();
    const answer = gatewayError(error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, script);
    const head = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`);
    socket.end(
      [
        `HTTP/1.1 ${answer.statusCode} ${answer.statusCode === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
        ...head,
        `content-length: ${Buffer.byteLength(answer.body)}`,
        'connection: close',
        '',
        answer.body,
      ].join('\r\n'),
    );
  });
  return server;
}
