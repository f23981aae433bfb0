// Warm intake latency through the HTTP adapter with logging, against the same transaction sent
// raw: 1,000 interleaved pairs after 100 warm-up pairs, every answer 201.
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, type Table, timed, x } from './table.ts';

export async function warmLatency(stack: BenchStack, table: Table) {
  const { post } = await stack.apiProcess();
  for (let i = 0; i < 100; i++) {
    await post();
    await stack.sendRaw(stack.rawInput());
  }
  const viaApi: number[] = [];
  const raw: number[] = [];
  const statuses = new Map<number, number>();
  await interleaved(
    1000,
    () =>
      timed(viaApi, async () => {
        const status = await post();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    // Built before the timer: the raw side's time is the DynamoDB call only.
    async () => {
      const input = stack.rawInput();
      await timed(raw, () => stack.sendRaw(input));
    },
  );
  if (statuses.size !== 1 || !statuses.has(201))
    throw new Error(`intake answered ${JSON.stringify([...statuses])}`);
  const percentile = (what: string, p: number, goal: string) =>
    table.row(what, ms(pct(viaApi, p)), ms(pct(raw, p)), x(pct(viaApi, p), pct(raw, p)), goal);
  percentile(
    'intake p50 (HTTP adapter + logging vs raw TransactWriteItems, 1,000 pairs, all 201)',
    50,
    '<= 1.10x',
  );
  percentile('intake p99', 99, '<= 1.25x');
}
