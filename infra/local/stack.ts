// The embedded local stack: DynamoDB Local, the table, and the HTTP API serving the same
// Lambda handlers that run on AWS. Used by `npm start`, the integration tests and the bench.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { functionContext } from '../../functions/context.ts';
import type { ObjectCreated } from '../../functions/file-check/handler.ts';
import { FUNCTION_NAMES, type FunctionName } from '../../functions/routes.ts';
import { type ScheduledFunctionName, schedules } from '../../functions/schedules.ts';
import { STREAM_FUNCTIONS, type StreamFunctionName, streamConsumers } from '../../functions/streams.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { dynamoClient } from '../../shared/store/dynamo.ts';
import { runMigrations } from '../../shared/usecases/migrations.ts';
import { DOCUMENT_FONT, sealFileOf } from '../document-font.ts';
import { OPENAPI_IN_BUNDLE, writeOpenApiFile } from '../openapi-file.ts';
import { ensureTable } from './create-table.ts';
import {
  type DevSecrets,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  localOriginVerify,
  localPeppersJson,
  localSigningKeyJson,
  localSmsReportToken,
} from './dev-secrets.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import {
  type FilesServer,
  LOCAL_FILES_BUCKET,
  LOCAL_FILES_CREDENTIALS,
  startFilesServer,
} from './files-server.ts';
import { createLocalServer, type LambdaHandler, lambdaContext } from './http-server.ts';
import { API_RESOURCE, CONSOLE_CLIENT_ID, openLocalIdentityProvider } from './identity-provider.ts';
import { type StreamHandler, type TableStreamRunner, tableStreamRunner } from './table-stream.ts';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
/** The staff console's page: its sign-in redirect comes back here. */
export const CONSOLE_PATH = '/console.html';
export const SAMPLE_REGION_FILE = resolve(projectRoot, 'regions', 'sample-zhuquan.json');

/**
 * The region file with every client limit at its widest: the limiter still counts each request
 * (its write stays in every figure) but refuses none. For the test suite and the benches, which
 * send thousands of requests from one address; the limiter's own tests use the region's limits.
 */
export function withWideLimits(file = SAMPLE_REGION_FILE): string {
  const wide = { requests: 1_000_000, seconds: 60 };
  const seal = sealFileOf(file);
  const region = {
    ...JSON.parse(readFileSync(file, 'utf8')),
    // The copy sits elsewhere: its seal is named where it is.
    ...(seal && { sealImage: seal }),
    clientLimits: {
      perAddress: { requests: 2_000_000_000, seconds: 60 },
      perReceiptCode: wide,
      perApiKey: wide,
    },
  };
  const out = join(projectRoot, '.cache', `wide-limits-${basename(file)}`);
  mkdirSync(dirname(out), { recursive: true });
  // Test files start in parallel: each writes its own copy and renames it into place (atomic),
  // so none reads another's half-written file.
  const own = `${out}.${process.pid}`;
  writeFileSync(own, JSON.stringify(region, null, 2));
  renameSync(own, out);
  return out;
}

export interface LocalStackOptions {
  port: number;
  host?: string;
  tableName: string;
  regionConfigFile: string;
  secrets: DevSecrets;
  /** Folder that keeps the data between runs; omitted means in memory. */
  dataDir?: string;
  /** Where the local notice adapter writes notices (one JSON line each). */
  outboxFile: string;
  /** How long one store request may take (ms); by default DynamoDB Local gets more than AWS. */
  storeRequestTimeoutMs?: number;
  /**
   * Run the local OpenID provider on this port (0: any) for the staff console; without it the
   * API trusts only tokens minted with the dev key under the fixed local issuer.
   */
  identityProviderPort?: number;
  /**
   * Run the scheduled functions on their schedules and the stream consumers every second
   * (npm start); tests call them directly.
   */
  runSchedules?: boolean;
  /**
   * Keep the table's stream and run its consumers (default). Test tables that never read it go
   * without: DynamoDB Local then writes each change once, not twice.
   */
  tableStream?: boolean;
  /** The functions' clock starts at this instant and runs on (tests of a month or a year). */
  clockStartsAt?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  issuer?: string;
  dynamoDbEndpoint: string;
  stop(): Promise<void>;
}

/** The environment a deployed function gets, pointed at the local emulator. */
export function localEnvironment(
  options: LocalStackOptions,
  endpoint: string,
  issuer = LOCAL_ISSUER,
  filesEndpoint?: string,
): Record<string, string> {
  const seal = sealFileOf(options.regionConfigFile);
  return {
    TABLE_NAME: options.tableName,
    REGION_CONFIG_FILE: options.regionConfigFile,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'local',
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_JWKS: JSON.stringify(options.secrets.jwks),
    PERSONAL_DATA_PEPPERS: localPeppersJson(options.secrets),
    ORIGIN_VERIFY: localOriginVerify(options.secrets),
    SMS_REPORT_TOKEN: localSmsReportToken(options.secrets),
    NOTICE_DELIVERY: 'file',
    NOTICE_OUTBOX_FILE: options.outboxFile,
    // The daily anchors sit beside the outbox, one read-only file per day.
    ANCHOR_DIR: join(dirname(options.outboxFile), 'anchors'),
    OPENAPI_FILE: join(dirname(options.outboxFile), OPENAPI_IN_BUNDLE),
    ALLOW_CLOCK_OVERRIDE: 'true',
    DOCUMENT_FONT_FILE: DOCUMENT_FONT.file,
    DOCUMENT_SIGNING_KEY: localSigningKeyJson(options.secrets),
    ...(seal && { DOCUMENT_SEAL_FILE: seal }),
    ...(options.storeRequestTimeoutMs && { STORE_REQUEST_TIMEOUT_MS: String(options.storeRequestTimeoutMs) }),
    ...(options.clockStartsAt && { CLOCK_STARTS_AT: options.clockStartsAt }),
    // The files bucket on the local S3-compatible server, with its stand-in scanner.
    ...(filesEndpoint && {
      FILES_BUCKET: LOCAL_FILES_BUCKET,
      FILES_ENDPOINT: filesEndpoint,
      MALWARE_SCANNER: 'test-signature',
      ...LOCAL_FILES_CREDENTIALS,
    }),
  };
}

export async function loadHandlers(): Promise<Record<FunctionName, LambdaHandler>> {
  // Imported after the environment is set: each function reads its configuration at load.
  const loaded = await Promise.all(
    FUNCTION_NAMES.map(async (name) => {
      const { handler } = (await import(`../../functions/${name}/handler.ts`)) as { handler: LambdaHandler };
      return [name, handler] as const;
    }),
  );
  return Object.fromEntries(loaded) as Record<FunctionName, LambdaHandler>;
}

type FileCheckHandler = (event: ObjectCreated, context: Context) => Promise<unknown>;

export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export async function loadScheduledHandlers(): Promise<Record<ScheduledFunctionName, ScheduledHandler>> {
  const [notices, deadlines, anchors, retention] = await Promise.all([
    import('../../functions/notices/handler.ts'),
    import('../../functions/deadlines/handler.ts'),
    import('../../functions/anchors/handler.ts'),
    import('../../functions/retention/handler.ts'),
  ]);
  return {
    notices: notices.handler as ScheduledHandler,
    deadlines: deadlines.handler as ScheduledHandler,
    anchors: anchors.handler as ScheduledHandler,
    retention: retention.handler as ScheduledHandler,
  };
}

export function scheduledEvent(job: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [`arn:aws:events:local:000000000000:rule/${job}`],
    detail: {},
  };
}

/** Runs each scheduled function on its schedule, as EventBridge would; returns a stopper. */
async function runSchedules(log: (line: string) => void): Promise<() => void> {
  const handlers = await loadScheduledHandlers();
  const timers = schedules.map((schedule) =>
    setInterval(() => {
      handlers[schedule.function](
        scheduledEvent(schedule.function),
        lambdaContext(`petition-desk-${schedule.function}`),
      ).catch((error: unknown) => log(`scheduled ${schedule.function} failed: ${String(error)}`));
    }, schedule.everyMinutes * 60_000),
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

export interface ApiServer {
  url: string;
  /** The local OpenID provider's issuer, when one runs. */
  issuer?: string;
  /** Runs the stream consumers on what the table's stream holds now, as Lambda would. */
  streams?: Pick<TableStreamRunner, 'drain'>;
  /** The files bucket's server: its endpoint, and a wait for the uploads being checked. */
  files: Pick<FilesServer, 'endpoint' | 'settled'>;
  close(): Promise<void>;
}

async function loadStreamHandlers(): Promise<Record<StreamFunctionName, StreamHandler>> {
  const loaded = await Promise.all(
    STREAM_FUNCTIONS.map(async (name) => {
      const { handler } = (await import(`../../functions/${name}/handler.ts`)) as { handler: StreamHandler };
      return [name, handler] as const;
    }),
  );
  return Object.fromEntries(loaded) as Record<StreamFunctionName, StreamHandler>;
}

/** Polls the stream every second, as Lambda's event source mapping would; returns a stopper. */
function pollStreams(streams: TableStreamRunner, log: (line: string) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    streams
      .drain()
      .catch((error: unknown) => log(`stream consumers failed: ${String(error)}`))
      .finally(() => {
        running = false;
      });
  }, 1_000);
  return () => clearInterval(timer);
}

/** Points the functions at a DynamoDB endpoint, ensures the table, and serves the API. */
export async function startApiServer(
  options: LocalStackOptions,
  dynamoDbEndpoint: string,
): Promise<ApiServer> {
  const client = dynamoClient(dynamoDbEndpoint);
  const { streamArn } = await ensureTable(client, options.tableName, options.tableStream ?? true);
  client.destroy();
  const host = options.host ?? '127.0.0.1';
  const identity =
    options.identityProviderPort === undefined
      ? undefined
      : await openLocalIdentityProvider(options.identityProviderPort, host);
  const staffSignIn = identity && {
    issuer: identity.issuer,
    clientId: CONSOLE_CLIENT_ID,
    resource: API_RESOURCE,
  };
  const log = options.log ?? console.log;
  // S3 sends each upload's event to the file-check function, loaded once the environment is set.
  let checkFile: FileCheckHandler | undefined;
  const files = await startFilesServer({
    host,
    ...(options.dataDir && { directory: join(options.dataDir, 'files') }),
    onUpload: async (event) => checkFile?.(event, lambdaContext('petition-desk-file-check')),
    log,
  });
  // A process may serve one stack after another (a test worker): no clock left from the last.
  delete process.env.CLOCK_STARTS_AT;
  Object.assign(process.env, localEnvironment(options, dynamoDbEndpoint, identity?.issuer, files.endpoint));
  checkFile = (await import('../../functions/file-check/handler.ts')).handler;
  const region = loadRegionConfig(options.regionConfigFile);
  // As synthesis does: the document the meta function serves, from the route list.
  writeOpenApiFile(region, dirname(options.outboxFile));
  const server = createLocalServer(await loadHandlers(), {
    originVerify: localOriginVerify(options.secrets),
    language: region.region.language,
    filesOrigin: files.endpoint,
    ...(staffSignIn && { staffSignIn }),
  });
  const streamHandlers = await loadStreamHandlers();
  const streams =
    streamArn === undefined
      ? undefined
      : tableStreamRunner(
          dynamoDbEndpoint,
          streamArn,
          streamConsumers.map((consumer) => ({
            consumer,
            handler: streamHandlers[consumer.function],
            context: () => lambdaContext(`petition-desk-${consumer.function}`),
          })),
        );
  const stopSchedules = options.runSchedules ? await runSchedules(log) : () => {};
  const stopStreams = options.runSchedules && streams ? pollStreams(streams, log) : () => {};
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => done());
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  const url = `http://${host}:${port}`;
  identity?.serve({
    secrets: options.secrets,
    region,
    consoleUrl: `${url}${CONSOLE_PATH}`,
  });
  return {
    url,
    ...(identity && { issuer: identity.issuer }),
    ...(streams && { streams }),
    files,
    async close() {
      stopSchedules();
      stopStreams();
      streams?.close();
      await files.settled();
      await files.close();
      await identity?.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dynamo = await startDynamoDbLocal({
    ...(options.dataDir && { dataDir: options.dataDir }),
    ...(options.log && { log: options.log }),
  });
  let api: ApiServer;
  try {
    api = await startApiServer(options, dynamo.endpoint);
    // The data kept between runs is brought up to this version's shapes (docs/data-model.md, "Migrations").
    for (const run of await runMigrations(functionContext())) {
      if (run.outcome === 'ran')
        (options.log ?? console.log)(`migration ${run.id}: ${run.changed} of ${run.examined} changed`);
    }
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return {
    url: api.url,
    ...(api.issuer && { issuer: api.issuer }),
    dynamoDbEndpoint: dynamo.endpoint,
    async stop() {
      await api.close();
      await dynamo.stop();
    },
  };
}
