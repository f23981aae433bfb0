// What every measurement runs against: DynamoDB Local (with a counting proxy in front), a table,
// the functions' environment, the intake handler in this process, the same transaction built
// and sent raw (the baseline of the intake figures), and, when asked, the API in its own process.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../infra/local/create-table.ts';
import { localPeppers, newDevSecrets } from '../../infra/local/dev-secrets.ts';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import {
  localEnvironment,
  projectRoot,
  SAMPLE_REGION_FILE,
  withWideLimits,
} from '../../infra/local/stack.ts';
import { openCaseFile } from '../../shared/domain/case.ts';
import { petitionerIdentity } from '../../shared/domain/matching.ts';
import { intakeCounters } from '../../shared/domain/report-counters.ts';
import { GENESIS_HASH, nextEvent } from '../../shared/domain/timeline.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { openCaseItems } from '../../shared/store/case-files.ts';
import { createDynamo, dynamoClient } from '../../shared/store/dynamo.ts';
import { storeOver } from '../../shared/store/store.ts';
import { context, httpEvent } from '../../test/fixtures/lambda.ts';
import { webIntake, webPetition } from '../../test/fixtures/petitions.ts';

export const BENCH_DIR = join(projectRoot, '.cache', 'bench');

export async function startBenchStack() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const dynamo = await startDynamoDbLocal();
  const target = new URL(dynamo.endpoint);
  const counted = { roundTrips: 0 };
  const proxy = createServer((req, res) => {
    counted.roundTrips++;
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', () => done()));
  const address = proxy.address();
  const proxyEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const secrets = await newDevSecrets();
  const tableName = `bench-${randomUUID()}`;
  const environment = localEnvironment(
    {
      port: 0,
      tableName,
      regionConfigFile: withWideLimits(),
      secrets,
      outboxFile: join(BENCH_DIR, 'outbox.jsonl'),
    },
    dynamo.endpoint,
  );
  Object.assign(process.env, environment, { LOG_LEVEL: 'silent' });
  const direct = createDynamo({ tableName, endpoint: dynamo.endpoint });
  await ensureTable(dynamoClient(dynamo.endpoint), tableName);
  const { handler } = await import('../../functions/intake/handler.ts');
  const region = loadRegionConfig(SAMPLE_REGION_FILE);
  const invoke = () =>
    handler(
      httpEvent('POST /petitions', {
        body: JSON.stringify(webPetition()),
        headers: { 'content-type': 'application/json' },
      }),
      context('intake'),
    );

  /** The same transaction the handler writes for a new case, built and sent directly. */
  let rawSeq = 0;
  function rawInput() {
    const intake = webIntake();
    const caseId = `20260101-RAW${String(rawSeq++).padStart(5, '0')}`;
    const receiptCode = `RAW${rawSeq}`;
    const { caseFile, personal } = openCaseFile(
      intake,
      { caseId, receiptCode, now: new Date().toISOString() },
      region,
    );
    const identity = petitionerIdentity(intake, localPeppers(secrets));
    const event = nextEvent(
      { seq: 0, hash: GENESIS_HASH },
      { type: 'received', at: '', actor: { kind: 'public' }, data: {} },
    );
    const { items } = openCaseItems(
      tableName,
      {
        caseFile,
        personal,
        identityHashes: identity.identityHashes,
        matterFingerprints: identity.matterFingerprints,
        formerMatterFingerprints: identity.former.matterFingerprints,
        receipt: { receiptCode, caseId, verifierHash: 'x', failedAttempts: 0, lockouts: 0 },
        event,
        counters: { bucket: '2026-01', add: intakeCounters(caseFile) },
        notices: [],
      },
      undefined,
      () => rawSeq % 8,
    );
    return { TransactItems: items };
  }
  const sendRaw = (input: ReturnType<typeof rawInput>) => direct.doc.send(new TransactWriteCommand(input));

  let api: ReturnType<typeof startApiProcess> | undefined;
  /** The API as `npm start` serves it, logging at info, in its own process; started once, when first asked. */
  const apiProcess = () => {
    api ??= startApiProcess(dynamo.endpoint, tableName);
    return api;
  };
  let unlimited: ReturnType<typeof startApiProcess> | undefined;
  /** The same, its limiter answering "allowed" without a call: the B side of the limiter's cost. */
  const apiProcessWithoutLimiter = () => {
    unlimited ??= startApiProcess(dynamo.endpoint, tableName, ['without-limiter']);
    return unlimited;
  };

  /** The functions' context over a new table of its own, with the local peppers. */
  async function onTableOfItsOwn(purpose: string) {
    const { functionContext } = await import('../../functions/context.ts');
    const { pepperSourceOf } = await import('../../functions/aws/peppers.ts');
    const table = `bench-${purpose}-${randomUUID()}`;
    await ensureTable(dynamoClient(dynamo.endpoint), table, false);
    const base = functionContext();
    const onTable = createDynamo({ tableName: table, endpoint: dynamo.endpoint });
    return {
      ...base,
      store: storeOver(onTable),
      peppers: pepperSourceOf(base.config),
      /** Its client, for a measurement that counts what it sends. */
      dynamo: onTable,
    };
  }

  /** The functions' context on the bench table, its calls through the counting proxy. */
  async function throughProxy() {
    const { functionContext } = await import('../../functions/context.ts');
    const { pepperSourceOf } = await import('../../functions/aws/peppers.ts');
    const base = functionContext();
    return {
      ...base,
      store: storeOver(createDynamo({ tableName, endpoint: proxyEndpoint })),
      peppers: pepperSourceOf(base.config),
    };
  }

  return {
    dynamo,
    proxyEndpoint,
    throughProxy,
    counted,
    tableName,
    environment,
    secrets,
    direct,
    region,
    invoke,
    rawInput,
    sendRaw,
    apiProcess,
    apiProcessWithoutLimiter,
    onTableOfItsOwn,
    async stop() {
      if (api) (await api).stop();
      if (unlimited) (await unlimited).stop();
      proxy.close();
      await dynamo.stop();
    },
  };
}

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

async function startApiProcess(endpoint: string, tableName: string, flags: string[] = []) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'api-process.ts'), endpoint, tableName, ...flags],
    {
      // Logging at info, as deployed (the bench itself runs silent: `npm run bench` sets LOG_LEVEL).
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info' },
    },
  );
  let clerk = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    let said = '';
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      const heard = said.match(/listening (http:\S+)/)?.[1];
      if (!heard) return;
      clerk = said.match(/clerk (\S+)/)?.[1] ?? '';
      // Heard: its later warnings are drained, not kept.
      child.stderr?.off('data', listen).resume();
      resolveUrl(heard);
    };
    child.stderr?.on('data', listen);
    child.once('exit', (code) => reject(new Error(`bench API exited ${code}: ${said}`)));
  });
  // Called as the raw side calls DynamoDB: node:http with a keep-alive agent (fetch costs about
  // 1.3 ms more a request on this machine, all of it the client's).
  const keepAlive = new Agent({ keepAlive: true });
  const petitionsUrl = new URL(`${url}/petitions`);
  const post = () =>
    new Promise<number>((answered, failed) => {
      const body = JSON.stringify(webPetition());
      const sent = httpRequest(
        {
          host: petitionsUrl.hostname,
          port: petitionsUrl.port,
          path: petitionsUrl.pathname,
          method: 'POST',
          agent: keepAlive,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (answer) => {
          answer.resume();
          answer.on('end', () => answered(answer.statusCode ?? 0));
        },
      );
      sent.on('error', failed);
      sent.end(body);
    });
  return { url, clerk, post, stop: () => child.kill() };
}
