// Retention: what the daily job reads to find what falls due (the RETAIN partitions of the due
// index) against a scan of the same table, and what a disposal writes per case file (items and
// write units, as DynamoDB Local reports them) and how long it takes against an intake's
// transaction, interleaved. On a table of its own: 1,000 letters, 100 of them routine letters
// not accepted (due for disposal a year on), the rest still open.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Dynamo } from '../../shared/store/dynamo.ts';
import { memoryBucket } from '../../test/fixtures/file-storage.ts';
import { staff } from '../../test/fixtures/use-case-context.ts';
import type { BenchStack } from './stack.ts';
import { ms, pct, spread, type Table, x } from './table.ts';

const CASES = 1000;
const DUE = 100;

export async function retention(stack: BenchStack, table: Table) {
  const { submitPetition } = await import('../../shared/usecases/submit-petition.ts');
  const { takeStep } = await import('../../shared/usecases/take-step.ts');
  const { runRetention, disposeCase, decideDisposalList } = await import(
    '../../shared/usecases/retention.ts'
  );
  const { webIntake } = await import('../../test/fixtures/petitions.ts');
  const { publicCaller } = await import('../../test/fixtures/use-case-context.ts');
  const base = await stack.onTableOfItsOwn('retention');
  const { dynamo } = base;
  // Every write asks DynamoDB Local for the capacity it consumed; the units are summed here.
  const written = { units: 0 };
  dynamo.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const isWrite = /Put|Update|Delete|TransactWrite|BatchWrite/.test(context.commandName ?? '');
      if (isWrite) Object.assign(args.input as object, { ReturnConsumedCapacity: 'TOTAL' });
      const result = await next(args);
      if (isWrite) {
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of [consumed].flat()) {
          written.units += (c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'countWriteUnits' },
  );
  const files = memoryBucket();
  const ctx = { ...base, files };

  const due: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const { caseId } = await submitPetition(
      ctx,
      { ...webIntake(), channel: 'letter', receivedAt: new Date().toISOString() },
      publicCaller,
    );
    if (i % (CASES / DUE) === 0) {
      await takeStep(ctx, caseId, { action: 'not_accept', reason: '一般諮詢', routine: true }, staff.clerk);
      files.upload(`cases/${caseId}/PHOTO`, new Uint8Array([1, 2, 3]));
      due.push(caseId);
    }
  }
  const later = { ...ctx, now: () => new Date(Date.now() + 400 * 86_400_000) };
  const run = await runRetention(later, { dryRun: true });
  let scanned = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.doc.send(
      new ScanCommand({ TableName: dynamo.tableName, ExclusiveStartKey: start }),
    );
    scanned += page.ScannedCount ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  if (run.dueForDisposal.length !== DUE) throw new Error(`${run.dueForDisposal.length} due, not ${DUE}`);
  table.row(
    `retention job: items read to find ${DUE} files due among ${CASES} (the RETAIN partitions of the due index)`,
    `${run.itemsRead} items (${(run.itemsRead / DUE).toFixed(2)} a file due)`,
    `${scanned} items a scan reads`,
    x(run.itemsRead, scanned),
    'reads ~ files due, not the table',
  );

  await runRetention(later);
  const [list] = await ctx.store.retention.lists(1);
  if (!list) throw new Error('no list drawn up');
  const approved = await decideDisposalList(
    later,
    list.listId,
    'approved',
    staff.archivist('bench-archivist'),
  );
  const perCase: number[] = [];
  const intakes: number[] = [];
  const units: number[] = [];
  const items: number[] = [];
  for (const caseId of due) {
    const before = { ...written };
    const itemsBefore = await partitionSize(dynamo, caseId);
    const t0 = performance.now();
    await disposeCase(later, approved, caseId);
    perCase.push(performance.now() - t0);
    units.push(written.units - before.units);
    items.push(itemsBefore);
    const t1 = performance.now();
    await stack.sendRaw(stack.rawInput());
    intakes.push(performance.now() - t1);
  }
  table.row(
    `a disposal per case file (${DUE} routine letters: case, events, notices, links, receipt, personal, a file)`,
    `${ms(pct(perCase, 50))} median, ${pct(units, 50).toFixed(1)} write units, ${pct(items, 50)} items in its partition`,
    `${ms(pct(intakes, 50))} an intake's transaction`,
    `${x(pct(perCase, 50), pct(intakes, 50))} (${spread(perCase, intakes)})`,
    '-',
  );
}

async function partitionSize(dynamo: Dynamo, caseId: string) {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const page = await dynamo.doc.send(
    new QueryCommand({
      TableName: dynamo.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      Select: 'COUNT',
    }),
  );
  return page.Count ?? 0;
}
