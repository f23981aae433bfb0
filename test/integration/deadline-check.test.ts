// The deadline check against DynamoDB Local: it reads only what is due, and records each
// escalation once however often and however concurrently it runs.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import { loadScheduledHandlers, SAMPLE_REGION_FILE, scheduledEvent } from '../../infra/local/stack.ts';
import { type CaseFile, openCaseFile } from '../../shared/domain/case.ts';
import { addDays } from '../../shared/domain/clock.ts';
import { localDate } from '../../shared/domain/local-time.ts';
import { RECEIPT_ALPHABET } from '../../shared/domain/receipt-code.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { createDynamo } from '../../shared/store/dynamo.ts';
import { caseItem, deadlineItem, personalItem } from '../../shared/store/items.ts';
import { COUNTER_SHARDS } from '../../shared/store/keys.ts';
import { storeOver } from '../../shared/store/store.ts';
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { context } from '../fixtures/lambda.ts';
import { staffCase } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const OPEN_CASES = 10_000;
const DUE_CASES = 50;

let api: TestApi;
let ctx: UseCaseContext;
let itemsReturned = 0;

/** A store whose client counts every item DynamoDB returns to a query or a batch read. */
function countingContext(): UseCaseContext {
  const dynamo = createDynamo({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT });
  dynamo.doc.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { Items?: unknown[]; Responses?: Record<string, unknown[]> };
      if (Array.isArray(output.Items)) itemsReturned += output.Items.length;
      for (const items of Object.values(output.Responses ?? {})) itemsReturned += items.length;
      return result;
    },
    { step: 'initialize', name: 'countItemsReturned' },
  );
  return { ...functionContext(), store: storeOver(dynamo) };
}

function randomCode(length: number): string {
  return Array.from({ length }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
}

/** An open case whose register deadline started `daysAgo` days ago (15-day period). */
function seededCase(daysAgo: number): CaseFile {
  const receivedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const { caseFile } = openCaseFile(
    staffCase({ receivedAt }),
    { caseId: `20260101-${randomCode(8)}`, receiptCode: 'SEED', now: receivedAt },
    region,
  );
  return { ...caseFile, version: 1 };
}

async function seed(cases: CaseFile[]): Promise<void> {
  const items = cases.flatMap((c) => [
    caseItem(c),
    deadlineItem(c.caseId, c.deadlines.register as NonNullable<CaseFile['deadlines']['register']>, true),
    // The check tells the petitioner when registration is late: it reads who they are.
    personalItem({
      caseId: c.caseId,
      petitioner: { name: '種子甲', address: '珠泉縣柳樹鄉' },
      representatives: [],
    }),
  ]);
  await api.seedItems(items);
}

let dueCases: CaseFile[];

beforeAll(async () => {
  api = await startTestApi();
  ctx = countingContext();
  // 50 cases past their 15-day register deadline; 9,950 received today (due in 15+ days).
  dueCases = Array.from({ length: DUE_CASES }, () => seededCase(30));
  await seed([...dueCases, ...Array.from({ length: OPEN_CASES - DUE_CASES }, () => seededCase(0))]);
}, 180_000);
afterAll(async () => {
  await api.close();
});

describe(`sweep: ${OPEN_CASES} open cases, ${DUE_CASES} due`, () => {
  it('finds the 50 due deadlines and reads only them from DynamoDB', async () => {
    itemsReturned = 0;

    const result = await checkDeadlines(ctx);

    expect(result.deadlinesDue).toBe(DUE_CASES);
    expect(result.itemsRead).toBe(DUE_CASES);
    // The sweep query returned 50 items and the overdue gauge its counter shards; then each of
    // the 50 cases with its petitioner's record (one batch read of two items: the late
    // registration is told to the petitioner too).
    expect(itemsReturned).toBe(DUE_CASES + COUNTER_SHARDS + 2 * DUE_CASES);
    console.info(
      `sweep figures: ${OPEN_CASES} open cases stored, ${itemsReturned} items returned by the due-index query`,
    );
  });
});

describe('escalation is recorded once per deadline and level', () => {
  it('three runs in a row and two concurrent runs add nothing after the first', async () => {
    const before = await checkDeadlines(ctx);

    const again = [await checkDeadlines(ctx), await checkDeadlines(ctx), await checkDeadlines(ctx)];
    const concurrent = await Promise.all([checkDeadlines(ctx), checkDeadlines(ctx)]);

    // The sweep above already recorded everything: these runs find nothing new.
    expect([before, ...again, ...concurrent].map((r) => r.escalations)).toEqual([0, 0, 0, 0, 0, 0]);
    // Nothing left to record is seen from the index alone: no case is even read.
    expect([before, ...again, ...concurrent].map((r) => r.deadlinesDue)).toEqual([0, 0, 0, 0, 0, 0]);
    const items = await api.allItems();
    const escalations = items.filter((i) => i.entity === 'escalation');
    const events = items.filter((i) => i.entity === 'event' && i.type === 'escalated');
    // Received 30 days ago: 15-day deadline passed 15 days ago, so "due" and "overdue" once each.
    expect(escalations).toHaveLength(DUE_CASES * 2);
    expect(events).toHaveLength(DUE_CASES * 2);
    expect(new Set(escalations.map((e) => `${e.caseId}#${e.level}`)).size).toBe(DUE_CASES * 2);
  });

  it('escalates a fresh overdue case once even when five runs race from the start', async () => {
    const [late] = [seededCase(22)];
    await seed([late as CaseFile]);

    const results = await Promise.all(Array.from({ length: 5 }, () => checkDeadlines(ctx)));

    expect(results.reduce((sum, r) => sum + r.escalations, 0)).toBe(2);
    const read = await api.call('GET', `/cases/${late?.caseId}`, {
      headers: { authorization: `Bearer ${await api.token({ roles: ['supervisor'] })}` },
    });
    expect(read.body.escalations.map((e: { level: string }) => e.level).sort()).toEqual(['due', 'overdue']);
    // The ladder's levels, and the petitioner told once that registration is late.
    expect(read.body.case.deadlines.register.escalated.sort()).toEqual(['due', 'late', 'overdue']);
    expect(read.body.timeline.filter((e: { type: string }) => e.type === 'escalated')).toHaveLength(2);
    // Each escalation is an item of its own: the case item does not grow with them.
    const caseItem = (await api.allItems()).find((i) => i.entity === 'case' && i.caseId === late?.caseId);
    expect(caseItem).toBeDefined();
    expect(caseItem).not.toHaveProperty('escalations');
  });
});

describe('the ladder, through the API and the scheduled function', () => {
  it('reminds the handler before the deadline, then tells head and owner, then the supervisor', async () => {
    const supervisor = { authorization: `Bearer ${await api.token({ roles: ['supervisor'] })}` };
    const clerk = { authorization: `Bearer ${await api.token({ roles: ['clerk'] })}` };
    const today = localDate(new Date(), 'Asia/Shanghai');
    // Received 13 days ago: the 15-day register deadline is 2 days away (or the next working day).
    const received = await api.call('POST', '/cases', {
      body: { ...staffCase(), receivedAt: new Date(Date.now() - 13 * 86_400_000).toISOString() },
      headers: clerk,
    });
    await api.call('PUT', `/cases/${received.body.caseId}/owner`, {
      body: { officialId: 'off-04' },
      headers: supervisor,
    });

    const run = await api.call('POST', '/deadline-checks', { headers: supervisor });
    const { deadlines: deliver } = await loadScheduledHandlers();
    const scheduled = await deliver(scheduledEvent('deadlines'), context('deadlines'));

    expect(run.status).toBe(200);
    expect(run.body.today).toBe(today);
    expect(scheduled).toMatchObject({ escalations: 0 });
    const read = await api.call('GET', `/cases/${received.body.caseId}`, { headers: supervisor });
    const due = read.body.case.deadlines.register.dueDate as string;
    const expected = today >= due ? ['due'] : today >= addDays(due, -3) ? ['reminder'] : [];
    expect(read.body.case.deadlines.register.escalated ?? []).toEqual(expected);
    const notices = await api.call('GET', `/cases/${received.body.caseId}/notices`, { headers: supervisor });
    const staffNotices = notices.body.notices.filter((n: { type: string }) => n.type === 'escalation');
    expect(staffNotices.length).toBe(expected.length);
    if (expected[0] === 'reminder') expect(staffNotices[0].recipient.to).toBe('role:clerk');
  });

  it('stops escalating a deadline once it is met', async () => {
    const clerk = { authorization: `Bearer ${await api.token({ roles: ['clerk'] })}` };
    const met = await api.call('POST', '/cases', {
      body: {
        ...staffCase(),
        receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        lateReason: '信件夹在其他材料中，今日清理时发现',
      },
      headers: clerk,
    });
    const refused = await api.call('POST', `/cases/${met.body.caseId}/transitions`, {
      body: { action: 'not_accept', reason: '不屬信訪事項' },
      headers: clerk,
    });

    const result = await checkDeadlines(ctx);

    expect(refused.status).toBe(200);
    expect(result.escalations).toBe(0);
    const items = await api.allItems();
    expect(items.filter((i) => i.entity === 'escalation' && i.caseId === met.body.caseId)).toEqual([]);
  });
});

describe('standing overdue deadlines', () => {
  it('cost the sweep nothing once the supervisor is told, and the gauge follows them until met', async () => {
    const clerk = { authorization: `Bearer ${await api.token({ roles: ['clerk'] })}` };
    await checkDeadlines(ctx);
    const before = await checkDeadlines(ctx);
    const late = await api.call('POST', '/cases', {
      body: {
        ...staffCase(),
        receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        lateReason: '信件夹在其他材料中，今日清理时发现',
      },
      headers: clerk,
    });

    const told = await checkDeadlines(ctx);
    itemsReturned = 0;
    const standing = await checkDeadlines(ctx);
    const sweepReads = itemsReturned;
    await api.call('POST', `/cases/${late.body.caseId}/transitions`, {
      body: { action: 'accept', plan: '交辦' },
      headers: clerk,
    });
    const afterMet = await checkDeadlines(ctx);

    expect(told.levels.filter((d) => d.caseId === late.body.caseId)[0]?.levels).toEqual(['due', 'overdue']);
    expect(told.overdue).toBe(before.overdue + 1);
    // The told deadline left the index: the sweep reads what it read before the case came (only
    // deadlines with a level still ahead), and the gauge is its counter shards however many stand.
    expect(standing).toMatchObject({
      itemsRead: before.itemsRead,
      deadlinesDue: 0,
      overdue: before.overdue + 1,
    });
    expect(sweepReads).toBe(before.itemsRead + COUNTER_SHARDS);
    expect(afterMet.overdue).toBe(before.overdue);
  });
});
