// A work queue spread over partitions (a province's or the nation's `queueShards`): every case
// once, in due-date order, page after page under one signed cursor, the counts the same.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import type { Staff } from '../../shared/domain/access.ts';
import { queues } from '../../shared/domain/work-queues.ts';
import { queueIndexKeys } from '../../shared/store/keys.ts';
import { createStore } from '../../shared/store/store.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { listCases } from '../../shared/usecases/work-queues.ts';
import { webIntake } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const SHARDS = 8;
const CASES = 45;
const PAGE = 7;
let api: TestApi;
let ctx: UseCaseContext;
const clerk: Staff = { sub: 'clerk-shards', roles: ['clerk'] };

beforeAll(async () => {
  api = await startTestApi();
  const base = functionContext();
  ctx = {
    ...base,
    store: createStore({
      tableName: api.tableName,
      endpoint: process.env.DYNAMODB_ENDPOINT,
      queueShards: SHARDS,
    }),
    peppers: pepperSourceOf(base.config),
  };
  // Received over several days, so the due dates differ and the merge order matters.
  for (let i = 0; i < CASES; i++) {
    const receivedAt = new Date(Date.now() - (i % 9) * 86_400_000).toISOString();
    await submitPetition(ctx, { ...webIntake(), receivedAt }, { actor: { kind: 'public' }, roles: [] });
  }
}, 120_000);
afterAll(async () => {
  await api.close();
});

it('spreads the unowned queue over its shards and pages through it: each case once, by due date', async () => {
  const seen: Array<{ caseId: string; dueDate: string }> = [];
  let cursor: string | undefined;
  let pages = 0;
  let mostRead = 0;
  do {
    const page = await listCases(ctx, clerk, { view: 'unowned', limit: PAGE, ...(cursor && { cursor }) });
    seen.push(...page.cases.map((c) => ({ caseId: c.caseId, dueDate: c.dueDate })));
    mostRead = Math.max(mostRead, page.itemsRead);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);

  // Each entry in its case's shard; 45 cases fill all 8 only most of the time (about 2% leave one
  // empty), so the spread is checked entry by entry, and that it is a spread at all.
  const entries = (await api.allItems()).filter((i) => String(i.queuePK).startsWith('UNOWNED'));
  const partitions = new Set(entries.map((i) => i.queuePK));
  expect(entries).toHaveLength(CASES);
  for (const entry of entries) {
    expect(entry.queuePK).toBe(
      queueIndexKeys.member(queues.unowned, '', String(entry.caseId), SHARDS).queuePK,
    );
  }
  expect(partitions.size).toBeGreaterThan(SHARDS / 2);
  expect(seen).toHaveLength(CASES);
  expect(new Set(seen.map((c) => c.caseId)).size).toBe(CASES);
  const dates = seen.map((c) => c.dueDate);
  expect(dates).toEqual([...dates].sort());
  expect(pages).toBe(Math.ceil(CASES / PAGE));
  // One page reads at most a page from each shard.
  expect(mostRead).toBeLessThanOrEqual(SHARDS * PAGE);
});

it('counts a spread queue across every shard', async () => {
  const open = await ctx.store.queries.count(queues.open, {});
  const unowned = await ctx.store.queries.count(queues.unowned, {});
  expect([open, unowned]).toEqual([CASES, CASES]);
});
