// One suite of the store's ports, run against every adapter (memory in test/unit, DynamoDB Local
// in test/integration): the outcomes the use cases rely on, so the memory adapter the use-case
// tests run on answers as the table does. Each test gets a store of its own.
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../shared/domain/attachments.ts';
import type { CaseFile } from '../../shared/domain/case.ts';
import type { Delivery, Notice } from '../../shared/domain/notices.ts';
import { counters } from '../../shared/domain/report-counters.ts';
import { queues } from '../../shared/domain/work-queues.ts';
import { applyPlan } from '../../shared/usecases/change-cases.ts';
import { claimCase } from '../../shared/usecases/ownership.ts';
import type { CaseChange, NewCaseFile, Store } from '../../shared/usecases/ports.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { staffCase, webIntake } from '../fixtures/petitions.ts';
import {
  publicCaller,
  staff,
  staffCaller,
  type TestContext,
  testClock,
  useCaseContext,
} from '../fixtures/use-case-context.ts';

export type StoreMaker = () => Promise<Store>;

/** A web petition received now by the test's clock. */
const webNow = (ctx: TestContext, overrides: Parameters<typeof webIntake>[0] = {}) => ({
  ...webIntake(overrides),
  receivedAt: ctx.now().toISOString(),
});
const noticeRef = (n: Notice) => `${n.caseId}/${n.noticeId}`;

/** A store whose case openings are kept, so a test can send the same write again. */
function keepingOpenings(store: Store) {
  const opened: NewCaseFile[] = [];
  const open = store.cases.open.bind(store.cases);
  store.cases.open = async (write, idempotency) => {
    opened.push(structuredClone(write));
    return open(write, idempotency);
  };
  return opened;
}

const at = '2026-11-10T02:00:00.000Z';

/** A change of one case: its next version with one event (the use cases' own chaining). */
function changeOf(
  current: CaseFile,
  extra: Partial<CaseChange> = {},
  next: Partial<CaseFile> = {},
): CaseChange {
  const plan = applyPlan(
    current,
    { next: { ...current, ...next }, events: [{ type: 'note', actor: { kind: 'system' }, data: {} }] },
    at,
  );
  return { current, ...plan, ...extra };
}

const delivery = (method: Delivery['method'], extra: Partial<Delivery> = {}): Delivery => ({
  method,
  on: '2026-11-10',
  recordedBy: 'contract',
  recordedAt: at,
  ...extra,
});

export function storeContract(adapter: string, makeStore: StoreMaker) {
  async function setUp() {
    const store = await makeStore();
    const opened = keepingOpenings(store);
    const ctx = useCaseContext({ store, clock: testClock(new Date(at)) });
    return { store, opened, ctx };
  }

  /** Every pending notice, over every lane. */
  async function allPending(store: Store): Promise<Notice[]> {
    const lanes = await Promise.all(
      Array.from({ length: store.outbox.lanes }, (_, lane) => store.outbox.pending(lane, 100)),
    );
    return lanes.flat();
  }

  describe(`store contract: ${adapter}`, () => {
    it('counts a client in fixed windows: all claims or none, the fullest window saying when it opens', async () => {
      const { store } = await setUp();
      const start = Date.parse('2026-12-06T03:00:00Z');
      const narrow = { client: 'ADDR#a', window: { requests: 2, seconds: 60 }, keepSeconds: 3600 };
      const wide = { client: 'CODE#b', window: { requests: 5, seconds: 300 }, keepSeconds: 3600 };
      expect(await store.clientLimits.take([narrow, wide], start)).toEqual({ allowed: true });
      expect(await store.clientLimits.take([narrow, wide], start + 1_000)).toEqual({ allowed: true });
      expect(await store.clientLimits.take([narrow, wide], start + 10_000)).toEqual({
        allowed: false,
        retryAfterSeconds: 50,
      });
      // The refused request counted in neither window.
      expect(await store.clientLimits.take([wide], start + 20_000)).toEqual({ allowed: true });
      expect(await store.clientLimits.take([narrow], start + 60_000)).toEqual({ allowed: true });
      await store.clientLimits.countRefusal(narrow, start + 61_000);
      const opened = start / 1000;
      expect(await store.clientLimits.windows('ADDR#a', start)).toEqual([
        { start: opened, requests: 2, refusals: 0 },
        { start: opened + 60, requests: 1, refusals: 1 },
      ]);
      expect(await store.clientLimits.windows('ADDR#a', start + 60_000)).toEqual([
        { start: opened + 60, requests: 1, refusals: 1 },
      ]);
      expect(await store.clientLimits.windows('CODE#b', start)).toEqual([
        { start: opened, requests: 3, refusals: 0 },
      ]);
    });

    it('keeps API keys and what each client submitted, by key lookups and its own range', async () => {
      const { store } = await setUp();
      const key = {
        keyId: 'K000000001',
        name: '12345',
        hash: 'ab'.repeat(32),
        batch: true,
        issued: { at: '2026-12-06T03:00:00.000Z', by: 'admin' },
      };
      expect(await store.apiKeys.issue(key)).toBe('issued');
      expect(await store.apiKeys.issue({ ...key, name: 'other' })).toBe('exists');
      expect(await store.apiKeys.get(key.keyId)).toEqual(key);
      const revoked = { at: '2026-12-07T03:00:00.000Z', by: 'admin', reason: 'r' };
      expect(await store.apiKeys.revoke(key.keyId, revoked)).toEqual({ ...key, revoked });
      expect(await store.apiKeys.revoke(key.keyId, revoked)).toBe('already');
      expect(await store.apiKeys.revoke('K000000009', revoked)).toBe('unknown');
      expect(await store.apiKeys.list()).toEqual([{ ...key, revoked }]);
      const request = (caseId: string, token?: string) => ({
        keyId: key.keyId,
        caseId,
        opened: true,
        submittedAt: '2026-12-06T03:00:00.000Z',
        ...(token && { token }),
      });
      await store.apiKeys.recordRequest(request('20261201-AAAAAAAA', 'T1'));
      await store.apiKeys.recordRequest(request('20261206-BBBBBBBB'));
      await store.apiKeys.recordRequest({ ...request('20261206-BBBBBBBB'), opened: false });
      expect(await store.apiKeys.request(key.keyId, '20261206-BBBBBBBB')).toEqual(
        request('20261206-BBBBBBBB'),
      );
      expect(await store.apiKeys.request('K000000009', '20261206-BBBBBBBB')).toBeUndefined();
      expect(
        (await store.apiKeys.requests(key.keyId, '2026-12-02', '2026-12-06', 10)).map((r) => r.caseId),
      ).toEqual(['20261206-BBBBBBBB']);
      expect(
        (await store.apiKeys.requests(key.keyId, '2026-12-01', '2026-12-06', 1)).map((r) => r.caseId),
      ).toEqual(['20261201-AAAAAAAA']);
      expect((await store.apiKeys.byToken(key.keyId, 'T1'))?.caseId).toBe('20261201-AAAAAAAA');
      expect(await store.apiKeys.byToken('K000000009', 'T1')).toBeUndefined();
    });

    it('opens a case file whole, and reads it back by every port', async () => {
      const { store, ctx, opened } = await setUp();
      const { caseId, receiptCode } = await submitPetition(ctx, webNow(ctx), publicCaller);
      const write = opened[0] as NewCaseFile;

      const caseFile = await store.cases.get(caseId);
      expect(caseFile).toEqual(write.caseFile);
      expect(await store.cases.personal(caseId)).toEqual(write.personal);
      expect(await store.cases.withPersonal(caseId)).toEqual({ caseFile, personal: write.personal });
      expect(await store.cases.many(['20260101-NOTONFILE', caseId])).toEqual([caseFile]);
      const whole = await store.cases.whole(caseId);
      expect(whole?.events).toEqual([write.event]);
      expect(whole?.deadlines.map((d) => [d.stage, d.open])).toEqual([['register', true]]);
      expect(await store.cases.timeline(caseId)).toEqual([write.event]);
      expect((await store.cases.identityHashes(caseId)).sort()).toEqual([...write.identityHashes].sort());
      expect(await store.cases.casesOfMatters([...write.matterFingerprints, 'nothing'])).toEqual([
        ...write.matterFingerprints.map(() => caseId),
        undefined,
      ]);
      expect((await store.receipts.get(receiptCode))?.caseId).toBe(caseId);
      expect(await store.cases.get('no-such-case')).toBeUndefined();
      expect(await store.cases.whole('no-such-case')).toBeUndefined();
      await store.ping();
    });

    it('answers an opening with its outcome: matter on file, key taken, receipt taken', async () => {
      const { store, ctx, opened } = await setUp();
      const key = { scopedKeyHash: 'k1', record: { requestHash: 'h', result: '{}' }, nowMs: Date.parse(at) };
      await submitPetition(ctx, webNow(ctx), publicCaller);
      const first = opened[0] as NewCaseFile;
      const fresh = (n: string) => ({
        ...first,
        caseFile: { ...first.caseFile, caseId: `other-${n}`, receiptCode: `R${n}` },
        receipt: { ...first.receipt, caseId: `other-${n}`, receiptCode: `R${n}` },
        personal: { ...first.personal, caseId: `other-${n}` },
      });

      expect(await store.cases.open(fresh('1'))).toEqual({
        outcome: 'matterExists',
        caseId: first.caseFile.caseId,
      });
      const formerOnly = {
        ...fresh('2'),
        matterFingerprints: ['new-fp'],
        formerMatterFingerprints: first.matterFingerprints,
      };
      expect((await store.cases.open(formerOnly)).outcome).toBe('matterExists');
      const sameReceipt = { ...fresh('3'), matterFingerprints: ['fp-3'], receipt: first.receipt };
      expect(await store.cases.open(sameReceipt)).toEqual({ outcome: 'tryAgain' });

      expect(await store.cases.open({ ...fresh('4'), matterFingerprints: ['fp-4'] }, key)).toEqual({
        outcome: 'opened',
      });
      expect(await store.idempotency.get('k1')).toEqual(key.record);
      expect(await store.cases.open({ ...fresh('5'), matterFingerprints: ['fp-5'] }, key)).toEqual({
        outcome: 'idempotencyKeyTaken',
      });
      expect(await store.cases.get('other-5')).toBeUndefined();
    });

    it('changes a case only at the version read, and says why not', async () => {
      const { store, ctx } = await setUp();
      const { caseId } = await submitPetition(ctx, webNow(ctx), publicCaller);
      const read = (await store.cases.get(caseId)) as CaseFile;

      expect(await store.cases.change([changeOf(read)])).toBe('changed');
      expect(await store.cases.change([changeOf(read)])).toBe('versionConflict');
      expect(await store.cases.change([changeOf({ ...read, caseId: 'no-such-case' })])).toBe(
        'versionConflict',
      );
      const now = (await store.cases.get(caseId)) as CaseFile;
      expect(now.version).toBe(read.version + 1);
      expect((await store.cases.timeline(caseId)).map((e) => e.seq)).toEqual([1, 2]);

      const rating = {
        rating: { caseId, opinion: 'opinion' as const, rating: 'satisfied' as const, at },
      };
      expect(await store.cases.change([changeOf(now, { onceOnly: [rating] })])).toBe('changed');
      const again = (await store.cases.get(caseId)) as CaseFile;
      expect(await store.cases.change([changeOf(again, { onceOnly: [rating] })])).toBe('alreadyRecorded');

      const key = { scopedKeyHash: 'k2', record: { requestHash: 'h', result: '[]' }, nowMs: Date.parse(at) };
      expect(await store.cases.change([changeOf(again)], key)).toBe('changed');
      const last = (await store.cases.get(caseId)) as CaseFile;
      expect(await store.cases.change([changeOf(last)], key)).toBe('idempotencyKeyTaken');
      expect(((await store.cases.get(caseId)) as CaseFile).version).toBe(last.version);
    });

    it('changes several cases all or nothing', async () => {
      const { store, ctx } = await setUp();
      const a = (await submitPetition(ctx, webNow(ctx), publicCaller)).caseId;
      const b = (await submitPetition(ctx, webNow(ctx, { subject: '另一件事：道路損壞' }), publicCaller))
        .caseId;
      const caseA = (await store.cases.get(a)) as CaseFile;
      const caseB = (await store.cases.get(b)) as CaseFile;
      const staleB = { ...caseB, version: caseB.version - 1 };
      expect(await store.cases.change([changeOf(caseA), changeOf(staleB)])).toBe('versionConflict');
      expect((await store.cases.get(a))?.version).toBe(caseA.version);
      expect(await store.cases.change([changeOf(caseA), changeOf(caseB)])).toBe('changed');
      expect((await store.cases.get(b))?.version).toBe(caseB.version + 1);
    });

    it('refuses a corrected matter that another case holds, and moves the records that follow one', async () => {
      const { store, ctx, opened } = await setUp();
      const a = (await submitPetition(ctx, webNow(ctx), publicCaller)).caseId;
      await submitPetition(ctx, webNow(ctx, { subject: '另一件事：道路損壞' }), publicCaller);
      const [first, second] = opened as [NewCaseFile, NewCaseFile];
      const caseA = (await store.cases.get(a)) as CaseFile;
      const correction = (add: string[]) => ({
        personal: { ...first.personal, petitioner: { ...first.personal.petitioner, name: '改名某' } },
        matters: { remove: first.matterFingerprints, add },
        identities: { remove: first.identityHashes, add: ['new-identity'] },
        verifierHash: 'new-verifier',
        personalChange: { at, staff: staff.clerk, changed: ['petitioner.name'] },
      });
      expect(
        await store.cases.change([changeOf(caseA, { correction: correction(second.matterFingerprints) })]),
      ).toBe('matterTaken');
      expect(await store.cases.change([changeOf(caseA, { correction: correction(['moved-fp']) })])).toBe(
        'changed',
      );
      expect(await store.cases.casesOfMatters(['moved-fp', ...first.matterFingerprints])).toEqual([
        a,
        ...first.matterFingerprints.map(() => undefined),
      ]);
      expect(await store.cases.identityHashes(a)).toEqual(['new-identity']);
      expect((await store.cases.personal(a))?.petitioner.name).toBe('改名某');
      expect((await store.receipts.get(caseA.receiptCode))?.verifierHash).toBe('new-verifier');
      expect(await store.cases.personalReads(a)).toEqual([
        { at, by: 'clerk-1', roles: ['clerk'], changed: ['petitioner.name'] },
      ]);
    });

    it('keeps who read personal data, oldest first', async () => {
      const { store } = await setUp();
      await store.cases.recordPersonalRead('c1', '2026-11-10T03:00:00.000Z', staff.auditor);
      await store.cases.recordPersonalRead('c1', '2026-11-10T01:00:00.000Z', staff.clerk);
      await store.cases.recordPersonalRead('c2', '2026-11-10T02:00:00.000Z', staff.clerk);
      expect(await store.cases.personalReads('c1')).toEqual([
        { at: '2026-11-10T01:00:00.000Z', by: 'clerk-1', roles: ['clerk'] },
        { at: '2026-11-10T03:00:00.000Z', by: 'auditor-1', roles: ['auditor'] },
      ]);
    });

    it('keeps each case in the work queues its state calls for, by due date, a page at a time', async () => {
      const { store, ctx } = await setUp();
      const subjects = ['征地補償款未發放', '道路損壞無人修', '工資拖欠三個月'];
      const ids: string[] = [];
      for (const subject of subjects) {
        ids.push((await submitPetition(ctx, webNow(ctx, { subject }), publicCaller)).caseId);
        ctx.clock.advance(86_400_000);
      }
      const first = await store.queries.queue(queues.unowned, {}, { limit: 2, filters: {} });
      expect(first.cases.map((c) => c.caseId)).toEqual(ids.slice(0, 2));
      expect(first.next).toBeDefined();
      const second = await store.queries.queue(
        queues.unowned,
        {},
        {
          limit: 2,
          filters: {},
          ...(first.next && { start: first.next }),
        },
      );
      expect(second.cases.map((c) => c.caseId)).toEqual(ids.slice(2));
      expect(second.next).toBeUndefined();
      expect(await store.queries.count(queues.open, {})).toBe(3);

      const dueDates = first.cases.map((c) => c.dueDate);
      expect(await store.queries.count(queues.open, { before: dueDates[1] as string })).toBe(1);
      expect(
        await store.queries.count(queues.open, { from: dueDates[0] as string, to: dueDates[1] as string }),
      ).toBe(2);
      const filtered = await store.queries.queue(
        queues.open,
        {},
        {
          limit: 10,
          filters: { status: 'received', category: 'land', township: 'liushu', channel: 'web' },
        },
      );
      expect(filtered.cases).toHaveLength(3);
      expect(
        (await store.queries.queue(queues.open, {}, { limit: 10, filters: { channel: 'letter' } })).cases,
      ).toEqual([]);

      await claimCase(ctx, ids[0] as string, staff.official('off-04'));
      expect(
        (await store.queries.queue(queues.owner('off-04'), {}, { limit: 10, filters: {} })).cases,
      ).toEqual([expect.objectContaining({ caseId: ids[0], ownerId: 'off-04', status: 'received' })]);
      expect(await store.queries.count(queues.unowned, {})).toBe(2);
    });

    it('finds cases by area, petitioner, due date and the day their timeline moved', async () => {
      const { store, ctx, opened } = await setUp();
      const a = (await submitPetition(ctx, webNow(ctx), publicCaller)).caseId;
      ctx.clock.advance(60_000);
      const b = (await submitPetition(ctx, webNow(ctx, { subject: '道路損壞無人修' }), publicCaller)).caseId;
      await submitPetition(ctx, webNow(ctx, { category: 'labour', subject: '工資拖欠' }), publicCaller);
      const newest = await store.queries.inArea('liushu', 'land', 1);
      expect(newest.map((c) => c.caseId)).toEqual([b]);
      expect((await store.queries.inArea('liushu', 'land', 10)).map((c) => c.caseId)).toEqual([b, a]);

      const hashes = (opened[0] as NewCaseFile).identityHashes;
      expect((await store.queries.casesOfPetitioner(hashes)).map((c) => c.caseId)).toEqual([a]);
      expect(await store.queries.casesOfPetitioner(['nobody'])).toEqual([]);

      const registerDue = (await store.cases.get(a))?.deadlines.register?.dueDate as string;
      const due = await store.queries.dueBy(registerDue);
      expect(due.deadlines.filter((d) => d.caseId === a)).toEqual([
        {
          caseId: a,
          stage: 'register',
          dueDate: registerDue,
          startedOn: expect.any(String),
          days: 15,
          unit: 'calendar',
          owedBy: 'office',
        },
      ]);
      expect((await store.queries.dueBy('2000-01-01')).deadlines).toEqual([]);

      const heads = await store.queries.chainHeads(at.slice(0, 10));
      expect(heads).toHaveLength(3);
      expect(heads.map((h) => h.caseId)).toEqual(expect.arrayContaining([a, b]));
      expect(heads.find((h) => h.caseId === a)).toEqual({
        caseId: a,
        seq: 1,
        hash: (await store.cases.get(a))?.lastEventHash,
      });
      expect(await store.queries.backlog(2026)).toEqual([]);
    });

    it('adds and subtracts report counters over buckets', async () => {
      const { store, ctx } = await setUp();
      await submitPetition(ctx, webNow(ctx), publicCaller);
      await submitPetition(ctx, webNow(ctx, { subject: '道路損壞無人修' }), publicCaller);
      const month = at.slice(0, 7);
      const read = await store.counters.read([month, '1999-01']);
      expect(read.totals.received).toBe(2);
      expect(read.totals['received.channel.web']).toBe(2);
      expect(read.itemsRead).toBeGreaterThan(0);
      const caseFile = (await store.queries.inArea('liushu', 'land', 1))[0] as CaseFile;
      await store.cases.change([
        changeOf(caseFile, {
          counters: [{ bucket: month, add: [counters.accepted], subtract: [counters.received] }],
        }),
      ]);
      expect((await store.counters.read([month])).totals).toMatchObject({ received: 1, accepted: 1 });
    });

    it('counts tries at a receipt code before the verifier, locks after the last, and clears', async () => {
      const { store, ctx } = await setUp();
      const { receiptCode } = await submitPetition(ctx, webNow(ctx), publicCaller);
      const lockUntil = (lockouts: number) => `2026-11-10T0${3 + lockouts}:00:00.000Z`;
      const now = '2026-11-10T02:30:00.000Z';
      expect(await store.receipts.takeAttempt('NO-SUCH', now, 3, lockUntil)).toEqual({ outcome: 'unknown' });
      const tries = [];
      for (let i = 0; i < 3; i++)
        tries.push(await store.receipts.takeAttempt(receiptCode, now, 3, lockUntil));
      expect(tries.map((t) => t.outcome === 'counted' && t.receipt.failedAttempts)).toEqual([0, 1, 2]);
      expect(await store.receipts.get(receiptCode)).toMatchObject({
        failedAttempts: 3,
        lockouts: 1,
        lockedUntil: '2026-11-10T03:00:00.000Z',
      });
      expect(await store.receipts.takeAttempt(receiptCode, now, 3, lockUntil)).toEqual({ outcome: 'locked' });
      await store.receipts.clearFailures(receiptCode);
      const cleared = await store.receipts.get(receiptCode);
      expect(cleared?.failedAttempts).toBe(0);
      expect(cleared?.lockedUntil).toBeUndefined();
      expect((await store.receipts.takeAttempt(receiptCode, now, 3, lockUntil)).outcome).toBe('counted');
    });

    it('holds notices in the outbox until delivered once, and the print queue until recorded', async () => {
      const { store, ctx } = await setUp();
      const letters = [];
      for (const subject of ['征地補償款未發放', '道路損壞無人修', '工資拖欠三個月']) {
        letters.push(
          (await submitPetition(ctx, { ...staffCase({ subject }), receivedAt: at }, staffCaller(staff.clerk)))
            .caseId,
        );
      }
      const pending = await allPending(store);
      expect(pending.map((n) => n.caseId).sort()).toEqual([...letters].sort());
      const [one, two, three] = pending as [Notice, Notice, Notice];
      expect(await store.outbox.get(one.caseId, one.noticeId)).toEqual(one);
      expect(await store.cases.notices(one.caseId)).toEqual([one]);

      expect(await store.outbox.claim(one, at, '2026-11-10T02:02:00.000Z')).toBe(true);
      expect(await store.outbox.claim(one, '2026-11-10T02:01:00.000Z', '2026-11-10T02:03:00.000Z')).toBe(
        false,
      );
      expect(await store.outbox.claim(one, '2026-11-10T02:05:00.000Z', '2026-11-10T02:07:00.000Z')).toBe(
        true,
      );
      await store.outbox.countAttempt(one);
      expect((await store.outbox.get(one.caseId, one.noticeId))?.attempts).toBe(one.attempts + 1);

      const sms = delivery('sms', { providerMessageId: 'sms-1' });
      expect(await store.outbox.markDelivered(one, sms)).toBe(true);
      expect(await store.outbox.markDelivered(one, delivery('sms', { providerMessageId: 'sms-2' }))).toBe(
        false,
      );
      expect(await store.outbox.get(one.caseId, one.noticeId)).toMatchObject({
        state: 'delivered',
        delivery: sms,
      });
      expect((await allPending(store)).map(noticeRef)).not.toContain(noticeRef(one));

      const report = { status: 'received' as const, at, code: 'DELIVRD' };
      expect(await store.outbox.recordSmsReport({ providerMessageId: 'sms-1' }, report)).toBe('recorded');
      expect(await store.outbox.recordSmsReport({ providerMessageId: 'sms-1' }, report)).toBe(
        'alreadyRecorded',
      );
      expect(await store.outbox.recordSmsReport({ providerMessageId: 'nobody' }, report)).toBe('unknown');

      expect(await store.outbox.markDelivered(two, delivery('sms', { providerMessageId: 'sms-3' }))).toBe(
        true,
      );
      const failed = { status: 'failed' as const, at, code: 'UNDELIV' };
      expect(await store.outbox.recordSmsReport({ caseId: two.caseId, noticeId: two.noticeId }, failed)).toBe(
        'recorded',
      );
      expect(await store.outbox.markToPost(three)).toBe(true);
      expect(await store.outbox.markToPost(three)).toBe(false);
      expect((await store.outbox.toPost(10)).map(noticeRef).sort()).toEqual(
        [noticeRef(two), noticeRef(three)].sort(),
      );
      expect((await store.outbox.toPost(1)).length).toBe(1);

      const posted = delivery('post', { trackingNumber: 'EMS1' });
      expect(await store.outbox.recordDelivery(three.caseId, three.noticeId, posted)).toBe('recorded');
      expect(await store.outbox.recordDelivery(three.caseId, three.noticeId, posted)).toBe('notToPost');
      expect(await store.outbox.recordDelivery(three.caseId, 'nothing', posted)).toBe('notFound');
      expect((await store.outbox.toPost(10)).map(noticeRef)).toEqual([noticeRef(two)]);
    });

    it('numbers written notices once per year', async () => {
      const { store, ctx } = await setUp();
      await submitPetition(ctx, { ...staffCase(), receivedAt: at }, staffCaller(staff.clerk));
      const [notice] = (await allPending(store)) as [Notice];
      expect([
        await store.outbox.nextDocumentNumber(2026),
        await store.outbox.nextDocumentNumber(2026),
      ]).toEqual([1, 2]);
      expect(await store.outbox.nextDocumentNumber(2027)).toBe(1);
      const issued = await store.outbox.issueDocument(notice, { number: 'A-1', issuedOn: '2026-11-10' });
      expect(issued.document).toEqual({ number: 'A-1', issuedOn: '2026-11-10' });
      const again = await store.outbox.issueDocument(notice, { number: 'A-2', issuedOn: '2026-11-11' });
      expect(again.document).toEqual({ number: 'A-1', issuedOn: '2026-11-10' });
    });

    it('keeps the published reception days, absences, officials and the desk queue', async () => {
      const { store } = await setUp();
      await store.reception.putDays(
        [
          { date: '2027-01-05', officials: ['off-01', 'off-02'] },
          { date: '2027-01-04', officials: ['off-03', 'off-04'] },
        ],
        at,
      );
      expect(await store.reception.isPublished(2027)).toBe(true);
      expect(await store.reception.isPublished(2028)).toBe(false);
      expect((await store.reception.days(2027, '2027-01-01', '2027-01-04')).map((d) => d.date)).toEqual([
        '2027-01-04',
      ]);
      const day = (await store.reception.day('2027-01-05')) as { date: string; officials: string[] };
      expect(day.officials).toEqual(['off-01', 'off-02']);
      const swapped = { ...day, officials: ['off-05', 'off-02'] };
      expect(await store.reception.replaceDay(day, swapped, at)).toBe('replaced');
      expect(await store.reception.replaceDay(day, swapped, at)).toBe('changedMeanwhile');
      expect((await store.reception.day('2027-01-05'))?.officials).toEqual(['off-05', 'off-02']);

      await store.reception.putAbsence({
        officialId: 'off-01',
        from: '2027-01-04',
        to: '2027-01-08',
        reason: '出差',
      });
      expect(await store.reception.absences()).toEqual([
        { officialId: 'off-01', from: '2027-01-04', to: '2027-01-08', reason: '出差' },
      ]);
      expect(await store.reception.receivingOfficials()).toBeUndefined();
      await store.reception.setReceivingOfficials(['off-01', 'off-02']);
      expect(await store.reception.receivingOfficials()).toEqual(['off-01', 'off-02']);

      const entry = (caseId: string, firstTime: boolean, time: string) => ({
        date: '2027-01-05',
        caseId,
        receiptCode: `R-${caseId}`,
        firstTime,
        at: `2027-01-05T${time}:00.000Z`,
      });
      await store.reception.enqueue(entry('c1', false, '01:00'));
      await store.reception.enqueue(entry('c2', true, '02:00'));
      await store.reception.enqueue({ ...entry('c3', true, '01:30'), date: '2027-01-06' });
      const [firstInLine, secondInLine] = await store.reception.queue('2027-01-05');
      expect([firstInLine?.caseId, secondInLine?.caseId]).toEqual(['c2', 'c1']);
      const called = { at: '2027-01-05T02:10:00.000Z', by: 'clerk-1' };
      const visitor = entry('c2', true, '02:00');
      expect((await store.reception.markVisitor(visitor, 'called', called)).called).toEqual(called);
      const second = await store.reception.markVisitor(visitor, 'called', { ...called, by: 'clerk-2' });
      expect(second.called).toBeUndefined();
      expect((await store.reception.queue('2027-01-05'))[0]?.called).toEqual(called);
    });

    it('keeps a case’s files in order, and moves one on only from the state it was read in', async () => {
      const { store } = await setUp();
      const file = (attachmentId: string, addedAt: string): Attachment => ({
        caseId: 'c1',
        attachmentId,
        name: '信件掃描.pdf',
        addedBy: { kind: 'staff', sub: 'clerk-1' },
        addedAt,
        limitBytes: 1000,
        uploadBy: '2026-11-10T02:05:00.000Z',
        state: 'uploading',
      });
      await store.attachments.add(file('b', '2026-11-10T02:00:02.000Z'));
      await store.attachments.add(file('a', '2026-11-10T02:00:01.000Z'));
      await store.attachments.add({ ...file('x', at), caseId: 'c2' });
      expect((await store.attachments.list('c1')).map((f) => f.attachmentId)).toEqual(['a', 'b']);
      const uploaded = (await store.attachments.get('c1', 'a')) as Attachment;
      expect(uploaded).toEqual(file('a', '2026-11-10T02:00:01.000Z'));
      const processing = { ...uploaded, state: 'processing' as const };
      expect(await store.attachments.move(uploaded, processing)).toBe('moved');
      expect(await store.attachments.move(uploaded, processing)).toBe('notInState');
      const available = {
        ...processing,
        state: 'available' as const,
        kept: { type: 'application/pdf' as const, bytes: 900, pages: 3 },
        checkedAt: at,
      };
      expect(await store.attachments.move(processing, available)).toBe('moved');
      expect(await store.attachments.get('c1', 'a')).toEqual(available);
      expect(await store.attachments.get('c1', 'nothing')).toBeUndefined();
    });

    it('records migrations, their checkpoints, and rewrites a case’s queues at its version only', async () => {
      const { store, ctx } = await setUp();
      expect(await store.migrations.ran()).toEqual([]);
      await store.migrations.saveCheckpoint('0001', { unit: 'liushu#land', examined: 2, changed: 1 });
      expect(await store.migrations.checkpoint('0001')).toEqual({
        unit: 'liushu#land',
        examined: 2,
        changed: 1,
      });
      await store.migrations.saveCheckpoint('0001', undefined);
      expect(await store.migrations.checkpoint('0001')).toBeUndefined();
      const record = { id: '0001', ranAt: at, examined: 2, changed: 1 };
      await store.migrations.record(record);
      expect(await store.migrations.ran()).toEqual([record]);

      const { caseId } = await submitPetition(ctx, webNow(ctx), publicCaller);
      expect((await store.migrations.casesInArea('liushu', 'land')).map((c) => c.caseId)).toEqual([caseId]);
      expect(
        (await store.migrations.storedQueues(caseId)).sort((a, b) =>
          a.queue.kind.localeCompare(b.queue.kind),
        ),
      ).toEqual([
        { queue: queues.open, complete: true },
        { queue: queues.unowned, complete: true },
      ]);
      const caseFile = (await store.cases.get(caseId)) as CaseFile;
      expect(await store.migrations.rewriteQueues({ ...caseFile, version: 0 }, [], [queues.open])).toBe(
        'caseChanged',
      );
      expect(await store.migrations.rewriteQueues(caseFile, [], [queues.open])).toBe('written');
      expect((await store.migrations.storedQueues(caseId)).map((q) => q.queue)).toEqual([queues.unowned]);
    });
  });
}
