// What sealing and signing costs a document: the signed PDF's size beside the same document
// unsigned; the signature's own time (median of 10, each beside rendering the same PDF, the
// baseline); and on the HTTP path with logging, a numbered notice's signed PDF beside its JSON
// (interleaved pairs, every answer 200); then the same A/B on the deployed bundle from cdk.out.
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { signDevToken } from '../../infra/local/dev-secrets.ts';
import { httpEvent } from '../../test/fixtures/lambda.ts';
import { deployedBundles } from './cold-start.ts';
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, spread, type Table, timed, x } from './table.ts';

export async function signing(stack: BenchStack, table: Table) {
  const { generateSigningKey, padesSigner } = await import('../../functions/documents/pades.ts');
  const { pdfDocuments } = await import('../../functions/documents/pdf.ts');
  const { DOCUMENT_FONT, sealFileOf } = await import('../../infra/document-font.ts');
  const { SAMPLE_REGION_FILE } = await import('../../infra/local/stack.ts');
  const { submitPetition } = await import('../../shared/usecases/submit-petition.ts');
  const { takeStep } = await import('../../shared/usecases/take-step.ts');
  const { issueDocument, readWrittenNotice } = await import('../../shared/usecases/written-notices.ts');
  const { webIntake } = await import('../../test/fixtures/petitions.ts');
  const { publicCaller, staff } = await import('../../test/fixtures/use-case-context.ts');

  // A numbered written notice (where the case was transferred), as the delivery run leaves it.
  const ctx = await stack.throughProxy();
  const { caseId } = await submitPetition(ctx, webIntake(), publicCaller);
  await takeStep(ctx, caseId, { action: 'accept', plan: '交主管部門調查處理' }, staff.clerk);
  await takeStep(ctx, caseId, { action: 'assign', leadDepartment: 'natres' }, staff.supervisor);
  const notice = (await ctx.store.cases.notices(caseId)).find((n) => n.type === 'transferred');
  if (!notice) throw new Error('no transfer notice');
  await issueDocument(ctx, notice);
  const document = await readWrittenNotice(ctx, caseId, notice.noticeId, staff.clerk);

  // In this process: rendering (the baseline) and signing, ten pairs.
  const renderer = pdfDocuments(DOCUMENT_FONT.file, sealFileOf(SAMPLE_REGION_FILE));
  const signer = padesSigner(generateSigningKey('Bench Bureau'));
  const by = { name: '冯某', reason: '签发', location: '珠泉县' };
  let pdf = await renderer.pdf(document, 'zh-Hans');
  let signed = await signer.sign(pdf, by);
  const render: number[] = [];
  const sign: number[] = [];
  for (let i = 0; i < 10; i++) {
    await timed(render, async () => {
      pdf = await renderer.pdf(document, 'zh-Hans');
    });
    await timed(sign, async () => {
      signed = await signer.sign(pdf, by);
    });
  }
  const check = await signer.check(signed);
  if (!check.signed || !check.intact) throw new Error('the bench signed a PDF its check refuses');
  table.row(
    'a written notice as PDF, sealed, signed (PAdES, 8 KB kept for the signature) vs the same unsigned',
    `${(signed.length / 1024).toFixed(1)} KB`,
    `${(pdf.length / 1024).toFixed(1)} KB`,
    x(signed.length, pdf.length),
    '-',
  );
  table.row(
    `signing it, median of 10 (range ${ms(Math.min(...sign))}-${ms(Math.max(...sign))}) vs rendering it (median of 10)`,
    ms(pct(sign, 50)),
    ms(pct(render, 50)),
    x(pct(sign, 50), pct(render, 50)),
    '-',
  );

  // The HTTP path with logging: the API as `npm start` serves it, a clerk reading the notice.
  const api = await stack.apiProcess();
  const path = `/cases/${caseId}/notices/${notice.noticeId}/document`;
  const get = (accept: string) =>
    new Promise<number>((answered, failed) => {
      const url = new URL(`${api.url}${path}`);
      const sent = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { authorization: `Bearer ${api.clerk}`, accept },
        },
        (answer) => {
          answer.resume();
          answer.on('end', () => answered(answer.statusCode ?? 0));
        },
      );
      sent.on('error', failed);
      sent.end();
    });
  const statuses = new Map<number, number>();
  const record = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  for (let i = 0; i < 5; i++) await Promise.all([get('application/pdf'), get('application/json')]);
  const asPdf: number[] = [];
  const asJson: number[] = [];
  await interleaved(
    50,
    () => timed(asPdf, async () => record(await get('application/pdf'))),
    () => timed(asJson, async () => record(await get('application/json'))),
  );
  if (statuses.size !== 1 || !statuses.has(200))
    throw new Error(`the document answered ${JSON.stringify([...statuses])}`);
  table.row(
    `GET a numbered notice as its signed PDF vs as JSON, HTTP adapter + logging, p50 (50 interleaved pairs, all 200; ${spread(asPdf, asJson)})`,
    ms(pct(asPdf, 50)),
    ms(pct(asJson, 50)),
    x(pct(asPdf, 50), pct(asJson, 50)),
    '-',
  );

  // As deployed: the documents bundle from cdk.out (font and seal beside it), in a fresh process
  // logging at info, its handler given API Gateway's events; the first PDF pays the signer's load.
  const bundle = deployedBundles('sample-zhuquan').get('documents');
  if (!bundle) throw new Error('No deployed bundle for documents');
  const asset = dirname(bundle);
  const token = await signDevToken(stack.secrets, { sub: 'bench-clerk', roles: ['clerk'] });
  const event = (accept: string) =>
    httpEvent('GET /cases/{id}/notices/{noticeId}/document', {
      headers: { authorization: `Bearer ${token}`, accept },
      pathParameters: { id: caseId, noticeId: notice.noticeId },
    });
  const output = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { handler } = await import(${JSON.stringify(bundle)});
const [pdfEvent, jsonEvent] = JSON.parse(process.env.BENCH_EVENTS);
const context = { awsRequestId: 'bench', functionName: 'documents', getRemainingTimeInMillis: () => 10000 };
const run = async (event, into, statuses) => { const t = performance.now(); const answer = await handler(event, context); into.push(performance.now() - t); statuses.push(answer.statusCode); };
const first = []; const statuses = [];
await run(pdfEvent, first, statuses);
for (let i = 0; i < 5; i++) { await run(pdfEvent, [], statuses); await run(jsonEvent, [], statuses); }
const pdf = []; const json = [];
for (let i = 0; i < 50; i++) {
  if (i % 2) { await run(pdfEvent, pdf, statuses); await run(jsonEvent, json, statuses); }
  else { await run(jsonEvent, json, statuses); await run(pdfEvent, pdf, statuses); }
}
console.log(JSON.stringify({ first: first[0], pdf, json, statuses: [...new Set(statuses)] }));`,
    ],
    {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        LOG_LEVEL: 'info',
        REGION_CONFIG_FILE: join(asset, 'region.json'),
        DOCUMENT_FONT_FILE: join(asset, 'document-font.ttf'),
        DOCUMENT_SEAL_FILE: join(asset, 'document-seal.png'),
        BENCH_EVENTS: JSON.stringify([event('application/pdf'), event('application/json')]),
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const deployed = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
    first: number;
    pdf: number[];
    json: number[];
    statuses: number[];
  };
  if (deployed.statuses.length !== 1 || deployed.statuses[0] !== 200)
    throw new Error(`the deployed documents bundle answered ${deployed.statuses.join(', ')}`);
  table.row(
    `deployed documents bundle (cdk.out), logging at info: a numbered notice's signed PDF vs its JSON, p50 (50 interleaved pairs, all 200; ${spread(deployed.pdf, deployed.json)}); first PDF of the process ${ms(deployed.first)}`,
    ms(pct(deployed.pdf, 50)),
    ms(pct(deployed.json, 50)),
    x(pct(deployed.pdf, 50), pct(deployed.json, 50)),
    '-',
  );
}
