// The department inbox, extension approval, corrections, the petitioner index, follow-ups
// and the personal-data log, end to end through the HTTP API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import { createStore } from '../../shared/store/store.ts';
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import { opinionFields, uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { signedOpinion, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-1' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'sup-1' });
  auth.natres = await api.as({ roles: ['department'], sub: 'natres-1', department: 'natres' });
  auth.hrss = await api.as({ roles: ['department'], sub: 'hrss-1', department: 'hrss' });
  auth.auditor = await api.as({ roles: ['auditor'], sub: 'audit-1' });
});
afterAll(async () => {
  await api.close();
});

const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

async function call(method: string, path: string, who: string, body?: unknown) {
  return api.call(method, path, {
    headers: auth[who] as Record<string, string>,
    ...(body !== undefined && { body }),
  });
}
const step = (id: string, who: string, body: Record<string, unknown>) =>
  call('POST', `/cases/${id}/transitions`, who, body);

async function assigned(petition = webPetition(), assisting: string[] = []) {
  const { body } = await api.call('POST', '/petitions', { body: petition });
  await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
  const answer = await step(body.caseId, 'supervisor', {
    action: 'assign',
    leadDepartment: 'natres',
    assistingDepartments: assisting,
  });
  expect(answer.status).toBe(200);
  return { caseId: body.caseId as string, receiptCode: body.receiptCode as string, petition };
}

describe('department inbox', () => {
  it('tells the lead and assisting departments of the assignment, with the handling due date', async () => {
    const { caseId } = await assigned(webPetition(), ['hrss']);

    const notices = (await call('GET', `/cases/${caseId}/notices`, 'clerk')).body.notices;
    const assignedTo = notices
      .filter((n: { type: string }) => n.type === 'assigned')
      .map((n: { recipient: { to: string } }) => n.recipient.to);

    expect(assignedTo.sort()).toEqual(['department:hrss', 'department:natres']);
  });

  it('records the acknowledgement once and meets its deadline', async () => {
    const { caseId } = await assigned();
    const before = (await call('GET', `/cases/${caseId}`, 'clerk')).body.case;

    const first = await call('POST', `/cases/${caseId}/acknowledgement`, 'natres');
    const again = await call('POST', `/cases/${caseId}/acknowledgement`, 'natres');
    const stranger = await call('POST', `/cases/${caseId}/acknowledgement`, 'hrss');

    expect(before.deadlines['ack-natres']).toMatchObject({ owedBy: 'office', department: 'natres' });
    expect(first.status).toBe(200);
    expect(first.body.case.acknowledgements.natres.by).toBe('natres-1');
    expect(first.body.case.deadlines['ack-natres']).toBeUndefined();
    expect(again.status).toBe(409);
    expect(stranger.status).toBe(404);
  });

  it('escalates an unacknowledged case through the deadline check, to the department', async () => {
    const { caseId } = await assigned();
    const store = createStore({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT });
    const later = new Date(Date.now() + 3 * 86_400_000);

    await checkDeadlines({ ...functionContext(), store, now: () => later });

    const notices = (await call('GET', `/cases/${caseId}/notices`, 'clerk')).body.notices;
    const escalation = notices.find((n: { noticeId: string }) =>
      n.noticeId.includes('escalation-ack-natres'),
    );
    expect(escalation?.recipient.to).toMatch(/natres/);
    expect(escalation?.text.en).toContain('acknowledging the assigned case');
  });

  it('closes the acknowledgement when a misrouted case is returned', async () => {
    const { caseId } = await assigned();

    const returned = await step(caseId, 'natres', { action: 'return_misrouted', reason: '不屬本部門職責' });

    expect(returned.status).toBe(200);
    expect(Object.keys(returned.body.case.deadlines).filter((s) => s.startsWith('ack-'))).toEqual([]);
  });
});

describe('extension approval (art. 34)', () => {
  it('waits for the head, who approves it; the petitioner is told the reason', async () => {
    const { caseId } = await assigned();

    const asked = await call('POST', `/cases/${caseId}/extension-request`, 'natres', {
      days: 20,
      reason: '需實地測量',
    });
    const waiting = await call('GET', '/cases?view=approvals', 'supervisor');
    const decided = await call('POST', `/cases/${caseId}/extension-request/decision`, 'supervisor', {
      approve: true,
      note: '同意延期',
    });
    const after = await call('GET', '/cases?view=approvals', 'supervisor');
    const notices = (await call('GET', `/cases/${caseId}/notices`, 'clerk')).body.notices;

    expect(asked.status).toBe(200);
    expect(waiting.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect(decided.body.case.extension).toMatchObject({ days: 20, reason: '需實地測量' });
    expect(decided.body.case.extension.previousDueDate < decided.body.case.deadlines.handle.dueDate).toBe(
      true,
    );
    expect(after.body.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    const told = notices.find((n: { type: string }) => n.type === 'extended');
    expect(told.recipient.kind).toBe('petitioner');
    // The notice is in the region's script, the department's reason inside it too.
    expect(told.text.zh).toContain('需实地测量');
  });

  it('records a refusal and leaves the period as it was', async () => {
    const { caseId } = await assigned();
    await call('POST', `/cases/${caseId}/extension-request`, 'natres', { days: 10, reason: '人手不足' });

    const refused = await call('POST', `/cases/${caseId}/extension-request/decision`, 'supervisor', {
      approve: false,
      note: '期限內可以辦結',
    });

    expect(refused.body.case.extension).toBeUndefined();
    expect(refused.body.case.extensionRequest.decision).toMatchObject({ approved: false });
  });

  it('refuses a request from a department that does not handle the case, and a decision with none waiting', async () => {
    const { caseId } = await assigned(webPetition(), ['hrss']);

    const assisting = await call('POST', `/cases/${caseId}/extension-request`, 'hrss', {
      days: 10,
      reason: '需協調',
    });
    const nothing = await call('POST', `/cases/${caseId}/extension-request/decision`, 'supervisor', {
      approve: true,
      note: '同意',
    });

    expect(assisting.status).toBe(409);
    expect(nothing.status).toBe(409);
  });
});

describe('corrections', () => {
  it('moves the matter and its counters to the corrected category, on the timeline', async () => {
    const petition = webPetition({ category: 'land' });
    const { body } = await api.call('POST', '/petitions', { body: petition });
    const summary = async () =>
      (await call('GET', `/reports/summary?from=${thisMonth()}&to=${thisMonth()}`, 'supervisor')).body
        .received.byCategory;
    const before = await summary();

    const corrected = await call('POST', `/cases/${body.caseId}/corrections`, 'clerk', {
      category: 'labour',
      reason: '來信內容實為欠薪',
    });
    const after = await summary();
    const repeat = await api.call('POST', '/petitions', { body: { ...petition, category: 'labour' } });
    const timeline = (await call('GET', `/cases/${body.caseId}/timeline`, 'clerk')).body.timeline;

    expect(corrected.status).toBe(200);
    expect(corrected.body.case.category).toBe('labour');
    expect(after.labour.value - before.labour.value).toBe(1);
    expect(after.land.value - before.land.value).toBe(-1);
    expect(repeat.body).toMatchObject({ caseId: body.caseId, alreadyOnFile: true });
    expect(timeline.at(-2)).toMatchObject({
      type: 'corrected',
      data: { reason: '來信內容實為欠薪', matter: { category: { from: 'land', to: 'labour' } } },
    });
  });

  it('follows a corrected phone to the verifier and the petitioner index, and logs it like a read', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    const phone = uniquePhone();

    const corrected = await call('POST', `/cases/${body.caseId}/corrections`, 'clerk', {
      phone,
      reason: '來電更正號碼',
    });
    const withNew = await api.call('GET', `/petitions/${body.receiptCode}?verifier=${phone.slice(-4)}`);
    const log = (await call('GET', `/cases/${body.caseId}/reads`, 'auditor')).body.reads;
    const timeline = (await call('GET', `/cases/${body.caseId}/timeline`, 'clerk')).body.timeline;

    expect(corrected.status).toBe(200);
    expect(withNew.status).toBe(200);
    expect(log.some((r: { changed?: string[] }) => r.changed?.includes('phone'))).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain(phone);
  });

  it('refuses a correction onto a matter on file as another case, naming it', async () => {
    const petition = webPetition({ category: 'land' });
    const first = (await api.call('POST', '/petitions', { body: petition })).body;
    const second = (await api.call('POST', '/petitions', { body: { ...petition, category: 'labour' } })).body;

    const answer = await call('POST', `/cases/${second.caseId}/corrections`, 'clerk', {
      category: 'land',
      reason: '歸類錯誤',
    });

    expect(answer.status).toBe(409);
    expect(answer.body.error.message.en).toContain(first.caseId);
  });

  it('refuses a correction that changes nothing', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition({ category: 'land' }) });

    expect(
      (await call('POST', `/cases/${body.caseId}/corrections`, 'clerk', { category: 'land', reason: '核對' }))
        .status,
    ).toBe(409);
  });
});

describe('the same person’s other files', () => {
  it('shows them to staff who may see personal data, and to nobody else', async () => {
    const petitioner = { name: '王某', phone: uniquePhone() };
    const first = await assigned(webPetition({ petitioner, subject: '宅基地確權糾紛' }));
    const second = (
      await api.call('POST', '/petitions', { body: webPetition({ petitioner, subject: '低保資格被取消' }) })
    ).body;

    const clerk = (await call('GET', `/cases/${second.caseId}`, 'clerk')).body;
    const department = (await call('GET', `/cases/${first.caseId}`, 'natres')).body;

    expect(clerk.otherFiles.map((f: { caseId: string }) => f.caseId)).toEqual([first.caseId]);
    expect(department.otherFiles).toBeNull();
  });
});

describe('follow-up (回訪)', () => {
  async function withOpinion() {
    const { caseId, petition, receiptCode } = await assigned();
    await signedOpinion(api, caseId, auth.natres ?? {}, {
      action: 'issue_opinion',
      ...opinionFields('supported'),
    });
    return { caseId, petition, receiptCode };
  }

  it('takes a dissatisfied rating off the quality-review list once followed up', async () => {
    const { caseId, petition, receiptCode } = await withOpinion();
    await api.call('POST', `/petitions/${receiptCode}/rating`, {
      body: { verifier: petition.petitioner.phone.slice(-4), rating: 'dissatisfied' },
    });
    const listed = (await call('GET', '/cases?view=quality-review', 'supervisor')).body.cases;

    const followed = await call('POST', `/cases/${caseId}/follow-ups`, 'clerk', {
      reached: true,
      satisfied: false,
      causedByHandling: false,
      notes: '已解釋政策',
    });
    const after = (await call('GET', '/cases?view=quality-review', 'supervisor')).body.cases;

    expect(listed.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect(followed.body.case.followUps).toHaveLength(1);
    expect(after.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
  });

  it('sends a case back to the department when the handling caused the dissatisfaction', async () => {
    const { caseId } = await withOpinion();

    const sent = await call('POST', `/cases/${caseId}/follow-ups`, 'clerk', {
      reached: true,
      satisfied: false,
      causedByHandling: true,
      sendBack: true,
      notes: '補償標準計算有誤',
    });
    const inbox = (await call('GET', '/cases?view=department', 'natres')).body.cases;
    const notices = (await call('GET', `/cases/${caseId}/notices`, 'clerk')).body.notices;

    expect(sent.status).toBe(200);
    expect(sent.body.case).toMatchObject({
      status: 'assigned',
      previousOpinions: [{ outcome: 'supported' }],
    });
    expect(sent.body.case.opinion).toBeUndefined();
    expect(sent.body.case.deadlines.handle.startedBy).toBe('sent_back');
    expect(inbox.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect(notices.some((n: { type: string }) => n.type === 'sent_back')).toBe(true);
  });

  it('refuses to send back a case whose petitioner was satisfied', async () => {
    const { caseId } = await withOpinion();

    const answer = await call('POST', `/cases/${caseId}/follow-ups`, 'clerk', {
      reached: true,
      satisfied: true,
      sendBack: true,
      notes: '滿意',
    });

    expect(answer.status).toBe(409);
  });
});

describe('the personal-data log', () => {
  it('lists each unmasked read for auditors, and is closed to departments', async () => {
    const { caseId } = await assigned();
    await call('GET', `/cases/${caseId}`, 'clerk');

    const log = await call('GET', `/cases/${caseId}/reads`, 'auditor');
    const department = await call('GET', `/cases/${caseId}/reads`, 'natres');

    expect(log.body.reads).toContainEqual(expect.objectContaining({ by: 'clerk-1', roles: ['clerk'] }));
    expect(department.status).toBe(403);
  });
});
