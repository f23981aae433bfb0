// The repeat check of one new case (what the stream runs after an intake: read the case and the
// person's files, the area's newest 200 and each other township's newest 50 of the category, rank
// them, record a flag if one is found) against the same reads alone, interleaved, 50 pairs.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { caseIndexKeys, partitionOf } from '../../shared/store/keys.ts';
import { indexes } from '../../shared/store/table-definition.ts';
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, type Table, timed, x } from './table.ts';

export async function repeatCheck(stack: BenchStack, table: Table) {
  const { functionContext } = await import('../../functions/context.ts');
  const { checkLikelyRepeat, COUNTY_CANDIDATES_PER_TOWNSHIP, SIMILAR_CANDIDATES } = await import(
    '../../shared/usecases/similar-matters.ts'
  );
  const { otherFilesOf } = await import('../../shared/usecases/read-case-file.ts');
  const ctx = functionContext();
  const answer = await stack.invoke();
  const { caseId } = JSON.parse(String(answer.body)) as { caseId: string };
  const probe = await ctx.store.cases.get(caseId);
  if (!probe) throw new Error('the probe case is missing');
  const inArea = await ctx.store.queries.inArea(probe.township, probe.category, 1000);
  let areaCount = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.direct.doc.send(
      new QueryCommand({
        TableName: stack.tableName,
        ...partitionOf(indexes.byArea, caseIndexKeys.areaPartition(probe.township, probe.category)),
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    areaCount += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  const others = stack.region.townships.filter((t) => t.code !== probe.township);
  const readsAlone = () =>
    Promise.all([
      ctx.store.cases.get(caseId),
      otherFilesOf(ctx, caseId),
      ctx.store.queries.inArea(probe.township, probe.category, SIMILAR_CANDIDATES),
      ...others.map((t) => ctx.store.queries.inArea(t.code, probe.category, COUNTY_CANDIDATES_PER_TOWNSHIP)),
    ]);
  const checkTimes: number[] = [];
  const readTimes: number[] = [];
  for (let i = 0; i < 5; i++) await checkLikelyRepeat(ctx, caseId);
  await interleaved(
    50,
    () => timed(checkTimes, () => checkLikelyRepeat(ctx, caseId)),
    () => timed(readTimes, readsAlone),
  );
  table.row(
    `repeat check of a new case, ${areaCount.toLocaleString('en')} cases in its area (50 pairs; reads + ranking vs the reads alone)`,
    ms(pct(checkTimes, 50)),
    ms(pct(readTimes, 50)),
    x(pct(checkTimes, 50), pct(readTimes, 50)),
  );
  // The area index (GSI4) projects the whole case item: its size is the cases' size again.
  const bytes = inArea.slice(0, 1000).reduce((sum, c) => sum + Buffer.byteLength(JSON.stringify(c)), 0);
  const perCase = bytes / inArea.length;
  table.row(
    `area index (GSI4, projection ALL) per 10,000 cases, from the JSON size of ${inArea.length} case items`,
    `${((perCase * 10_000) / 1024 / 1024).toFixed(1)} MB`,
    `${(perCase / 1024).toFixed(2)} KB per case`,
    '-',
  );
}
