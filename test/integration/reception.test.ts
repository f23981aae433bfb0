import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const { officials } = loadRegionConfig(SAMPLE_REGION_FILE);
const idOf = (name: string) => officials.find((o) => o.name === name)?.id as string;

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.admin = await api.as({ roles: ['admin'] });
  auth.clerk = await api.as({ roles: ['clerk'] });
  auth.supervisor = await api.as({ roles: ['supervisor'] });
  auth.official = await api.as({ roles: ['official'], officialId: 'off-04' });
});
afterAll(async () => {
  await api.close();
});

describe('the published reception calendar', () => {
  it('shows two officials, by name and title, on every working day of next year', async () => {
    const published = await api.call('POST', '/reception/calendar/2027', { body: {}, headers: auth.admin });
    const again = await api.call('POST', '/reception/calendar/2027', { body: {}, headers: auth.admin });
    const firstHalf = await api.call('GET', '/reception-days?from=2027-01-01&to=2027-06-30');
    const secondHalf = await api.call('GET', '/reception-days?from=2027-07-01&to=2027-12-31');
    const coverage = await api.call('GET', '/reception/coverage/2027', { headers: auth.supervisor });

    expect(published.status).toBe(200);
    expect(published.body.coverage).toMatchObject({ fewerThanTwo: [], none: [] });
    expect(again.status).toBe(409);
    const days = [...firstHalf.body.days, ...secondHalf.body.days];
    expect(days).toHaveLength(coverage.body.workingDays);
    expect(days.every((d: { officials: unknown[] }) => d.officials.length === 2)).toBe(true);
    expect(days[0].officials[0]).toEqual({
      name: expect.stringMatching(/某$/),
      title: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(firstHalf.text).not.toMatch(/off-\d\d/);
    expect(coverage.body).toMatchObject({ fewerThanTwo: [], none: [] });
  });

  it('refuses a range over a year, and the upkeep routes to the public', async () => {
    const tooLong = await api.call('GET', '/reception-days?from=2027-01-01&to=2028-06-30');
    const anonymous = await api.call('POST', '/reception/calendar/2028', { body: {} });

    expect(tooLong.status).toBe(400);
    expect(anonymous.status).toBe(401);
  });

  it('covers a late absence with a free official and keeps two that day', async () => {
    await api.call('POST', '/reception/calendar/2026', { body: { replace: true }, headers: auth.admin });
    const target = (await api.call('GET', '/reception-days?from=2026-12-01&to=2026-12-31')).body.days[3];
    const absentName = target.officials[0].name as string;

    const absence = await api.call('POST', '/reception/absences', {
      body: { officialId: idOf(absentName), from: target.date, to: target.date, reason: '臨時赴省開會' },
      headers: auth.supervisor,
    });
    const after = await api.call('GET', `/reception-days?from=${target.date}&to=${target.date}`);

    expect(absence.body.changed).toHaveLength(1);
    expect(after.body.days[0].officials).toHaveLength(2);
    expect(after.body.days[0].officials.map((o: { name: string }) => o.name)).not.toContain(absentName);
  });

  it('swaps a day to a free official, and refuses one already receiving that day', async () => {
    await api.call('POST', '/reception/calendar/2028', { body: {}, headers: auth.admin });
    const day = (await api.call('GET', '/reception-days?from=2028-03-01&to=2028-03-01')).body.days[0];
    const [out, stays] = day.officials.map((o: { name: string }) => idOf(o.name));
    const free = officials.find((o) => o.id !== out && o.id !== stays)?.id as string;

    const swapped = await api.call('POST', '/reception/swaps', {
      body: { date: day.date, out, in: free },
      headers: auth.admin,
    });
    const clash = await api.call('POST', '/reception/swaps', {
      body: { date: day.date, out: free, in: stays },
      headers: auth.admin,
    });

    expect(swapped.body.officials).toEqual([free, stays]);
    expect(clash.status).toBe(409);
  });

  it('gives concurrent swaps of one day one winner and a 409 to the rest, never a 500', async () => {
    await api.call('POST', '/reception/calendar/2029', { body: {}, headers: auth.admin });
    const day = (await api.call('GET', '/reception-days?from=2029-03-01&to=2029-03-01')).body.days[0];
    const [out, stays] = day.officials.map((o: { name: string }) => idOf(o.name));
    const free = officials.filter((o) => o.id !== out && o.id !== stays).map((o) => o.id);

    const answers = await Promise.all(
      free.map((into) =>
        api.call('POST', '/reception/swaps', {
          body: { date: day.date, out, in: into },
          headers: auth.admin,
        }),
      ),
    );
    const after = (await api.call('GET', '/reception-days?from=2029-03-01&to=2029-03-01')).body.days[0];

    expect(free.length).toBeGreaterThan(2);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(free.length - 1);
    expect(after.officials).toHaveLength(2);
  });
});

describe('triage at the desk', () => {
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  it('sends a visitor whose case has an owner to that official', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: auth.official });

    const answer = await api.call('POST', '/reception/triage', {
      body: { receiptCode: body.receiptCode },
      headers: auth.clerk,
    });

    expect(answer.body).toMatchObject({ decision: 'see_owner', owner: { id: 'off-04', name: '李某' } });
  });

  it('tells a visitor whose case is within its period the due date, without a new interview', async () => {
    const petition = webPetition({ previouslyRaisedWith: ['natres'] });
    const { body } = await api.call('POST', '/petitions', { body: petition });

    const answer = await api.call('POST', '/reception/triage', { body: { petition }, headers: auth.clerk });

    expect(answer.body).toMatchObject({
      decision: 'within_period',
      caseId: body.caseId,
      dueDate: body.nextDeadline.dueDate,
    });
    const read = await api.call('GET', `/cases/${body.caseId}`, { headers: auth.clerk });
    expect(read.body.case.repeatCount).toBe(0);
  });

  it('sends a new matter never raised with the competent department there first, by name', async () => {
    const answer = await api.call('POST', '/reception/triage', {
      body: { petition: webPetition({ category: 'labour' }) },
      headers: auth.clerk,
    });

    expect(answer.body).toMatchObject({
      decision: 'go_first',
      competentBody: { code: 'hrss', name: { zh: '县人力资源和社会保障局' } },
    });
  });

  it('registers a first-time matter through intake and puts first-timers first in the queue', async () => {
    // A repeat visitor: a case past its handling period, with no owner.
    const old = await api.call('POST', '/cases', {
      body: {
        ...webPetition(),
        channel: 'letter',
        receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        lateReason: '信件夹在其他材料中，今日清理时发现',
      },
      headers: auth.clerk,
    });
    const repeat = await api.call('POST', '/reception/triage', {
      body: { receiptCode: old.body.receiptCode },
      headers: auth.clerk,
    });
    const firstTimer = webPetition({
      category: 'labour',
      previouslyRaisedWith: ['hrss'],
      petitioner: { name: '新某', phone: uniquePhone() },
    });
    const first = await api.call('POST', '/reception/triage', {
      body: { petition: firstTimer },
      headers: auth.clerk,
    });
    const queue = await api.call('GET', `/reception/queue?date=${today()}`, { headers: auth.clerk });

    expect(repeat.body).toMatchObject({ decision: 'queued', firstTime: false });
    expect(first.body).toMatchObject({ decision: 'queued', firstTime: true, position: 1 });
    const order = queue.body.queue.map((e: { caseId: string }) => e.caseId);
    expect(order.indexOf(first.body.caseId)).toBeLessThan(order.indexOf(old.body.caseId));
    const registered = await api.call('GET', `/cases/${first.body.caseId}`, { headers: auth.clerk });
    expect(registered.body.case.channel).toBe('visit');
  });

  it("names the day's receiving officials with the desk's queue", async () => {
    // A working day of 2027 on which this file queued no visitor: not today (the tests above queue today's).
    const day = today() === '2027-03-01' ? '2027-03-02' : '2027-03-01';
    await api.call('POST', '/reception/calendar/2027', { body: {}, headers: auth.admin });
    const published = await api.call('GET', `/reception-days?from=${day}&to=${day}`);
    const queue = await api.call('GET', `/reception/queue?date=${day}`, { headers: auth.clerk });

    expect(queue.status).toBe(200);
    expect(queue.body.receiving).toHaveLength(2);
    expect(queue.body.receiving).toEqual(published.body.days[0].officials);
    expect(queue.body).toMatchObject({ date: day, queue: [] });
  });

  it('answers 404 for an unknown receipt code without a petition', async () => {
    const answer = await api.call('POST', '/reception/triage', {
      body: { receiptCode: 'AAAA-AAA-AAA' },
      headers: auth.clerk,
    });

    expect(answer.status).toBe(404);
  });
});
