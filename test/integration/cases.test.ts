import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let clerk: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi();
  clerk = { authorization: `Bearer ${await api.token({ roles: ['clerk'], sub: 'clerk-7' })}` };
});
afterAll(async () => {
  await api.close();
});

async function file(overrides: Record<string, unknown> = {}) {
  const answer = await api.call('POST', '/petitions', { body: webPetition(overrides) });
  return answer.body.caseId as string;
}

describe('GET /cases/{id}', () => {
  it('gives staff the case, the petitioner apart from the matter, deadlines and timeline', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });

    const answer = await api.call('GET', `/cases/${body.caseId}`, { headers: clerk });

    expect(answer.status).toBe(200);
    expect(answer.body.case).toMatchObject({
      caseId: body.caseId,
      subject: petition.subject,
      proposedDepartment: 'natres',
    });
    expect(JSON.stringify(answer.body.case)).not.toContain(petition.petitioner.phone);
    expect(answer.body.petitioner.petitioner).toMatchObject({ phone: petition.petitioner.phone });
    expect(answer.body.deadlines).toEqual([expect.objectContaining({ stage: 'register', open: true })]);
    expect(answer.body.timeline).toHaveLength(1);
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    const unknown = await api.call('GET', '/cases/20260101-AAAAAAAA', { headers: clerk });
    const malformed = await api.call('GET', '/cases/not-an-id', { headers: clerk });

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
  });

  it('is closed to the public', async () => {
    const caseId = await file();

    const answer = await api.call('GET', `/cases/${caseId}`);

    expect(answer.status).toBe(401);
  });
});

describe('GET /cases/{id}/timeline', () => {
  it('reports an intact chain, and the first tampered event after a rewrite', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });
    await api.call('POST', '/petitions', { body: petition });
    await api.call('POST', '/petitions', { body: petition });
    const intact = await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: clerk });

    await api.doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: { PK: `CASE#${body.caseId}`, SK: 'EVENT#000002' },
        UpdateExpression: 'SET #data.#channel = :channel',
        ExpressionAttributeNames: { '#data': 'data', '#channel': 'channel' },
        ExpressionAttributeValues: { ':channel': 'visit' },
      }),
    );
    const tampered = await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: clerk });

    expect(intact.body).toMatchObject({ intact: true, firstTampered: null });
    expect(intact.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'repeat_submission',
      'repeat_submission',
    ]);
    expect(tampered.body).toMatchObject({
      intact: false,
      firstTampered: { seq: 2, reason: 'contents changed' },
    });
  });
});

describe('similar matters and duplicate links', () => {
  it('suggests a similar matter from another petitioner in the same township and category', async () => {
    const subject = '石橋鄉河道採砂破壞堤壩';
    const description = '石橋鄉河道有人長期非法採砂，堤壩已被掏空，汛期有決堤危險。';
    const first = await file({ township: 'shiqiao', category: 'environment', subject, description });
    const second = await file({
      township: 'shiqiao',
      category: 'environment',
      subject: '石桥乡河道采砂破坏堤坝',
      description: '石桥乡河道长期有人非法采砂，堤坝被掏空，汛期可能决堤。',
    });
    await file({
      township: 'shiqiao',
      category: 'environment',
      subject: '工廠夜間噪音擾民',
    });
    const elsewhere = await file({ township: 'hedong', category: 'environment', subject, description });

    const answer = await api.call('GET', `/cases/${first}/similar`, { headers: clerk });

    const ids = answer.body.similar.map((s: { caseId: string }) => s.caseId);
    expect(ids).toContain(second);
    expect(ids).not.toContain(first);
    // The township's and category's first; the same text filed in another township comes next.
    expect(ids.slice(0, 2)).toEqual([second, elsewhere]);
    expect(answer.body.similar[0].why.phrases).toContain('非法采砂堤坝');
  });

  it("finds the same person's file filed in another township and category, and never one the reader may not see", async () => {
    const petitioner = { name: '丁', phone: uniquePhone() };
    const misfiled = await file({
      petitioner,
      township: 'hedong',
      category: 'housing',
      subject: '黃泥村宅基地被村委會收回',
      description: '黃泥村村委會收回我家宅基地，沒有補償。',
    });
    const current = await file({
      petitioner,
      township: 'shiqiao',
      category: 'land',
      subject: '村委会收回黄泥村宅基地不给补偿',
      description: '黄泥村村委会把我家宅基地收回了，至今没有补偿。',
    });
    const { body: accusing } = await api.call('POST', '/cases', {
      body: {
        ...webPetition({
          township: 'shiqiao',
          category: 'land',
          subject: '黃泥村宅基地收回無補償，鄉幹部包庇',
          description: '黃泥村村委會收回宅基地沒有補償，鄉幹部包庇。',
        }),
        channel: 'letter',
        receivedAt: new Date().toISOString(),
        complainsAboutOfficials: ['off-04'],
      },
      headers: clerk,
    });
    const accused = await api.as({ roles: ['official'], officialId: 'off-04' });

    const forClerk = await api.call('GET', `/cases/${current}/similar`, { headers: clerk });
    const forAccused = await api.call('GET', `/cases/${current}/similar`, { headers: accused });

    const ids = (answer: { body: { similar: Array<{ caseId: string }> } }) =>
      answer.body.similar.map((s) => s.caseId);
    expect(forClerk.body.similar.find((s: { caseId: string }) => s.caseId === misfiled)).toMatchObject({
      samePetitioner: true,
    });
    expect(ids(forClerk)).toContain(accusing.caseId);
    expect(forAccused.status).toBe(200);
    expect(ids(forAccused)).not.toContain(accusing.caseId);
  });

  it('flags a likely repeat by the same person for those who may know, and records confirm and dismiss', async () => {
    const petitioner = { name: '丙', phone: uniquePhone() };
    const mine = await file({
      petitioner,
      subject: '白沙河大堤被挖',
      description: '白沙河大堤附近夜裡有人挖沙，堤壩鬆動。',
    });
    const reworded = await file({
      petitioner,
      subject: '举报白沙河盗采河砂',
      description: '白沙河大堤边半夜挖沙，堤坝松了。',
    });
    const stranger = await file({ subject: '白沙河采砂', description: '白沙河有人夜里挖沙。' });

    const forClerk = await api.call('GET', `/cases/${reworded}/similar`, { headers: clerk });
    const forAdmin = await api.call('GET', `/cases/${reworded}/similar`, {
      headers: await api.as({ roles: ['admin'] }),
    });
    const confirmed = await api.call('PUT', `/cases/${reworded}/similar/${mine}`, {
      body: { decision: 'confirmed' },
      headers: clerk,
    });
    await api.call('PUT', `/cases/${reworded}/similar/${stranger}`, {
      body: { decision: 'dismissed' },
      headers: clerk,
    });
    const after = await api.call('GET', `/cases/${reworded}/similar`, { headers: clerk });
    const missing = await api.call('PUT', `/cases/${reworded}/similar/20260101-ACDEFGHJ`, {
      body: { decision: 'dismissed' },
      headers: clerk,
    });

    const entry = (list: Array<{ caseId: string }>, id: string) =>
      list.find((s) => s.caseId === id) as Record<string, unknown>;
    expect(entry(forClerk.body.similar, mine)).toMatchObject({ samePetitioner: true, reviewed: null });
    expect(entry(forClerk.body.similar, stranger)).toMatchObject({ samePetitioner: false });
    expect(entry(forAdmin.body.similar, mine)).toMatchObject({ samePetitioner: null });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.case.duplicateOf).toBeUndefined();
    expect(entry(after.body.similar, mine).reviewed).toBe('confirmed');
    expect(entry(after.body.similar, stranger).reviewed).toBe('dismissed');
    expect(missing.status).toBe(404);
  });

  it('links a case into another as a duplicate and undoes it, each step on both timelines', async () => {
    const primary = await file({ subject: '柳樹村征地款', petitioner: { name: '甲', phone: uniquePhone() } });
    const duplicate = await file({
      subject: '柳樹村征地款',
      petitioner: { name: '乙', phone: uniquePhone() },
    });

    const linked = await api.call('PUT', `/cases/${duplicate}/duplicate-of`, {
      body: { caseId: primary, reason: '同一村同一筆征地款' },
      headers: clerk,
    });
    const undone = await api.call('DELETE', `/cases/${duplicate}/duplicate-of`, {
      body: { reason: '核實後為不同地塊' },
      headers: clerk,
    });

    expect(linked.status).toBe(200);
    expect(linked.body.case.duplicateOf).toBe(primary);
    expect(undone.status).toBe(200);
    expect(undone.body.case.duplicateOf).toBeUndefined();
    const dupTimeline = await api.call('GET', `/cases/${duplicate}/timeline`, { headers: clerk });
    const primaryTimeline = await api.call('GET', `/cases/${primary}/timeline`, { headers: clerk });
    expect(dupTimeline.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'linked_as_duplicate',
      'duplicate_link_undone',
    ]);
    expect(primaryTimeline.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'duplicate_linked',
      'duplicate_unlinked',
    ]);
    expect(dupTimeline.body.intact && primaryTimeline.body.intact).toBe(true);
  });

  it('refuses a self-link, a second link, a link to a duplicate and an undo of no link (409)', async () => {
    const a = await file({ petitioner: { name: '甲', phone: uniquePhone() } });
    const b = await file({ petitioner: { name: '乙', phone: uniquePhone() } });
    const c = await file({ petitioner: { name: '丙', phone: uniquePhone() } });
    const link = (from: string, to: string) =>
      api.call('PUT', `/cases/${from}/duplicate-of`, {
        body: { caseId: to, reason: '測試理由' },
        headers: clerk,
      });
    await link(b, a);

    const self = await link(a, a);
    const again = await link(b, c);
    const toDuplicate = await link(c, b);
    const undoNothing = await api.call('DELETE', `/cases/${c}/duplicate-of`, {
      body: { reason: '測試理由' },
      headers: clerk,
    });

    expect([self.status, again.status, toDuplicate.status, undoNothing.status]).toEqual([409, 409, 409, 409]);
    expect(toDuplicate.body.error.message.en).toContain(a);
  });

  it('lets only intake staff link duplicates', async () => {
    const auditor = { authorization: `Bearer ${await api.token({ roles: ['auditor'] })}` };
    const a = await file({ petitioner: { name: '甲', phone: uniquePhone() } });
    const b = await file({ petitioner: { name: '乙', phone: uniquePhone() } });

    const answer = await api.call('PUT', `/cases/${b}/duplicate-of`, {
      body: { caseId: a, reason: '測試理由' },
      headers: auditor,
    });

    expect(answer.status).toBe(403);
  });
});
