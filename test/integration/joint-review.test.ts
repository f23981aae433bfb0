import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { addDays } from '../../shared/domain/clock.ts';
import { localDate } from '../../shared/domain/local-time.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { opinionFields, webPetition } from '../fixtures/petitions.ts';
import { signedOpinion, startTestApi, type TestApi } from './harness.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const today = localDate(new Date(), region.region.timeZone);
let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'] });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'sup-1' });
  auth.hrss = await api.as({ roles: ['department'], department: 'hrss' });
  auth.agri = await api.as({ roles: ['department'], department: 'agri' });
});
afterAll(async () => {
  await api.close();
});

async function acceptedCase(overrides: Record<string, unknown> = {}) {
  const { body } = await api.call('POST', '/petitions', { body: webPetition(overrides) });
  await api.call('POST', `/cases/${body.caseId}/transitions`, {
    body: { action: 'accept', plan: '交辦' },
    headers: auth.clerk,
  });
  return body.caseId as string;
}

describe('joint review (集體會診)', () => {
  it('turns decisions into department tasks with deadlines the check watches, until done', async () => {
    const id = await acceptedCase();
    const inAWeek = addDays(today, 7);
    await api.call('POST', `/cases/${id}/transitions`, {
      body: { action: 'assign', leadDepartment: 'natres' },
      headers: auth.supervisor,
    });

    const convened = await api.call('POST', `/cases/${id}/joint-reviews`, {
      body: {
        meetingType: '集體會診',
        date: '2026-11-20',
        departments: ['natres', 'hrss', 'agri'],
        officials: ['off-04'],
      },
      headers: auth.supervisor,
    });
    const minutes = await api.call('PUT', `/cases/${id}/joint-reviews/1/minutes`, {
      body: {
        rootCause: '征地補償標準與實際不符',
        direction: '先行墊付，再核實差額',
        decisions: [
          { text: '人社局核實務工收入損失', department: 'hrss', dueDate: inAWeek },
          { text: '農業農村局核實青苗補償', department: 'agri', dueDate: '2099-01-31' },
          { text: '各部門加強溝通' },
        ],
      },
      headers: auth.supervisor,
    });
    const hrssSees = await api.call('GET', `/cases/${id}`, { headers: auth.hrss });
    // The local stack may run the check as of a later day and record it.
    const checked = await api.call('POST', `/deadline-checks?asOf=${addDays(today, 14)}&record=true`, {
      headers: auth.supervisor,
    });
    const done = await api.call('POST', `/cases/${id}/tasks/1-1/done`, {
      body: { report: '已核實，差額三萬元' },
      headers: auth.hrss,
    });
    const notMine = await api.call('POST', `/cases/${id}/tasks/1-2/done`, {
      body: { report: '越權' },
      headers: auth.hrss,
    });

    expect(convened.status).toBe(200);
    expect(minutes.body.case.deadlines['task-1-1']).toMatchObject({
      department: 'hrss',
      dueDate: inAWeek,
    });
    expect(Object.keys(minutes.body.case.tasks)).toEqual(['1-1', '1-2']);
    expect(hrssSees.status).toBe(200);
    expect(hrssSees.body.openTasks.map((t: { taskId: string }) => t.taskId)).toEqual(['1-1', '1-2']);
    expect(checked.body.recorded).toBe(true);
    expect(checked.body.levels).toContainEqual({
      caseId: id,
      stage: 'task-1-1',
      dueDate: inAWeek,
      levels: ['due', 'overdue'],
      // A department's task is not the petitioner's to hear of.
      marks: [],
      daysLate: 7,
    });
    expect(done.body.case.deadlines['task-1-1']).toBeUndefined();
    expect(notMine.status).toBe(403);
    const after = await api.call('GET', `/cases/${id}`, { headers: auth.supervisor });
    expect(after.body.openTasks.map((t: { taskId: string }) => t.taskId)).toEqual(['1-2']);
    const escalatedTask = after.body.escalations.filter((e: { stage: string }) => e.stage === 'task-1-1');
    expect(escalatedTask.map((e: { level: string }) => e.level).sort()).toEqual(['due', 'overdue']);
    const notices = await api.call('GET', `/cases/${id}/notices`, { headers: auth.supervisor });
    expect(
      notices.body.notices.some(
        (n: { recipient: { to?: string } }) => n.recipient.to === 'department-head:hrss',
      ),
    ).toBe(true);
  });

  it('refuses minutes twice, a task due in the past, and a task for the department the case complains about', async () => {
    const id = await api.call('POST', '/cases', {
      body: {
        ...webPetition({ complainsAbout: ['agri'] }),
        channel: 'letter',
        receivedAt: new Date().toISOString(),
      },
      headers: auth.clerk,
    });
    const caseId = id.body.caseId;
    await api.call('POST', `/cases/${caseId}/joint-reviews`, {
      body: { meetingType: '會診', date: '2026-11-20', departments: ['hrss'], officials: [] },
      headers: auth.supervisor,
    });
    const minutes = (department: string) => ({
      rootCause: '原因',
      direction: '方向',
      decisions: [{ text: '任務', department, dueDate: '2099-01-01' }],
    });

    const accused = await api.call('PUT', `/cases/${caseId}/joint-reviews/1/minutes`, {
      body: minutes('agri'),
      headers: auth.supervisor,
    });
    const past = await api.call('PUT', `/cases/${caseId}/joint-reviews/1/minutes`, {
      body: {
        ...minutes('hrss'),
        decisions: [{ text: '任務', department: 'hrss', dueDate: addDays(today, -1) }],
      },
      headers: auth.supervisor,
    });

    const first = await api.call('PUT', `/cases/${caseId}/joint-reviews/1/minutes`, {
      body: minutes('hrss'),
      headers: auth.supervisor,
    });
    const second = await api.call('PUT', `/cases/${caseId}/joint-reviews/1/minutes`, {
      body: minutes('hrss'),
      headers: auth.supervisor,
    });

    expect(accused.status).toBe(409);
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual([
      expect.objectContaining({ field: 'decisions.0.dueDate', code: 'date_in_past' }),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
  });
});

describe('backlog drive (積案)', () => {
  it('reports resolved of listed against the target, as "2 of 3, 67%"', async () => {
    const ids = [await acceptedCase(), await acceptedCase(), await acceptedCase()];
    for (const id of ids)
      await api.call('PUT', `/cases/${id}/backlog`, { body: { year: 2026 }, headers: auth.supervisor });
    const again = await api.call('PUT', `/cases/${ids[0]}/backlog`, {
      body: { year: 2026 },
      headers: auth.supervisor,
    });
    for (const id of ids.slice(0, 2)) {
      await api.call('POST', `/cases/${id}/transitions`, {
        body: { action: 'assign', leadDepartment: 'hrss' },
        headers: auth.supervisor,
      });
      await signedOpinion(api, id, auth.hrss ?? {}, {
        action: 'issue_opinion',
        ...opinionFields('supported'),
      });
    }

    const progress = await api.call('GET', '/backlog/2026', { headers: auth.supervisor });

    expect(again.status).toBe(409);
    expect(progress.body).toMatchObject({ year: 2026, listed: 3, resolved: 2, ratePercent: 67, target: 10 });
    expect(progress.body.summary.en).toBe('2 of 3, 67%');
    expect(progress.body.cases).toHaveLength(3);
    expect(progress.body.cases.filter((c: { resolved: boolean }) => c.resolved)).toHaveLength(2);
  });
});
