// The routes the staff console stands on: who am I, the officials, what I may do on a case
// now, matters like a petition being typed, and the reception desk's called and seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffCase, uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-1' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'sup-1' });
  auth.official = await api.as({ roles: ['official'], sub: 'off-04-user', officialId: 'off-04' });
  auth.hrss = await api.as({ roles: ['department'], sub: 'hrss-1', department: 'hrss' });
  auth.supervisorOff04 = await api.as({ roles: ['supervisor'], sub: 'sup-off-04', officialId: 'off-04' });
});
afterAll(async () => {
  await api.close();
});

const call = (method: string, path: string, who?: string, body?: unknown) =>
  api.call(method, path, {
    ...(who && { headers: auth[who] as Record<string, string> }),
    ...(body !== undefined && { body }),
  });

async function registered(overrides: Parameters<typeof staffCase>[0] = {}) {
  const answer = await call(
    'POST',
    '/cases',
    'clerk',
    staffCase({ receivedAt: new Date().toISOString(), ...overrides }),
  );
  expect(answer.status).toBe(201);
  return answer.body as { caseId: string; receiptCode: string };
}

describe('GET /me and GET /officials', () => {
  it('answers who the caller is as the API sees the token', async () => {
    const official = await call('GET', '/me', 'official');
    expect(official.body).toEqual({
      sub: 'off-04-user',
      roles: ['official'],
      officialId: 'off-04',
      department: null,
    });
    const department = await call('GET', '/me', 'hrss');
    expect(department.body).toMatchObject({ roles: ['department'], department: 'hrss', officialId: null });
    expect((await call('GET', '/me')).status).toBe(401);
  });

  it('lists the officials by id for staff only', async () => {
    const answer = await call('GET', '/officials', 'clerk');
    expect(answer.status).toBe(200);
    expect(answer.body.officials).toContainEqual({
      id: 'off-03',
      name: '孙某',
      title: { zh: '常务副县长', en: 'Executive Deputy County Head' },
    });
    expect((await call('GET', '/officials')).status).toBe(401);
  });
});

describe("mayView: which of the case's other views the caller may open", () => {
  it('offers the similar matters, notices and read log by role, and a department none of them', async () => {
    const { caseId } = await registered();
    await call('POST', `/cases/${caseId}/transitions`, 'clerk', { action: 'accept', plan: '交辦' });
    await call('POST', `/cases/${caseId}/transitions`, 'supervisor', {
      action: 'assign',
      leadDepartment: 'hrss',
    });
    const auditor = await api.as({ roles: ['auditor'] });
    const mayView = async (headers: Record<string, string>) =>
      (await api.call('GET', `/cases/${caseId}`, { headers })).body.mayView;

    expect(await mayView(auth.clerk as Record<string, string>)).toEqual([
      'find_similar',
      'review_similar',
      'list_notices',
    ]);
    expect(await mayView(auth.supervisor as Record<string, string>)).toEqual([
      'find_similar',
      'review_similar',
      'list_notices',
      'read_personal_log',
    ]);
    expect(await mayView(auditor)).toEqual(['find_similar', 'list_notices', 'read_personal_log']);
    expect(await mayView(auth.hrss as Record<string, string>)).toEqual([]);
  });
});

describe('mayNow: what the caller may do on the case now', () => {
  it('offers each role the steps of the case’s state it may take, and nothing else', async () => {
    const { caseId } = await registered();
    const clerk = (await call('GET', `/cases/${caseId}`, 'clerk')).body.mayNow;
    expect(clerk).toEqual(
      expect.arrayContaining(['accept', 'refer', 'not_accept', 'link_duplicate', 'correct']),
    );
    expect(clerk).not.toContain('claim');
    expect(clerk).not.toContain('assign');
    const official = (await call('GET', `/cases/${caseId}`, 'official')).body.mayNow;
    expect(official).toContain('claim');
    expect(official).not.toContain('instruct');
    expect(official).not.toContain('accept');

    await call('POST', `/cases/${caseId}/owner/claim`, 'official');
    const owner = (await call('GET', `/cases/${caseId}`, 'official')).body.mayNow;
    expect(owner).toContain('instruct');
    expect(owner).not.toContain('claim');
  });

  it('offers the handling department its acknowledgement once, then the opinion and an extension request', async () => {
    const { caseId } = await registered({ category: 'labour', township: 'hedong' });
    await call('POST', `/cases/${caseId}/transitions`, 'clerk', { action: 'accept', plan: '交办' });
    await call('POST', `/cases/${caseId}/transitions`, 'supervisor', {
      action: 'assign',
      leadDepartment: 'hrss',
    });
    const before = (await call('GET', `/cases/${caseId}`, 'hrss')).body.mayNow;
    expect(before).toEqual(
      expect.arrayContaining(['acknowledge', 'issue_opinion', 'return_misrouted', 'request_extension']),
    );
    expect(before).not.toContain('extend');
    expect((await call('POST', `/cases/${caseId}/acknowledgement`, 'hrss')).status).toBe(200);
    const after = (await call('GET', `/cases/${caseId}`, 'hrss')).body.mayNow;
    expect(after).not.toContain('acknowledge');
    expect(after).toContain('issue_opinion');

    await call('POST', `/cases/${caseId}/extension-request`, 'hrss', { days: 10, reason: '需要调查' });
    expect((await call('GET', `/cases/${caseId}`, 'hrss')).body.mayNow).not.toContain('request_extension');
    expect((await call('GET', `/cases/${caseId}`, 'supervisor')).body.mayNow).toContain('decide_extension');
  });
});

describe('POST /similar-matters: files like a petition being registered', () => {
  it('puts the same matter in other words first, with what they share, and stores nothing', async () => {
    const same = await registered({
      subject: '柳樹村征地補償款至今未發放',
      description: '2025年柳樹村征地，每畝補償款至今未發到戶。',
    });
    await registered({
      subject: '村小學校舍漏雨',
      category: 'education',
      description: '柳樹村小學校舍漏雨多年。',
    });
    const before = (await api.allItems()).length;
    const answer = await call('POST', '/similar-matters', 'clerk', {
      township: 'liushu',
      category: 'land',
      subject: '征地補償款沒有發放',
      description: '柳樹村征地補償款拖欠至今。',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.similar[0].caseId).toBe(same.caseId);
    // Matching folds both scripts to one.
    expect(answer.body.similar[0].why.entities.join('')).toMatch(/柳树村/);
    expect((await api.allItems()).length).toBe(before);
  });

  it('never suggests a file the caller may not see (art. 30), and is for those who register', async () => {
    const hidden = await registered({
      subject: '副县长李某包庇征地违规',
      description: '柳樹鄉征地補償款被截留，副縣長李某包庇。',
      complainsAboutOfficials: ['off-04'],
    });
    const draft = {
      township: 'liushu',
      category: 'land',
      subject: '征地補償款被截留',
      description: '柳樹鄉征地補償款被截留。',
    };
    // A supervisor who is also the official complained about never sees the file.
    const complainedAbout = await call('POST', '/similar-matters', 'supervisorOff04', draft);
    expect(complainedAbout.status).toBe(200);
    expect(complainedAbout.body.similar.map((s: { caseId: string }) => s.caseId)).not.toContain(
      hidden.caseId,
    );
    const asClerk = await call('POST', '/similar-matters', 'clerk', draft);
    expect(asClerk.body.similar.map((s: { caseId: string }) => s.caseId)).toContain(hidden.caseId);
    expect((await call('POST', '/similar-matters', 'hrss', draft)).status).toBe(403);
    expect((await call('POST', '/similar-matters', 'official', draft)).status).toBe(403);
  });

  it('refuses a draft it cannot compare, field by field, in both languages', async () => {
    const answer = await call('POST', '/similar-matters', 'clerk', { township: 'nowhere', category: 'land' });
    expect(answer.status).toBe(400);
    const fields = answer.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['township', 'subject']));
    expect(answer.body.error.fields[0].message.zh).toBeTruthy();
  });
});

describe('PUT /reception/queue/{date}/{caseId}: called and seen', () => {
  async function queuedVisitor() {
    const visit = webPetition({ phone: undefined, category: 'rural', subject: '低保申請被拒' } as never);
    const answer = await call('POST', '/reception/triage', 'clerk', {
      petition: {
        ...visit,
        petitioner: { name: '趙某', phone: uniquePhone() },
        previouslyRaisedWith: ['agri'],
      },
    });
    expect(answer.body.decision).toBe('queued');
    const queue = await call('GET', `/reception/queue?date=${today()}`, 'clerk');
    const entry = queue.body.queue.find((e: { caseId: string }) => e.caseId === answer.body.caseId);
    expect(entry).toBeDefined();
    return answer.body.caseId as string;
  }

  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  it('records called then seen once each, by whom; a second mark keeps the first', async () => {
    const caseId = await queuedVisitor();
    const path = `/reception/queue/${today()}/${caseId}`;
    const called = await call('PUT', path, 'clerk', { step: 'called' });
    expect(called.status).toBe(200);
    expect(called.body.entry.called).toMatchObject({ by: 'clerk-1' });
    const again = await call('PUT', path, 'supervisor', { step: 'called' });
    expect(again.body.entry.called).toEqual(called.body.entry.called);
    const seen = await call('PUT', path, 'clerk', { step: 'seen' });
    expect(seen.body.entry.seen).toMatchObject({ by: 'clerk-1' });
    const queue = await call('GET', `/reception/queue?date=${today()}`, 'clerk');
    expect(queue.body.queue.find((e: { caseId: string }) => e.caseId === caseId)).toMatchObject({
      called: called.body.entry.called,
      seen: seen.body.entry.seen,
    });
  });

  it('answers 404 for a case not in that day’s queue, 400 for another step, 403 for a department', async () => {
    const caseId = await queuedVisitor();
    expect(
      (await call('PUT', `/reception/queue/2020-01-02/${caseId}`, 'clerk', { step: 'called' })).status,
    ).toBe(404);
    expect(
      (await call('PUT', `/reception/queue/${today()}/${caseId}`, 'clerk', { step: 'gone' })).status,
    ).toBe(400);
    expect(
      (await call('PUT', `/reception/queue/${today()}/${caseId}`, 'hrss', { step: 'seen' })).status,
    ).toBe(403);
  });
});
