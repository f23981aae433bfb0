// DynamoDB round trips per request on the write paths, counted at the client: what a cold
// or far-away request pays on top of its own work (issue: cold start and round trips).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import type { Staff } from '../../shared/domain/access.ts';
import { createDynamo } from '../../shared/store/dynamo.ts';
import { storeOver } from '../../shared/store/store.ts';
import type { Caller, UseCaseContext } from '../../shared/usecases/context.ts';
import { acknowledgeCase } from '../../shared/usecases/handling-desk.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { takeStep } from '../../shared/usecases/take-step.ts';
import { uniquePhone, webIntake } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let ctx: UseCaseContext;
let roundTrips = 0;
const public_: Caller = { actor: { kind: 'public' }, roles: [] };
const clerk: Staff = { sub: 'clerk-rt', roles: ['clerk'] };
const supervisor: Staff = { sub: 'supervisor-rt', roles: ['supervisor'] };

beforeAll(async () => {
  api = await startTestApi();
  const dynamo = createDynamo({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT });
  dynamo.doc.middlewareStack.add(
    (next) => async (args) => {
      roundTrips++;
      return next(args);
    },
    { step: 'initialize', name: 'countRoundTrips' },
  );
  const base = functionContext();
  ctx = { ...base, store: storeOver(dynamo), peppers: pepperSourceOf(base.config) };
});
afterAll(async () => {
  await api.close();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  roundTrips = 0;
  const result = await work();
  return { result, trips: roundTrips };
}

it('takes one round trip for a new case, three for a repeat, two for a step that tells the petitioner and two for one that does not', async () => {
  const intake = webIntake({ petitioner: { name: '計數', phone: uniquePhone() } });

  const opened = await counted(() => submitPetition(ctx, intake, public_));
  const repeat = await counted(() => submitPetition(ctx, intake, public_));
  const accept = await counted(() =>
    takeStep(ctx, opened.result.caseId, { action: 'accept', plan: '交辦' }, clerk),
  );
  await takeStep(ctx, opened.result.caseId, { action: 'assign', leadDepartment: 'hrss' }, supervisor);
  const acknowledge = await counted(() =>
    acknowledgeCase(ctx, opened.result.caseId, { sub: 'hrss-1', roles: ['department'], department: 'hrss' }),
  );

  expect(repeat.result).toMatchObject({ caseId: opened.result.caseId, alreadyOnFile: true });
  expect({
    new: opened.trips,
    repeat: repeat.trips,
    accept: accept.trips,
    acknowledge: acknowledge.trips,
  }).toEqual({
    new: 1,
    // The failed open names the file; the repeat must read it before writing (version, chain).
    repeat: 3,
    accept: 2,
    acknowledge: 2,
  });
});
