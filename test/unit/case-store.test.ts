import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { openCaseFile } from '../../shared/domain/case.ts';
import { petitionerIdentity } from '../../shared/domain/matching.ts';
import { GENESIS_HASH, nextEvent } from '../../shared/domain/timeline.ts';
import { queues } from '../../shared/domain/work-queues.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { caseChangeItems, changeOutcomeOf, openCaseItems } from '../../shared/store/case-files.ts';
import { counterIncrement } from '../../shared/store/items.ts';
import { COUNTER_SHARDS, dueIndexKeys, keys } from '../../shared/store/keys.ts';
import { staffCase } from '../fixtures/petitions.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const intake = staffCase({
  petitioner: { name: '張某', phone: '13800138000', idNumber: '110105198001010016' },
  receivedAt: '2026-11-20T09:30:00+08:00',
});
const { caseFile, personal } = openCaseFile(
  intake,
  { caseId: '20261120-ACDEFGHJ', receiptCode: 'ACDE-FGH-JKM', now: '2026-11-20T02:00:00Z' },
  region,
);
const identity = petitionerIdentity(intake, {
  current: 'v1',
  versions: { v1: 'pepper-for-unit-tests-32-characters' },
});
const event = nextEvent(
  { seq: 0, hash: GENESIS_HASH },
  { type: 'received', at: '2026-11-20T02:00:00Z', actor: { kind: 'public' }, data: {} },
);

function build(withIdempotency: boolean) {
  const { items, positions } = openCaseItems(
    'cases',
    {
      caseFile: { ...caseFile, version: 1, eventSeq: 1, lastEventHash: event.hash },
      personal,
      identityHashes: identity.identityHashes,
      matterFingerprints: identity.matterFingerprints,
      formerMatterFingerprints: identity.former.matterFingerprints,
      receipt: {
        receiptCode: 'ACDE-FGH-JKM',
        caseId: caseFile.caseId,
        verifierHash: 'v',
        failedAttempts: 0,
        lockouts: 0,
      },
      notices: [],
      event,
      counters: { bucket: '2026-11', add: ['received', 'received.channel.letter'] },
    },
    withIdempotency
      ? { scopedKeyHash: 'k', record: { requestHash: 'h', result: '{}' }, nowMs: 0 }
      : undefined,
    () => 3,
  );
  return { input: { TransactItems: items }, positions };
}

describe('opening a case file: the transaction', () => {
  it('guards the case, matter records, receipt and first event with attribute_not_exists', () => {
    const { input } = build(false);
    const conditional = input.TransactItems?.filter(
      (i) => i.Put?.ConditionExpression === 'attribute_not_exists(PK)',
    ).map((i) => `${i.Put?.Item?.PK} ${i.Put?.Item?.SK}`);
    expect(conditional).toEqual([
      'CASE#20261120-ACDEFGHJ CASE',
      `MATTER#${identity.matterFingerprints[0]} MATTER`,
      `MATTER#${identity.matterFingerprints[1]} MATTER`,
      'RECEIPT#ACDE-FGH-JKM RECEIPT',
      'CASE#20261120-ACDEFGHJ EVENT#000001',
    ]);
  });

  it('asks for the existing case id back when a matter record already exists', () => {
    const { input, positions } = build(false);
    for (const position of positions.matters) {
      expect(input.TransactItems?.[position]?.Put).toMatchObject({
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        Item: { entity: 'matter', caseId: '20261120-ACDEFGHJ' },
      });
    }
  });

  it('keeps personal data out of the case item and in its own item', () => {
    const { input } = build(false);
    const caseItem = input.TransactItems?.[0]?.Put?.Item;
    expect(JSON.stringify(caseItem)).not.toContain('13800138000');
    expect(input.TransactItems?.[1]?.Put?.Item).toMatchObject({
      SK: 'PERSONAL',
      petitioner: { phone: '13800138000' },
    });
  });

  it('puts the area index keys on the case and the open deadline into the sparse due index', () => {
    const { input } = build(false);
    expect(input.TransactItems?.[0]?.Put?.Item).toMatchObject({ GSI4PK: 'AREA#liushu#land' });
    const deadline = input.TransactItems?.find((i) => i.Put?.Item?.entity === 'deadline')?.Put?.Item;
    expect(deadline).toMatchObject({
      duePK: expect.stringMatching(/^DUE#0[0-7]$/),
      dueSK: '2026-12-07#20261120-ACDEFGHJ#register',
      open: true,
    });
  });

  it('spreads the due work and the outbox over 8 partitions by case, each case always in one', () => {
    const caseIds = Array.from({ length: 64 }, (_, i) => `20261120-CASE${String(i).padStart(4, '0')}`);
    const dueShards = new Set(caseIds.map((id) => dueIndexKeys.open('2026-12-07', id, 'register').duePK));
    const outboxShards = new Set(
      caseIds.map((id) => dueIndexKeys.pendingNotice('2026-11-20', id, 'n').duePK),
    );
    expect([...dueShards].sort()).toEqual(dueIndexKeys.partitions);
    expect([...outboxShards].sort()).toEqual(dueIndexKeys.outboxPartitions);
    const [one] = caseIds;
    expect(dueIndexKeys.open('2027-01-01', one as string, 'handle').duePK).toBe(
      dueIndexKeys.open('2026-12-07', one as string, 'register').duePK,
    );
  });

  it('writes hashed identities only: never a raw phone or ID number in a key', () => {
    const { input } = build(false);
    const keyValues = input.TransactItems?.flatMap((i) => {
      const item = i.Put?.Item ?? {};
      return [item.PK, item.SK, item.GSI1PK, item.GSI1SK].map(String);
    });
    expect(keyValues?.join(' ')).not.toMatch(/13800138000|110105198001010016/);
  });

  it('puts the idempotency record last, conditional, when there is a key', () => {
    const { input, positions } = build(true);
    expect(positions.idempotency).toBe((input.TransactItems?.length ?? 0) - 1);
    expect(input.TransactItems?.at(-1)?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: { PK: 'IDEMPOTENCY#k', requestHash: 'h', expiresAt: 86_400 },
    });
  });
});

describe('counter updates', () => {
  it('spread a bucket over as many partitions as it has shards', () => {
    const partitions = Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
      counterIncrement('cases', { bucket: 'CURRENT', add: ['open.department.hrss'] }, shard),
    ).map((update) => update.Update?.Key?.PK);
    expect(new Set(partitions).size).toBe(COUNTER_SHARDS);
  });

  it('add one to each named counter of a month shard, names escaped', () => {
    expect(
      counterIncrement('cases', { bucket: '2026-11', add: ['received', 'received.channel.web'] }, 3),
    ).toEqual({
      Update: {
        TableName: 'cases',
        Key: { PK: 'COUNTER#2026-11#03', SK: 'COUNTER' },
        UpdateExpression: 'SET entity = :entity, #bucket = :bucket ADD #c0 :v0, #c1 :v1',
        ExpressionAttributeNames: { '#c0': 'received', '#c1': 'received.channel.web', '#bucket': 'bucket' },
        ExpressionAttributeValues: { ':v0': 1, ':v1': 1, ':entity': 'counter', ':bucket': '2026-11' },
      },
    });
  });

  it('names a counter once however often it moves (DynamoDB refuses a path named twice)', () => {
    const update = counterIncrement(
      'cases',
      {
        bucket: '2026-11',
        add: ['received.complainsAbout.hrss', 'received.complainsAbout.hrss', 'accepted'],
        subtract: ['accepted'],
      },
      0,
    ).Update;
    expect(update?.UpdateExpression).toBe('SET entity = :entity, #bucket = :bucket ADD #c0 :v0, #c1 :v1');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':v0': 2, ':v1': 0 });
  });
});

describe('counter decrements', () => {
  it('take one from the named counters', () => {
    expect(
      counterIncrement('cases', { bucket: 'CURRENT', add: [], subtract: ['open.department.hrss'] }, 0).Update,
    ).toMatchObject({
      UpdateExpression: 'SET entity = :entity, #bucket = :bucket ADD #c0 :v0',
      ExpressionAttributeNames: { '#c0': 'open.department.hrss' },
      ExpressionAttributeValues: { ':entity': 'counter', ':bucket': 'CURRENT', ':v0': -1 },
    });
  });
});

describe('changing a case', () => {
  it('guards the new version with the version read (optimistic locking)', () => {
    const { items } = caseChangeItems('cases', [
      { current: { ...caseFile, version: 4 }, next: { ...caseFile, version: 5 }, events: [] },
    ]);
    expect(items[0]?.Put).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 4 },
      Item: { version: 5 },
    });
  });
});

describe("a cancelled change, in the domain's words", () => {
  const { roles } = caseChangeItems(
    'cases',
    [
      {
        current: { ...caseFile, version: 4 },
        next: { ...caseFile, version: 5 },
        events: [event],
        onceOnly: [
          { rating: { caseId: caseFile.caseId, opinion: 'opinion', rating: 'satisfied', at: 'now' } },
        ],
      },
    ],
    { scopedKeyHash: 'k', record: { requestHash: 'h', result: '{}' }, nowMs: 0 },
  );
  const failedAt = (position: number) =>
    roles.map((_, i) => ({ code: i === position ? 'ConditionalCheckFailed' : 'None' }));

  it('is a version conflict when the case version no longer matches', () => {
    expect(changeOutcomeOf(failedAt(0), roles)).toBe('versionConflict');
  });

  it('is a version conflict when an event of the same sequence was written by a concurrent step', () => {
    expect(changeOutcomeOf(failedAt(1), roles)).toBe('versionConflict');
  });

  it('is "already recorded" when a once-only record exists', () => {
    expect(changeOutcomeOf(failedAt(roles.indexOf('onceOnly')), roles)).toBe('alreadyRecorded');
  });

  it('is "idempotency key taken" when the request was answered before', () => {
    expect(changeOutcomeOf(failedAt(roles.length - 1), roles)).toBe('idempotencyKeyTaken');
  });

  it('is a version conflict when only a concurrent transaction touched the items', () => {
    expect(changeOutcomeOf([{ code: 'TransactionConflict' }], roles)).toBe('versionConflict');
  });
});

describe('work-queue memberships', () => {
  const owned = { ...caseFile, version: 5, ownerId: 'off-01' };

  it('moves a case from the unowned queue to its owner when it is claimed', () => {
    const { items } = caseChangeItems('cases', [
      { current: { ...caseFile, version: 4 }, next: owned, events: [] },
    ]);

    expect(items.filter((i) => i.Delete).map((i) => i.Delete?.Key)).toEqual([
      { PK: `CASE#${caseFile.caseId}`, SK: 'QUEUE#UNOWNED' },
    ]);
    expect(
      items.filter((i) => i.Put?.Item?.entity === 'queueMembership').map((i) => i.Put?.Item?.queuePK),
    ).toEqual(['OPEN', 'OWNER#off-01']);
  });

  it('sorts a case in its queues by the due date of its current stage', () => {
    const { items } = caseChangeItems('cases', [{ current: owned, next: owned, events: [] }]);
    const member = items.find((i) => i.Put?.Item?.queuePK === 'OWNER#off-01')?.Put?.Item;

    expect(member).toMatchObject({ queueSK: `2026-12-07#${caseFile.caseId}`, dueStage: 'register' });
    expect(JSON.stringify(member)).not.toContain(caseFile.receiptCode);
  });
});

describe('work-queue names', () => {
  it('keeps every queue under the partition name older versions wrote, and reads each back', () => {
    const every = [
      queues.open,
      queues.unowned,
      queues.owner('off-01'),
      queues.department('natres'),
      queues.qualityReview,
      queues.approvals,
      queues.backlog(2026),
    ];
    expect(every.map(keys.queueName)).toEqual([
      'OPEN',
      'UNOWNED',
      'OWNER#off-01',
      'DEPT#natres',
      'QUALITY',
      'APPROVALS',
      'BACKLOG#2026',
    ]);
    expect(every.map((q) => keys.queueOfName(keys.queueName(q)))).toEqual(every);
    expect(keys.queueOfName('SOMETHING#ELSE')).toBeUndefined();
  });
});
