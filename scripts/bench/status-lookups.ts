// Status look-ups: a known code with a wrong verifier against an unknown code, interleaved through
// the same handler (each known code takes at most four wrong tries: the fifth would lock it).
import { context, httpEvent } from '../../test/fixtures/lambda.ts';
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, type Table, x } from './table.ts';

export async function statusLookups(stack: BenchStack, table: Table) {
  const { handler } = await import('../../functions/intake/handler.ts');
  const lookup = async (code: string, verifier: string) =>
    (await handler(
      httpEvent('GET /petitions/{receiptCode}', {
        pathParameters: { receiptCode: code },
        query: { verifier },
      }),
      context('intake'),
    )) as { statusCode: number };
  const known: string[] = [];
  for (let i = 0; i < 100; i++) {
    const answer = await stack.invoke();
    known.push((JSON.parse(String(answer.body)) as { receiptCode: string }).receiptCode);
  }
  const unknownTimes: number[] = [];
  const knownTimes: number[] = [];
  let i = 0;
  // Only refused look-ups are timed: a fixture phone ending in 0000 (1 in 10,000) is left out.
  const refused = (into: number[], run: () => ReturnType<typeof lookup>) => async () => {
    const start = performance.now();
    if ((await run()).statusCode === 404) into.push(performance.now() - start);
  };
  await interleaved(
    400,
    refused(knownTimes, () => lookup(known[i++ % known.length] as string, '0000')),
    refused(unknownTimes, () => lookup('AAAA-AAA-AAA', '0000')),
  );
  table.row(
    'status lookup: known code + wrong verifier vs unknown code (p50)',
    ms(pct(knownTimes, 50)),
    ms(pct(unknownTimes, 50)),
    x(pct(knownTimes, 50), pct(unknownTimes, 50)),
  );
}
