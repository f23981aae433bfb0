// DynamoDB round trips per intake, repeat and procedure step, counted by the proxy in front of
// DynamoDB Local (the baseline: the one transaction the raw side sends).

import { webIntake } from '../../test/fixtures/petitions.ts';
import { publicCaller } from '../../test/fixtures/use-case-context.ts';
import type { BenchStack } from './stack.ts';
import { type Table, x } from './table.ts';

export async function roundTrips(stack: BenchStack, table: Table) {
  const { submitPetition } = await import('../../shared/usecases/submit-petition.ts');
  const { takeStep } = await import('../../shared/usecases/take-step.ts');
  const ctx = await stack.throughProxy();
  const perCall = async (calls: Array<() => Promise<unknown>>) => {
    stack.counted.roundTrips = 0;
    for (const call of calls) await call();
    return stack.counted.roundTrips / calls.length;
  };
  const petitions = Array.from({ length: 100 }, () => webIntake());
  const fresh = await perCall(petitions.map((p) => () => submitPetition(ctx, p, publicCaller)));
  const repeat = await perCall(petitions.map((p) => () => submitPetition(ctx, p, publicCaller)));
  const opened = await Promise.all(
    Array.from({ length: 20 }, () => submitPetition(ctx, webIntake(), publicCaller)),
  );
  const clerk = { sub: 'bench-clerk', roles: ['clerk' as const] };
  const step = await perCall(
    opened.map(
      ({ caseId }) =>
        () =>
          takeStep(ctx, caseId, { action: 'accept', plan: '交辦' }, clerk),
    ),
  );
  table.row(
    'DynamoDB round trips per new-case intake',
    fresh.toFixed(2),
    '1 (raw transaction)',
    x(fresh, 1),
    '1',
  );
  table.row(
    'DynamoDB round trips per repeat submission',
    repeat.toFixed(2),
    '1 (raw transaction)',
    x(repeat, 1),
    '<= 2',
  );
  table.row(
    'DynamoDB round trips per procedure step (accept, which tells the petitioner)',
    step.toFixed(2),
    '1 (raw transaction)',
    x(step, 1),
    '<= 2',
  );
}
