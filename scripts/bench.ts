// `npm run bench`: measures the intake path against raw DynamoDB calls made in the same
// run, on the same DynamoDB Local, and prints ratios. Not a test: figures, not verdicts.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { App } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { FUNCTION_NAMES } from '../functions/routes.ts';
import { SCHEDULED_FUNCTIONS } from '../functions/schedules.ts';
import { STREAM_FUNCTIONS } from '../functions/streams.ts';
import { buildStacks } from '../infra/app.ts';
import { bundleOptions } from '../infra/bundle-options.ts';
import { ensureTable } from '../infra/local/create-table.ts';
import { localPeppers, newDevSecrets } from '../infra/local/dev-secrets.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { localEnvironment, projectRoot, SAMPLE_REGION_FILE } from '../infra/local/stack.ts';
import { openCaseFile } from '../shared/domain/case.ts';
import { petitionerIdentity } from '../shared/domain/matching.ts';
import { intakeCounters } from '../shared/domain/report-counters.ts';
import { GENESIS_HASH, nextEvent } from '../shared/domain/timeline.ts';
import { loadRegionConfig } from '../shared/region.ts';
import { openCaseItems } from '../shared/store/case-files.ts';
import { createDynamo, dynamoClient } from '../shared/store/dynamo.ts';
import { caseIndexKeys, partitionOf } from '../shared/store/keys.ts';
import { createStore } from '../shared/store/store.ts';
import { indexes } from '../shared/store/table-definition.ts';
import { context, httpEvent } from '../test/fixtures/lambda.ts';
import { webIntake, webPetition } from '../test/fixtures/petitions.ts';

const out = join(projectRoot, '.cache', 'bench');
mkdirSync(out, { recursive: true });
const rows: Array<[string, string, string, string, string]> = [];
/** One printed row; `goal` is the issue's goal for the row ("-" for figures kept for context). */
const row = (what: string, measured: string, baseline: string, ratio: string, goal = '-') =>
  rows.push([what, measured, baseline, ratio, goal]);
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

// --- the local stack, with a counting proxy in front of DynamoDB Local -----------------
const dynamo = await startDynamoDbLocal();
const target = new URL(dynamo.endpoint);
let roundTrips = 0;
const proxy = createServer((req, res) => {
  roundTrips++;
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
const proxyAddress = proxy.address();
const proxyEndpoint = `http://127.0.0.1:${typeof proxyAddress === 'object' && proxyAddress ? proxyAddress.port : 0}`;

const secrets = await newDevSecrets();
const tableName = `bench-${randomUUID()}`;
const environment = localEnvironment(
  {
    port: 0,
    tableName,
    regionConfigFile: SAMPLE_REGION_FILE,
    secrets,
    outboxFile: join(out, 'outbox.jsonl'),
  },
  dynamo.endpoint,
);
Object.assign(process.env, environment, { LOG_LEVEL: 'silent' });
const direct = createDynamo({ tableName, endpoint: dynamo.endpoint });
await ensureTable(dynamoClient(dynamo.endpoint), tableName);
const { handler } = await import('../functions/intake/handler.ts');
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
const raw = () => sendRaw(rawInput());

// --- 1. warm latency through the local adapter with logging, interleaved -------------------
// The API runs in its own process, as `npm start` serves it, logging each request; the raw
// side is the same transaction, built beforehand, so its timer holds the DynamoDB call only.
const apiProcess = spawn(
  process.execPath,
  ['--import', 'tsx', join(projectRoot, 'scripts', 'bench-api.ts'), dynamo.endpoint, tableName],
  // Logging at info, as deployed (this process runs silent: `npm run bench` sets LOG_LEVEL).
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
);
const apiUrl = await new Promise<string>((resolveUrl, reject) => {
  let said = '';
  const listen = (chunk: Buffer) => {
    said += chunk.toString();
    const url = said.match(/listening (http:\S+)/)?.[1];
    if (!url) return;
    // Heard: its later warnings are drained, not kept.
    apiProcess.stderr?.off('data', listen).resume();
    resolveUrl(url);
  };
  apiProcess.stderr?.on('data', listen);
  apiProcess.once('exit', (code) => reject(new Error(`bench API exited ${code}: ${said}`)));
});
// The API is called as the raw side calls DynamoDB: node:http with a keep-alive agent (fetch
// costs about 1.3 ms more a request on this machine, all of it the client's).
const keepAlive = new Agent({ keepAlive: true });
const petitionsUrl = new URL(`${apiUrl}/petitions`);
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
for (let i = 0; i < 100; i++) {
  await post();
  await raw();
}
const handlerTimes: number[] = [];
const rawTimes: number[] = [];
const statuses = new Map<number, number>();
for (let i = 0; i < 1000; i++) {
  const input = rawInput();
  const viaApi = async () => {
    const start = performance.now();
    const status = await post();
    handlerTimes.push(performance.now() - start);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  };
  const direct_ = async () => {
    const start = performance.now();
    await sendRaw(input);
    rawTimes.push(performance.now() - start);
  };
  if (i % 2) {
    await viaApi();
    await direct_();
  } else {
    await direct_();
    await viaApi();
  }
}
if (statuses.size !== 1 || !statuses.has(201))
  throw new Error(`intake answered ${JSON.stringify([...statuses])}`);
row(
  'intake p50 (HTTP adapter + logging vs raw TransactWriteItems, 1,000 pairs, all 201)',
  ms(pct(handlerTimes, 50)),
  ms(pct(rawTimes, 50)),
  x(pct(handlerTimes, 50), pct(rawTimes, 50)),
  '<= 1.10x',
);
row(
  'intake p99',
  ms(pct(handlerTimes, 99)),
  ms(pct(rawTimes, 99)),
  x(pct(handlerTimes, 99), pct(rawTimes, 99)),
  '<= 1.25x',
);

// --- 2. round trips per intake (through the counting proxy) -----------------------------
{
  const counted = createStore({ tableName, endpoint: proxyEndpoint });
  process.env.DYNAMODB_ENDPOINT = proxyEndpoint;
  const { submitPetition } = await import('../shared/usecases/submit-petition.ts');
  const { functionContext } = await import('../functions/context.ts');
  const { pepperSourceOf } = await import('../functions/aws/peppers.ts');
  const base = functionContext();
  const ctx = { ...base, store: counted, peppers: pepperSourceOf(base.config) };
  const petitions = Array.from({ length: 100 }, () => webIntake());
  roundTrips = 0;
  for (const p of petitions) await submitPetition(ctx, p, { actor: { kind: 'public' }, roles: [] });
  const fresh = roundTrips / petitions.length;
  roundTrips = 0;
  for (const p of petitions) await submitPetition(ctx, p, { actor: { kind: 'public' }, roles: [] });
  const repeat = roundTrips / petitions.length;
  const { takeStep } = await import('../shared/usecases/take-step.ts');
  const opened = await Promise.all(
    Array.from({ length: 20 }, () =>
      submitPetition(ctx, webIntake(), { actor: { kind: 'public' }, roles: [] }),
    ),
  );
  roundTrips = 0;
  for (const { caseId } of opened)
    await takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, { sub: 'bench-clerk', roles: ['clerk'] });
  const step = roundTrips / opened.length;
  row('DynamoDB round trips per new-case intake', fresh.toFixed(2), '1 (raw transaction)', x(fresh, 1), '1');
  row(
    'DynamoDB round trips per repeat submission',
    repeat.toFixed(2),
    '1 (raw transaction)',
    x(repeat, 1),
    '<= 2',
  );
  row(
    'DynamoDB round trips per procedure step (accept, which tells the petitioner)',
    step.toFixed(2),
    '1 (raw transaction)',
    x(step, 1),
    '<= 2',
  );
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
}

// --- 2b. status lookups: an unknown code against a known code with a wrong verifier ------
// Interleaved pairs through the same handler; each known code takes at most four wrong tries
// (the fifth would lock it), so every timed lookup is a counted, refused try.
{
  const lookup = (code: string, verifier: string) =>
    handler(
      httpEvent('GET /petitions/{receiptCode}', {
        pathParameters: { receiptCode: code },
        query: { verifier },
      }),
      context('intake'),
    );
  const known: string[] = [];
  for (let i = 0; i < 100; i++) {
    const answer = await invoke();
    known.push((JSON.parse(String(answer.body)) as { receiptCode: string }).receiptCode);
  }
  const unknownTimes: number[] = [];
  const knownTimes: number[] = [];
  for (let i = 0; i < 400; i++) {
    const code = known[i % known.length] as string;
    // Only refused lookups are timed: a fixture phone ending in 0000 (1 in 10,000) is left out.
    const unknown = () => lookup('AAAA-AAA-AAA', '0000');
    const wrong = () => lookup(code, '0000');
    const pair: Array<[() => Promise<unknown>, number[]]> = [
      [unknown, unknownTimes],
      [wrong, knownTimes],
    ];
    for (const [run, times] of i % 2 ? pair : [...pair].reverse()) {
      const start = performance.now();
      const answer = (await run()) as { statusCode: number };
      if (answer.statusCode === 404) times.push(performance.now() - start);
    }
  }
  row(
    'status lookup: known code + wrong verifier vs unknown code (p50)',
    ms(pct(knownTimes, 50)),
    ms(pct(unknownTimes, 50)),
    x(pct(knownTimes, 50), pct(unknownTimes, 50)),
  );
}

// --- 3. bundles and cold init ------------------------------------------------------------
const baselineEntry = join(out, 'baseline.ts');
writeFileSync(
  baselineEntry,
  `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: 'x', SK: 'x' } }));
`,
);
async function bundle(name: string, entry: string, defaultCredentials = false): Promise<string> {
  const outfile = join(out, `${name}.mjs`);
  await esbuild.build({
    ...bundleOptions,
    alias: defaultCredentials ? {} : { ...bundleOptions.alias },
    mainFields: [...bundleOptions.mainFields],
    banner: { js: bundleOptions.banner },
    entryPoints: [entry],
    bundle: true,
    outfile,
    nodePaths: [join(projectRoot, 'node_modules')],
  });
  return outfile;
}
const baselineBundle = await bundle('baseline', baselineEntry);
const baselineKb = statSync(baselineBundle).size / 1024;

/** One load of a bundle in a fresh process, in ms (module load and init, not process start). */
function loadOnce(file: string): number {
  const output = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t=performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now()-t)`,
    ],
    { env: { ...process.env, ...environment, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
  );
  return Number(output.trim().split('\n').pop());
}
/** 15 interleaved pairs (baseline, then the bundle): medians, and the spread of the pair ratios. */
function pairedLoads(file: string, base: string) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 15; i++) {
    b.push(loadOnce(base));
    a.push(loadOnce(file));
  }
  const ratios = a.map((value, i) => value / (b[i] as number));
  const spread = `pairs ${pct(ratios, 10).toFixed(2)}-${pct(ratios, 90).toFixed(2)}x`;
  return { measured: pct(a, 50), baseline: pct(b, 50), spread };
}
// The same SDK-only handler with the SDK's default credential chain, as most projects ship it.
const defaultBaseline = await bundle('baseline-default-credentials', baselineEntry, true);
const defaultKb = statSync(defaultBaseline).size / 1024;
const credentials = pairedLoads(baselineBundle, defaultBaseline);
row(
  'SDK-only baseline: env credentials vs default chain',
  `${baselineKb.toFixed(1)} KB`,
  `${defaultKb.toFixed(1)} KB`,
  x(baselineKb, defaultKb),
);
row(
  `SDK-only baseline load: env vs default chain (${credentials.spread})`,
  ms(credentials.measured),
  ms(credentials.baseline),
  x(credentials.measured, credentials.baseline),
);

/** The bundles as deployed: synthesised by the CDK app itself, found through each function's asset. */
function deployedBundles(deployment = 'sample-zhuquan'): Map<string, string> {
  const cdkOut = join(out, `cdk.out-${deployment}`);
  rmSync(cdkOut, { recursive: true, force: true });
  const app = new App({ outdir: cdkOut });
  const { stateless } = buildStacks(app, deployment);
  const template = app.synth().getStackByName(stateless.stackName).template as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: unknown } } }>;
  };
  const bundles = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    // The code's key is the asset's hash: cdk.out/asset.<hash> is what gets zipped and deployed.
    const key = resource.Properties.Code?.S3Key;
    const name = id.match(/^(\w+?)(Job|Stream)?Function[0-9A-F]{8}$/)?.[1];
    if (resource.Type !== 'AWS::Lambda::Function' || typeof key !== 'string' || !name) continue;
    bundles.set(
      `${name[0]?.toLowerCase()}${name.slice(1)}`,
      join(cdkOut, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'),
    );
  }
  return bundles;
}
/** A deployed bundle's size and its load in a fresh process, each against the SDK-only baseline. */
function bundleRows(name: string, file: string) {
  const kb = statSync(file).size / 1024;
  row(
    `bundle ${name} (cdk.out, minified, SDK inside)`,
    `${kb.toFixed(1)} KB`,
    `${baselineKb.toFixed(1)} KB SDK-only`,
    x(kb, baselineKb),
    '<= 250 KB and <= 1.25x',
  );
  const load = pairedLoads(file, baselineBundle);
  row(
    `load ${name} in a fresh process (${load.spread})`,
    ms(load.measured),
    ms(load.baseline),
    x(load.measured, load.baseline),
    '<= 1.20x',
  );
}
const deployed = deployedBundles();
for (const name of [...FUNCTION_NAMES, ...SCHEDULED_FUNCTIONS, ...STREAM_FUNCTIONS]) {
  const file = deployed.get(name);
  if (!file) throw new Error(`No deployed bundle for ${name}`);
  bundleRows(name, file);
}
// A mainland county's notices job carries its SMS provider's SDK (the China sample: Tencent).
bundleRows(
  'notices of the China sample (Tencent SMS)',
  deployedBundles('sample-zhuquan-cn').get('notices') as string,
);

// --- 3b. load + first call: a cold intake, in a fresh process, against DynamoDB Local ----------
// The deployed intake bundle answering one web petition (every answer 201) against the
// SDK-only baseline loading and sending one TransactWriteItems, 15 interleaved pairs.
{
  const firstWriteEntry = join(out, 'baseline-first-write.ts');
  writeFileSync(
    firstWriteEntry,
    `import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => {
  await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: process.env.TABLE_NAME, Item: { PK: 'BENCH#' + randomUUID(), SK: 'CASE' } } }] }));
  return { statusCode: 201 };
};
`,
  );
  const firstWriteBundle = await bundle('baseline-first-write', firstWriteEntry);
  const intakeBundle = deployed.get('intake') as string;
  /** Load a bundle and answer one event in a fresh process: ms from import to answer, and its status. */
  const loadAndCall = (file: string) => {
    const event = httpEvent('POST /petitions', {
      body: JSON.stringify(webPetition()),
      headers: { 'content-type': 'application/json' },
    });
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t=performance.now(); const { handler } = await import(${JSON.stringify(file)});
const answer = await handler(JSON.parse(process.env.BENCH_EVENT), { awsRequestId: crypto.randomUUID(), functionName: 'intake', getRemainingTimeInMillis: () => 10000 });
console.log(JSON.stringify({ ms: performance.now() - t, status: answer.statusCode }));`,
      ],
      {
        env: {
          ...process.env,
          ...environment,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          LOG_LEVEL: 'info',
          BENCH_EVENT: JSON.stringify(event),
        },
        encoding: 'utf8',
      },
    );
    const last = JSON.parse(output.trim().split('\n').pop() as string) as { ms: number; status: number };
    if (last.status !== 201) throw new Error(`${file} answered ${last.status} on its first call`);
    return last.ms;
  };
  const cold: number[] = [];
  const coldBaseline: number[] = [];
  for (let i = 0; i < 15; i++) {
    coldBaseline.push(loadAndCall(firstWriteBundle));
    cold.push(loadAndCall(intakeBundle));
  }
  const ratios = cold.map((value, i) => value / (coldBaseline[i] as number));
  row(
    `load + first intake in a fresh process, logging on (15 pairs ${pct(ratios, 10).toFixed(2)}-${pct(ratios, 90).toFixed(2)}x, all 201)`,
    ms(pct(cold, 50)),
    `${ms(pct(coldBaseline, 50))} SDK-only load + TransactWrite`,
    x(pct(cold, 50), pct(coldBaseline, 50)),
    '<= 1.30x',
  );
}

// --- 4. memory after 1,000 and 10,000 warm intakes ----------------------------------------
const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  return process.memoryUsage();
};
for (let i = 0; i < 1000; i++) await invoke();
const at1k = memory();
for (let i = 0; i < 9000; i++) await invoke();
const at10k = memory();
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
row(
  `heap after 10,000 vs 1,000 intakes${gc ? '' : ' (no --expose-gc)'}`,
  mb(at10k.heapUsed),
  mb(at1k.heapUsed),
  x(at10k.heapUsed, at1k.heapUsed),
);
row('RSS after 10,000 vs 1,000 intakes', mb(at10k.rss), mb(at1k.rss), x(at10k.rss, at1k.rss));

// --- 5. sustained throughput, 16 in flight: three 10 s rounds each side, alternating ----------
// Through the API process (every answer must be 201); the raw side sends transactions built
// before its round starts.
async function throughput(send: () => Promise<number>, seconds: number) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        if ((await send()) === 201) done++;
        else failed++;
      }
    }),
  );
  if (failed) throw new Error(`${failed} requests did not answer 201 during the throughput run`);
  return done / seconds;
}
const apiRates: number[] = [];
const rawRates: number[] = [];
for (let round = 0; round < 3; round++) {
  apiRates.push(await throughput(post, 10));
  const pool = Array.from({ length: Math.ceil((apiRates.at(-1) as number) * 10 * 2) + 500 }, rawInput);
  rawRates.push(
    await throughput(async () => {
      const input = pool.pop();
      if (!input) throw new Error('raw pool ran dry: raise its size');
      await sendRaw(input);
      return 201;
    }, 10),
  );
}
row(
  `intakes per second, 16 in flight (3 x 10 s each side, rounds ${apiRates.map((r) => r.toFixed(0)).join('/')} vs ${rawRates.map((r) => r.toFixed(0)).join('/')})`,
  pct(apiRates, 50).toFixed(0),
  `${pct(rawRates, 50).toFixed(0)} raw`,
  x(pct(apiRates, 50), pct(rawRates, 50)),
);
// --- 6. similar matters at 10,000+ cases: the repeat check of one new case -------------------
// What the stream runs after an intake (read the case and the person's files, the area's newest
// 200 and each other township's newest 50 of the category, rank them, record a flag if one is
// found) against the same reads alone, interleaved, 50 pairs. Every case here is one area's
// (the fixtures' township and category): its newest 200 are what is read however many it has.
{
  const { functionContext } = await import('../functions/context.ts');
  const { checkLikelyRepeat, COUNTY_CANDIDATES_PER_TOWNSHIP, SIMILAR_CANDIDATES } = await import(
    '../shared/usecases/similar-matters.ts'
  );
  const { otherFilesOf } = await import('../shared/usecases/read-case-file.ts');
  const ctx = functionContext();
  const answer = await invoke();
  const { caseId } = JSON.parse(String((answer as { body?: string }).body)) as { caseId: string };
  const probe = await ctx.store.cases.get(caseId);
  if (!probe) throw new Error('the probe case is missing');
  const inArea = await ctx.store.queries.inArea(probe.township, probe.category, 1000);
  let areaCount = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await direct.doc.send(
      new QueryCommand({
        TableName: tableName,
        ...partitionOf(indexes.byArea, caseIndexKeys.areaPartition(probe.township, probe.category)),
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    areaCount += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  const others = region.townships.filter((t) => t.code !== probe.township);
  const readsAlone = () =>
    Promise.all([
      ctx.store.cases.get(caseId),
      otherFilesOf(ctx, caseId),
      ctx.store.queries.inArea(probe.township, probe.category, SIMILAR_CANDIDATES),
      ...others.map((t) => ctx.store.queries.inArea(t.code, probe.category, COUNTY_CANDIDATES_PER_TOWNSHIP)),
    ]);
  const checkTimes: number[] = [];
  const readTimes: number[] = [];
  const timed = async (into: number[], run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < 5; i++) await checkLikelyRepeat(ctx, caseId);
  for (let i = 0; i < 50; i++) {
    const check = () => timed(checkTimes, () => checkLikelyRepeat(ctx, caseId));
    const reads = () => timed(readTimes, readsAlone);
    if (i % 2) {
      await check();
      await reads();
    } else {
      await reads();
      await check();
    }
  }
  row(
    `repeat check of a new case, ${areaCount.toLocaleString('en')} cases in its area (50 pairs; reads + ranking vs the reads alone)`,
    ms(pct(checkTimes, 50)),
    ms(pct(readTimes, 50)),
    x(pct(checkTimes, 50), pct(readTimes, 50)),
  );
  // The area index (GSI4) projects the whole case item: its size is the cases' size again.
  const bytes = inArea.slice(0, 1000).reduce((sum, c) => sum + Buffer.byteLength(JSON.stringify(c)), 0);
  const perCase = bytes / inArea.length;
  row(
    `area index (GSI4, projection ALL) per 10,000 cases, from the JSON size of ${inArea.length} case items`,
    `${((perCase * 10_000) / 1024 / 1024).toFixed(1)} MB`,
    `${(perCase / 1024).toFixed(2)} KB per case`,
    '-',
  );
}

/** The functions' context over a new table of its own, with the local peppers. */
async function onTableOfItsOwn(purpose: string) {
  const { functionContext } = await import('../functions/context.ts');
  const { pepperSourceOf } = await import('../functions/aws/peppers.ts');
  const table = `bench-${purpose}-${randomUUID()}`;
  await ensureTable(dynamoClient(dynamo.endpoint), table, false);
  const base = functionContext();
  return {
    ...base,
    store: createStore({ tableName: table, endpoint: dynamo.endpoint }),
    peppers: pepperSourceOf(base.config),
  };
}
/** Letters received at the given time, registered through intake (each with its acknowledgement). */
async function registerLetters(
  ctx: Awaited<ReturnType<typeof onTableOfItsOwn>>,
  count: number,
  receivedAt: string,
) {
  const { submitPetition } = await import('../shared/usecases/submit-petition.ts');
  for (let i = 0; i < count; i++)
    await submitPetition(
      ctx,
      { ...webIntake(), channel: 'letter', receivedAt, lateReason: 'a letter found late (bench)' },
      { actor: { kind: 'public' }, roles: [] },
    );
}

// --- 7. the deadline sweep: standing overdue deadlines cost nothing ---------------------------
// On a table of its own: 100 letters received 40 days ago fall overdue; the first sweep records
// their levels (the supervisor is told), the next reads what a sweep of the empty table read.
{
  const { checkDeadlines } = await import('../shared/usecases/check-deadlines.ts');
  const ctx = await onTableOfItsOwn('sweep');
  const empty = await checkDeadlines(ctx);
  await registerLetters(ctx, 100, new Date(Date.now() - 40 * 86_400_000).toISOString());
  const told = await checkDeadlines(ctx);
  const standing = await checkDeadlines(ctx);
  if (told.deadlinesDue !== 100 || standing.overdue !== told.overdue)
    throw new Error(`the sweep found ${told.deadlinesDue} due, then ${standing.overdue} standing`);
  row(
    `deadline sweep with 100 standing overdue deadlines (the run before read ${told.itemsRead} and recorded ${told.escalations} levels)`,
    `${standing.itemsRead} items read, ${standing.deadlinesDue} due`,
    `${empty.itemsRead} items read with none standing`,
    `+${standing.itemsRead - empty.itemsRead} items`,
    '+0 items',
  );
}

// --- 7b. notice delivery: every lane drained at once --------------------------------------------
// 400 letters' acknowledgements through a provider stand-in that takes 20 ms per SMS, on a table
// of their own, against the same provider one SMS after another (the delivery before lanes).
{
  const { deliverPendingNotices } = await import('../shared/usecases/deliver-notices.ts');
  const ctx = await onTableOfItsOwn('outbox');
  await registerLetters(ctx, 400, new Date().toISOString());
  const SMS_MS = 20;
  const provider = {
    send: async () => {
      await new Promise((resolve) => setTimeout(resolve, SMS_MS));
      return { method: 'sms' as const, providerMessageId: randomUUID() };
    },
  };
  const started = performance.now();
  const run = await deliverPendingNotices(ctx, provider);
  const seconds = (performance.now() - started) / 1000;
  if (run.delivered !== 400 || run.failed || run.toPost)
    throw new Error(`delivery run: ${JSON.stringify(run)}`);
  row(
    `notices delivered per second, 8 lanes x 4 in flight (400 SMS, provider stand-in at ${SMS_MS} ms each, all delivered)`,
    `${(run.delivered / seconds).toFixed(0)}/s`,
    `${(1000 / SMS_MS).toFixed(0)}/s one after another`,
    x(run.delivered / seconds, 1000 / SMS_MS),
  );
}

// --- 8. partition heat at a simulated national peak (scripts/lib/partition-heat.ts) ------------
// Work queues in 8 partitions, as a national deployment would set `queueShards`.
{
  const { simulatePeak, PARTITION_WCU } = await import('./lib/partition-heat.ts');
  const heat = await simulatePeak({ endpoint: dynamo.endpoint, queueShards: 8, top: 3 });
  for (const [i, hot] of heat.rows.entries())
    row(
      `${i === 0 ? 'hottest' : `#${i + 1}`} partition key at ${heat.intakesPerSecond} intakes/s + ${heat.stepsPerCase} steps + ${heat.deliveredPerCase.toFixed(0)} notices per case: ${hot.partition}`,
      `${hot.wcuPerSecond.toFixed(0)} WCU/s`,
      `${PARTITION_WCU.toLocaleString('en')} WCU per partition`,
      `${(hot.share * 100).toFixed(0)}%`,
      i === 0 ? '<= 30%' : '-',
    );
}

apiProcess.kill();

proxy.close();
await dynamo.stop();

const header = ['what', 'measured', 'baseline', 'ratio', 'goal'];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] as string).length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(`\nDynamoDB Local ${dynamo.endpoint}, Node ${process.version}, ${new Date().toISOString()}`);
process.exit(0);
