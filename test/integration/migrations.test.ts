// Migrations against DynamoDB Local, on items written as the older code wrote them: a case
// stored before the work queues (no queue entries) and queue entries written before dueFrom.

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import { type CaseFile, openCaseFile } from '../../shared/domain/case.ts';
import { addDays } from '../../shared/domain/clock.ts';
import { firstTamperedPoint, GENESIS_HASH, hashEvent, stateDigest } from '../../shared/domain/timeline.ts';
import { queues } from '../../shared/domain/work-queues.ts';
import { caseItem, eventItem } from '../../shared/store/items.ts';
import { keys } from '../../shared/store/keys.ts';
import { createStore } from '../../shared/store/store.ts';
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { MIGRATIONS, type Migration, runMigrations } from '../../shared/usecases/migrations.ts';
import { staffCase } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let ctx: UseCaseContext;
let supervisor: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi();
  ctx = functionContext();
  supervisor = await api.as({ roles: ['supervisor'] });
});
afterAll(async () => {
  await api.close();
});

/** A letter stored as the code before the work queues stored it: the case item, no queue entry. */
async function caseFromBeforeTheQueues(subject: string): Promise<string> {
  const { caseFile } = openCaseFile(
    staffCase({ subject, township: 'shiqiao', category: 'housing' }),
    { caseId: `20260301-${'ACDEFGHJ'}`, receiptCode: 'ACDE-FGH-JKM', now: '2026-03-01T02:00:00.000Z' },
    ctx.config.region,
  );
  await api.seedItems([caseItem({ ...caseFile, version: 1 })]);
  return caseFile.caseId;
}

/** A case registered now whose queue entries lose dueFrom, as entries written before it had none. */
async function caseWithEntriesBeforeDueFrom(): Promise<string> {
  const clerk = await api.as({ roles: ['clerk'] });
  const { body } = await api.call('POST', '/cases', {
    body: staffCase({ township: 'shiqiao', category: 'housing' }),
    headers: clerk,
  });
  for (const queue of [queues.open, queues.unowned]) {
    await api.doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.queueMembership(body.caseId, queue),
        UpdateExpression: 'REMOVE dueFrom',
      }),
    );
  }
  return body.caseId;
}

const entriesOf = async (caseId: string) =>
  (await api.allItems()).filter((i) => i.entity === 'queueMembership' && i.caseId === caseId);
const unowned = async () =>
  (await api.call('GET', '/cases?view=unowned&limit=100', { headers: supervisor })).body.cases.map(
    (c: { caseId: string }) => c.caseId,
  );

describe('0001: queue entries for older cases', () => {
  it('counts in a dry run, then writes what is missing, records the run, and does nothing the second time', async () => {
    const old = await caseFromBeforeTheQueues('危房改造補助未到位');
    const partial = await caseWithEntriesBeforeDueFrom();
    const before = await api.allItems();

    const [dry] = await runMigrations(ctx, { dryRun: true });
    const afterDry = await api.allItems();
    // (GET /cases would not even answer in its contract now: the older entries lack dueFrom.)
    const entriesBefore = await entriesOf(old);
    const [run] = await runMigrations(ctx);
    const [again] = await runMigrations(ctx);

    expect(dry).toMatchObject({
      id: '0001-queue-memberships',
      outcome: 'would run',
      examined: 2,
      changed: 2,
    });
    expect(afterDry).toEqual(before);
    expect(entriesBefore).toEqual([]);
    expect(run).toMatchObject({ outcome: 'ran', examined: 2, changed: 2, ranAt: expect.any(String) });
    expect(again).toMatchObject({ outcome: 'had run', ranAt: run?.ranAt, changed: 2 });
    expect((await entriesOf(old)).map((e) => e.queue).sort()).toEqual(['OPEN', 'UNOWNED']);
    for (const entry of [...(await entriesOf(old)), ...(await entriesOf(partial))]) {
      expect(entry).toHaveProperty('dueFrom', null);
    }
    expect(await unowned()).toContain(old);
  });
});

describe('0002: a retention schedule for files closed before retention', () => {
  it('schedules a closed file from the day it closed, with an event its timeline still verifies; a dry run writes nothing', async () => {
    const own = await startTestApi();
    const base = functionContext();
    const onOwn = {
      ...base,
      store: createStore({ tableName: own.tableName, endpoint: process.env.DYNAMODB_ENDPOINT }),
    };
    try {
      // A letter not accepted on 2 March, as the code before retention stored it: its events
      // hashed over their data (no digest), its record without a schedule.
      const { caseFile } = openCaseFile(
        staffCase({ township: 'shiqiao', category: 'housing', receivedAt: '2026-03-01T09:00:00+08:00' }),
        { caseId: '20260301-RETAINED', receiptCode: 'RETN-AAA-BBB', now: '2026-03-01T02:00:00.000Z' },
        base.config.region,
      );
      const closed: CaseFile = {
        ...caseFile,
        status: 'not_accepted',
        notAccepted: { reason: '已由法院受理', on: '2026-03-02' },
        milestones: [...caseFile.milestones, { step: 'not_accepted', on: '2026-03-02' }],
        deadlines: {},
      };
      const legacy = (
        seq: number,
        type: string,
        data: Record<string, unknown>,
        prevHash: string,
        state?: string,
      ) => {
        const unsigned = {
          seq,
          type,
          at: `2026-03-0${seq}T02:00:00.000Z`,
          actor: { kind: 'system' as const },
          data,
          ...(state && { state }),
          prevHash,
        };
        return { ...unsigned, hash: hashEvent(unsigned) };
      };
      const first = legacy(1, 'received', { channel: 'letter' }, GENESIS_HASH, stateDigest(caseFile));
      const second = legacy(2, 'not_accept', { reason: '已由法院受理' }, first.hash, stateDigest(closed));
      const record = { ...closed, version: 2, eventSeq: 2, lastEventHash: second.hash };
      await own.seedItems([
        caseItem(record),
        eventItem(record.caseId, first),
        eventItem(record.caseId, second),
      ]);
      const before = await own.allItems();

      const dry = await runMigrations(onOwn, {
        dryRun: true,
        migrations: MIGRATIONS.filter((m) => m.id.startsWith('0002')),
      });
      expect(dry).toEqual([expect.objectContaining({ outcome: 'would run', examined: 1, changed: 1 })]);
      expect(await own.allItems()).toEqual(before);

      const [run] = await runMigrations(onOwn, {
        migrations: MIGRATIONS.filter((m) => m.id.startsWith('0002')),
      });
      expect(run).toMatchObject({ outcome: 'ran', examined: 1, changed: 1 });
      const migrated = await onOwn.store.cases.get(record.caseId);
      expect(migrated?.retention).toEqual({
        class: 'notHandled',
        closedOn: '2026-03-02',
        restrictOn: '2028-03-02',
        disposeOn: '2036-03-02',
      });
      const timeline = await onOwn.store.cases.timeline(record.caseId);
      expect(timeline.at(-1)?.type).toBe('retention_scheduled');
      expect(firstTamperedPoint(migrated as CaseFile, timeline)).toBeUndefined();
      // In the due index: restriction falls due on 2 March 2028.
      expect((await onOwn.store.retention.due('2028-03-02')).due).toEqual([
        { caseId: record.caseId, action: 'restrict', on: '2028-03-02' },
      ]);
      expect((await onOwn.store.retention.due('2028-03-01')).due).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('0003: open handling periods keyed at their halfway mark', () => {
  it('re-keys a handling period the older code indexed at its due date, so the check reads it at halfway', async () => {
    // The first test ran every migration on this table: 0003 runs again under a fresh id.
    const [halfwayMarks] = MIGRATIONS.filter((m) => m.id.startsWith('0003'));
    if (!halfwayMarks) throw new Error('no migration 0003');
    const only0003 = { migrations: [{ ...halfwayMarks, id: '9003-halfway-marks-again' }] };
    const { body } = await api.call('POST', '/cases', {
      body: staffCase({ township: 'shiqiao', category: 'housing' }),
      headers: await api.as({ roles: ['clerk'] }),
    });
    await api.call('POST', `/cases/${body.caseId}/transitions`, {
      body: { action: 'accept', plan: '交辦' },
      headers: supervisor,
    });
    const handle = (await ctx.store.cases.get(body.caseId))?.deadlines.handle;
    if (!handle) throw new Error('no handling period');
    // As the code before progress notices wrote it: in the due index at its due date.
    await api.doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.deadline(body.caseId, 'handle'),
        UpdateExpression: 'SET dueSK = :old',
        ExpressionAttributeValues: { ':old': `${handle.dueDate}#${body.caseId}#handle` },
      }),
    );
    const halfway = addDays(handle.startedOn, 31);
    const marksOn = async (day: string) =>
      (await checkDeadlines(ctx, { asOf: day })).levels.filter((l) => l.caseId === body.caseId);
    expect(await marksOn(halfway)).toEqual([]);

    expect(await runMigrations(ctx, { ...only0003, dryRun: true })).toEqual([
      expect.objectContaining({ outcome: 'would run', changed: 1 }),
    ]);
    const [run] = await runMigrations(ctx, only0003);
    expect(run).toMatchObject({ outcome: 'ran', changed: 1 });
    expect(await marksOn(halfway)).toEqual([
      expect.objectContaining({ stage: 'handle', marks: ['halfway'] }),
    ]);
    expect(await runMigrations(ctx, only0003)).toEqual([expect.objectContaining({ outcome: 'had run' })]);
  });
});

describe('the runner', () => {
  it('goes on after a failed run from the unit it stopped at, with the counts so far', async () => {
    const seen: string[] = [];
    let failing = true;
    const flaky: Migration = {
      id: '9001-test-flaky',
      description: 'fails once at its second unit',
      units: () => ['a', 'b', 'c'],
      async run(_ctx, unit) {
        if (unit === 'b' && failing) {
          failing = false;
          throw new Error('the store went away');
        }
        seen.push(unit);
        return { examined: 1, changed: 1 };
      },
    };

    await expect(runMigrations(ctx, { migrations: [flaky] })).rejects.toThrow('the store went away');
    const [resumed] = await runMigrations(ctx, { migrations: [flaky] });

    expect(seen).toEqual(['a', 'b', 'c']);
    expect(resumed).toMatchObject({ outcome: 'ran', examined: 3, changed: 3 });
    expect(await ctx.store.migrations.checkpoint(flaky.id)).toBeUndefined();
  });

  it('lists the migrations in number order, each once', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const id of ids) expect(id).toMatch(/^\d{4}-[a-z-]+$/);
  });
});
