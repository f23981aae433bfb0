// Sustained intakes per second, 16 in flight, through the API process (every answer 201) against
// raw transactions built before their round: three 10 s rounds each side, alternating.
import type { BenchStack } from './stack.ts';
import { pct, type Table, x } from './table.ts';

async function rate(send: () => Promise<number>, seconds: number) {
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

export async function throughput(stack: BenchStack, table: Table) {
  const { post } = await stack.apiProcess();
  const apiRates: number[] = [];
  const rawRates: number[] = [];
  for (let round = 0; round < 3; round++) {
    apiRates.push(await rate(post, 10));
    const pool = Array.from({ length: Math.ceil((apiRates.at(-1) ?? 0) * 10 * 2) + 500 }, stack.rawInput);
    rawRates.push(
      await rate(async () => {
        const input = pool.pop();
        if (!input) throw new Error('raw pool ran dry: raise its size');
        await stack.sendRaw(input);
        return 201;
      }, 10),
    );
  }
  table.row(
    `intakes per second, 16 in flight (3 x 10 s each side, rounds ${apiRates.map((r) => r.toFixed(0)).join('/')} vs ${rawRates.map((r) => r.toFixed(0)).join('/')})`,
    pct(apiRates, 50).toFixed(0),
    `${pct(rawRates, 50).toFixed(0)} raw`,
    x(pct(apiRates, 50), pct(rawRates, 50)),
  );
}
