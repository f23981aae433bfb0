// What the per-client limit costs a petition: DynamoDB round trips (counted by the proxy) and
// warm latency on the HTTP path with logging, with the limiter and without it (its port
// answering "allowed" without a call), 1,000 interleaved pairs, every answer 201; then the
// hottest limiter key at the national peak of the partition-heat simulation, petitions coming
// from the web form (one address each) and all through one Open311 key.
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, spread, type Table, timed, x } from './table.ts';

export async function limiter(stack: BenchStack, table: Table) {
  const { submitPetition } = await import('../../shared/usecases/submit-petition.ts');
  const { admitPublicRequest } = await import('../../shared/usecases/client-limits.ts');
  const { webIntake } = await import('../../test/fixtures/petitions.ts');
  const { publicCaller } = await import('../../test/fixtures/use-case-context.ts');

  // Round trips, through the counting proxy.
  const ctx = await stack.throughProxy();
  const count = async (run: (i: number) => Promise<unknown>) => {
    stack.counted.roundTrips = 0;
    for (let i = 0; i < 100; i++) await run(i);
    return stack.counted.roundTrips / 100;
  };
  const withLimit = await count(async (i) => {
    await admitPublicRequest(ctx, { address: `198.51.100.${i}`, operationId: 'submitPetition' });
    await submitPetition(ctx, webIntake(), publicCaller);
  });
  const without = await count(() => submitPetition(ctx, webIntake(), publicCaller));
  table.row(
    'DynamoDB round trips per web petition with the limiter (one conditional write) vs without',
    withLimit.toFixed(2),
    without.toFixed(2),
    x(withLimit, without),
    '+1 at most, none in the transaction',
  );

  // Latency: the HTTP path with logging (the API as `npm start` serves it), the same API in a
  // second process with its limiter's port answering "allowed" without a call; alternating.
  const withLimiter = await stack.apiProcess();
  const withoutLimiter = await stack.apiProcessWithoutLimiter();
  for (let i = 0; i < 100; i++) await Promise.all([withLimiter.post(), withoutLimiter.post()]);
  const on: number[] = [];
  const off: number[] = [];
  const statuses = new Map<number, number>();
  const record = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  await interleaved(
    1000,
    () => timed(on, async () => record(await withLimiter.post())),
    () => timed(off, async () => record(await withoutLimiter.post())),
  );
  if (statuses.size !== 1 || !statuses.has(201))
    throw new Error(`intake answered ${JSON.stringify([...statuses])}`);
  for (const p of [50, 90])
    table.row(
      `POST /petitions p${p}, HTTP adapter + logging, with the limiter vs without (1,000 interleaved pairs, all 201; ${spread(on, off)})`,
      ms(pct(on, p)),
      ms(pct(off, p)),
      x(pct(on, p), pct(off, p)),
      p === 50 ? '<= 1.25x' : '-',
    );

  // The hottest limiter key at the simulated national peak.
  const { simulatePeak } = await import('../lib/partition-heat.ts');
  for (const through of ['web', 'open311'] as const) {
    const heat = await simulatePeak({ endpoint: stack.dynamo.endpoint, queueShards: 8, top: 1, through });
    const [overall] = heat.rows;
    for (const prefix of through === 'web' ? ['table LIMIT#'] : ['table LIMIT#', 'table CLIENT#']) {
      const hottest = heat.hottestStartingWith(prefix);
      table.row(
        `hottest ${prefix === 'table LIMIT#' ? 'limiter' : "client's request records"} key at ${heat.intakesPerSecond} intakes/s, petitions ${through === 'web' ? 'from the web form, one address each' : 'all through one Open311 key'}: ${hottest?.partition.replace(/#v\d+\.[\w-]+/, '#<hash>') ?? 'none'}`,
        `${(hottest?.wcuPerSecond ?? 0).toFixed(2)} WCU/s`,
        `hottest key overall ${overall?.wcuPerSecond.toFixed(0)} WCU/s`,
        `${((hottest?.share ?? 0) * 100).toFixed(2)}% of a partition`,
        '-',
      );
    }
  }
}
