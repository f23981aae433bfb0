// Cold start, as deployed: each function's bundle from CDK's own synthesis (cdk.out), its size and
// its load in a fresh process against an SDK-only handler bundled the same way, 15 interleaved
// pairs; then load + first intake against the SDK-only handler loading and sending one write.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { FUNCTION_NAMES } from '../../functions/routes.ts';
import { SCHEDULED_FUNCTIONS } from '../../functions/schedules.ts';
import { STREAM_FUNCTIONS } from '../../functions/streams.ts';
import { buildStacks } from '../../infra/app.ts';
import { bundleOptions } from '../../infra/bundle-options.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { lambdaNodeModules } from '../../infra/native-modules.ts';
import { httpEvent } from '../../test/fixtures/lambda.ts';
import { webPetition } from '../../test/fixtures/petitions.ts';
import { BENCH_DIR, type BenchStack } from './stack.ts';
import { ms, pct, spread, type Table, x } from './table.ts';

/** The SDK-only handler every bundle is compared with: one client, one GetItem. */
const SDK_ONLY = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: 'x', SK: 'x' } }));
`;

/**
 * The same, loading and sending one TransactWriteItems: what a cold intake is compared with. The
 * items come in BENCH_ITEMS: one Put (the figure of earlier sessions), or the very transaction
 * an intake writes, built by the bench (the same work for DynamoDB on both sides).
 */
const SDK_ONLY_FIRST_WRITE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));
export const handler = async () => {
  await doc.send(new TransactWriteCommand({ TransactItems: JSON.parse(process.env.BENCH_ITEMS) }));
  return { statusCode: 201 };
};
`;

/** A handler's source bundled as the functions are (the deployed options), to a file. */
async function bundled(name: string, source: string, defaultCredentials = false): Promise<string> {
  const entry = join(BENCH_DIR, `${name}.ts`);
  writeFileSync(entry, source);
  const outfile = join(BENCH_DIR, `${name}.mjs`);
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

/** The bundles as deployed: synthesised by the CDK app itself, found through each function's asset. */
export function deployedBundles(deployment: string): Map<string, string> {
  const cdkOut = join(BENCH_DIR, `cdk.out-${deployment}`);
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

const kb = (file: string) => statSync(file).size / 1024;

export async function coldStart(stack: BenchStack, table: Table) {
  const env = {
    ...process.env,
    ...stack.environment,
    LOG_LEVEL: 'silent',
    // The file check's slices, read at its cold start (nothing is contacted while loading).
    FILES_BUCKET: 'bench-files',
    MALWARE_SCANNER: 'clamd',
    CLAMD_ADDRESS: '127.0.0.1:3310',
  };
  /** One load of a bundle in a fresh process, in ms (module load and init, not process start). */
  const loadOnce = (file: string) =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t=performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now()-t)`,
        ],
        { env, encoding: 'utf8' },
      )
        .trim()
        .split('\n')
        .pop(),
    );
  /** 15 interleaved pairs (baseline, then the bundle): medians, and the spread of the pair ratios. */
  const pairedLoads = (file: string, base: string) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 15; i++) {
      b.push(loadOnce(base));
      a.push(loadOnce(file));
    }
    return { measured: pct(a, 50), baseline: pct(b, 50), spread: spread(a, b) };
  };

  const baseline = await bundled('baseline', SDK_ONLY);
  // The same SDK-only handler with the SDK's default credential chain, as most projects ship it.
  const defaultChain = await bundled('baseline-default-credentials', SDK_ONLY, true);
  const credentials = pairedLoads(baseline, defaultChain);
  table.row(
    'SDK-only baseline: env credentials vs default chain',
    `${kb(baseline).toFixed(1)} KB`,
    `${kb(defaultChain).toFixed(1)} KB`,
    x(kb(baseline), kb(defaultChain)),
  );
  table.row(
    `SDK-only baseline load: env vs default chain (${credentials.spread})`,
    ms(credentials.measured),
    ms(credentials.baseline),
    x(credentials.measured, credentials.baseline),
  );

  const bundleRows = (name: string, deployedFile: string, loadGoal: string) => {
    const { file, beside } = loadableHere(deployedFile, name);
    table.row(
      `bundle ${name} (cdk.out, minified, SDK inside${beside})`,
      `${kb(deployedFile).toFixed(1)} KB`,
      `${kb(baseline).toFixed(1)} KB SDK-only`,
      x(kb(deployedFile), kb(baseline)),
      '<= 1.50x',
    );
    const load = pairedLoads(file, baseline);
    table.row(
      `load ${name} in a fresh process (${load.spread})`,
      ms(load.measured),
      ms(load.baseline),
      x(load.measured, load.baseline),
      loadGoal,
    );
  };
  const deployed = deployedBundles('sample-zhuquan');
  for (const name of [...FUNCTION_NAMES, ...SCHEDULED_FUNCTIONS, ...STREAM_FUNCTIONS, 'fileCheck']) {
    const file = deployed.get(name);
    if (!file) throw new Error(`No deployed bundle for ${name}`);
    bundleRows(name, file, name === 'documents' ? '<= 2.00x' : '<= 1.50x');
  }
  // A mainland county's notices job carries its SMS provider's SDK (the China sample: Tencent).
  const cnNotices = deployedBundles('sample-zhuquan-cn').get('notices');
  if (!cnNotices) throw new Error('No deployed bundle for the China sample notices job');
  bundleRows('notices of the China sample (Tencent SMS)', cnNotices, '<= 1.50x');

  // Load + first call: the deployed intake bundle answering one web petition (every answer 201).
  const firstWrite = await bundled('baseline-first-write', SDK_ONLY_FIRST_WRITE);
  const intake = deployed.get('intake');
  if (!intake) throw new Error('No deployed bundle for intake');
  const loadAndCall = (file: string, items: unknown[] = []) => {
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
          ...env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          LOG_LEVEL: 'info',
          BENCH_EVENT: JSON.stringify(event),
          BENCH_ITEMS: JSON.stringify(items),
        },
        encoding: 'utf8',
      },
    );
    const last = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { ms: number; status: number };
    if (last.status !== 201) throw new Error(`${file} answered ${last.status} on its first call`);
    return last.ms;
  };
  const onePut = () => [
    { Put: { TableName: stack.tableName, Item: { PK: `BENCH#${randomUUID()}`, SK: 'CASE' } } },
  ];
  for (const [baselineName, items] of [
    ['one Put', onePut],
    ['the same transaction', () => stack.rawInput().TransactItems],
  ] as const) {
    const cold: number[] = [];
    const coldBaseline: number[] = [];
    for (let i = 0; i < 15; i++) {
      coldBaseline.push(loadAndCall(firstWrite, items()));
      cold.push(loadAndCall(intake));
    }
    table.row(
      `load + first intake in a fresh process, logging on (15 ${spread(cold, coldBaseline)}, all 201)`,
      ms(pct(cold, 50)),
      `${ms(pct(coldBaseline, 50))} SDK-only load + TransactWrite of ${baselineName}`,
      x(pct(cold, 50), pct(coldBaseline, 50)),
      '<= 1.30x',
    );
  }
}

/** Bytes under a folder. */
function folderKb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  return bytes / 1024;
}

/**
 * A bundle that carries sharp beside it (the file check, the redactions) as this machine can
 * load it: the same bundle given sharp for this machine's own CPU (the deployed node_modules are
 * Linux arm64; the JavaScript is the same, the addon and libvips the host's build of the same
 * version). Without node_modules, the bundle itself.
 */
function loadableHere(deployedFile: string, name: string): { file: string; beside: string } {
  const asset = dirname(deployedFile);
  const modules = join(asset, 'node_modules');
  if (!existsSync(modules)) return { file: deployedFile, beside: '' };
  const local = join(BENCH_DIR, `${name}-${process.arch}`);
  rmSync(local, { recursive: true, force: true });
  cpSync(asset, local, { recursive: true, filter: (from) => !from.startsWith(modules) });
  const host = lambdaNodeModules(['sharp'], process.arch === 'arm64' ? 'arm64' : 'x64');
  cpSync(join(host, 'node_modules'), join(local, 'node_modules'), { recursive: true });
  return {
    file: join(local, 'index.mjs'),
    beside: ` + ${(folderKb(modules) / 1024).toFixed(1)} MB sharp (linux-arm64) beside it; loaded with sharp for ${process.arch}`,
  };
}
