import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduledHandlers, scheduledEvent } from '../../infra/local/stack.ts';
import { context } from '../fixtures/lambda.ts';
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
  auth.official4 = await api.as({ roles: ['official'], sub: 'li', officialId: 'off-04' });
  auth.official5 = await api.as({ roles: ['official'], sub: 'zhou', officialId: 'off-05' });
  auth.auditor = await api.as({ roles: ['auditor'], sub: 'audit-1' });
});
afterAll(async () => {
  await api.close();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const opinion = opinionFields;

async function step(caseId: string, who: string, body: Record<string, unknown>) {
  return api.call('POST', `/cases/${caseId}/transitions`, {
    body,
    headers: auth[who] as Record<string, string>,
  });
}

const signed = (caseId: string, who: string, body: Record<string, unknown>) =>
  signedOpinion(api, caseId, auth[who] ?? {}, body);

describe('a case from intake to final, through the HTTP API', () => {
  it('walks every step, with the timeline, deadlines and notices the regulation asks for', async () => {
    const representative = { name: '代表甲', phone: uniquePhone() };
    const petition = webPetition({ representatives: [representative], coSigners: 12 });
    const { body: receipt } = await api.call('POST', '/petitions', { body: petition });
    const id = receipt.caseId as string;
    const verifier = petition.petitioner.phone.slice(-4);

    const accepted = await step(id, 'clerk', { action: 'accept', plan: '交縣自然資源局調查處理' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.case.deadlines.handle).toMatchObject({
      days: 60,
      article: expect.stringContaining('第34条'),
    });
    expect(accepted.body.case.deadlines.register).toBeUndefined();

    const claimed = await api.call('POST', `/cases/${id}/owner/claim`, { headers: auth.official4 });
    expect(claimed.body.case.ownerId).toBe('off-04');
    const instructed = await api.call('POST', `/cases/${id}/instructions`, {
      body: { text: '請自然資源局十日內核實' },
      headers: auth.official4,
    });
    expect(instructed.status).toBe(200);

    expect((await step(id, 'supervisor', { action: 'assign', leadDepartment: 'natres' })).status).toBe(200);
    const extended = await step(id, 'supervisor', { action: 'extend', days: 30, reason: '需實地測量' });
    expect(extended.body.case.extension).toMatchObject({ days: 30 });
    const issued = await signed(id, 'natres', { action: 'issue_opinion', ...opinion('partly_supported') });
    expect(issued.body.case.status).toBe('opinion_issued');

    const rated = await api.call('POST', `/petitions/${receipt.receiptCode}/rating`, {
      body: { verifier, rating: 'dissatisfied', comment: '發放太慢' },
    });
    expect(rated.body).toMatchObject({
      qualityReview: true,
      reminder: { zh: expect.stringContaining('复查') },
    });

    await step(id, 'clerk', { action: 'record_receipt', receivedOn: today() });
    await step(id, 'clerk', { action: 'request_review', requestedOn: today(), grounds: '補償標準過低' });
    const reviewed = await signed(id, 'supervisor', {
      action: 'issue_review_opinion',
      decidedBy: '朱泉市人民政府信訪局',
      ...opinion('explained'),
    });
    expect(reviewed.body.case.reviewOpinion.decidedBy).toBe('朱泉市人民政府信訪局');
    await step(id, 'clerk', { action: 'record_receipt', receivedOn: today() });
    await step(id, 'clerk', { action: 'request_re_review', requestedOn: today(), grounds: '仍不服' });
    const final = await signed(id, 'supervisor', {
      action: 'issue_re_review_opinion',
      decidedBy: '省人民政府信訪局',
      ...opinion('not_supported'),
    });
    expect(final.body.case.status).toBe('final');
    expect(final.body.case.deadlines).toEqual({});

    const timeline = await api.call('GET', `/cases/${id}/timeline`, { headers: auth.auditor });
    expect(timeline.body.firstTampered).toBe(null);
    expect(timeline.body.intact).toBe(true);
    expect(timeline.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'accept',
      'owner_claimed',
      'instruction',
      'assign',
      'extend',
      'opinion_drafted',
      'opinion_signed',
      'issue_opinion',
      'rated',
      'record_receipt',
      'request_review',
      'opinion_drafted',
      'opinion_signed',
      'issue_review_opinion',
      'record_receipt',
      'request_re_review',
      'opinion_drafted',
      'opinion_signed',
      'issue_re_review_opinion',
    ]);

    const notices = await api.call('GET', `/cases/${id}/notices`, { headers: auth.clerk });
    const types = notices.body.notices.map((n: { type: string }) => n.type);
    for (const type of ['accepted', 'extended', 'opinion', 'review_opinion', 're_review_opinion']) {
      expect(types.filter((t: string) => t === type)).toHaveLength(2);
    }
    const finalNotice = notices.body.notices.find(
      (n: { type: string; recipient: { phone: string } }) =>
        n.type === 're_review_opinion' && n.recipient.phone === representative.phone,
    );
    expect(finalNotice.text.zh).toContain('最终意见');
    expect(finalNotice.text.zh).toContain('经省人民政府信访局复核');
    const opinionNotice = notices.body.notices.find((n: { type: string }) => n.type === 'opinion');
    expect(opinionNotice.text.zh).toEqual(expect.stringContaining('《土地管理法》第48条'));
    expect(opinionNotice.text.zh).toEqual(expect.stringContaining('30日内'));

    const status = await api.call('GET', `/petitions/${receipt.receiptCode}?verifier=${verifier}`);
    expect(status.body.status).toBe('final');
    expect(status.body.steps.map((s: { step: string }) => s.step)).toContain('opinion_issued');
  });

  it('delivers pending notices with the scheduled job, once each', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await step(body.caseId, 'clerk', { action: 'not_accept', reason: '已超過法定期限且無新的事實和理由' });
    const { notices: deliver } = await loadScheduledHandlers();

    const first = await deliver(scheduledEvent('notices'), context('notices'));
    const second = await deliver(scheduledEvent('notices'), context('notices'));

    expect(first).toMatchObject({ delivered: expect.any(Number), failed: 0 });
    expect((first as { delivered: number }).delivered).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ delivered: 0 });
    const written = readFileSync(api.outboxFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(written.filter((n) => n.caseId === body.caseId && n.type === 'not_accepted')).toHaveLength(1);
    const listed = await api.call('GET', `/cases/${body.caseId}/notices`, { headers: auth.clerk });
    expect(listed.body.notices[0]).toMatchObject({ state: 'delivered', deliveredAt: expect.any(String) });
  });
});

describe('the procedure refuses what it does not allow', () => {
  it('answers an illegal step with 409 and the allowed next steps, a missing right with 403, and changes nothing', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });

    const unassigned = await api.call('POST', `/cases/${body.caseId}/opinion-drafts`, {
      body: { action: 'issue_opinion', ...opinion('supported') },
      headers: auth.natres,
    });
    const noRight = await api.call('POST', `/cases/${body.caseId}/transitions`, {
      body: { action: 'accept', plan: '交辦' },
      headers: auth.auditor,
    });
    const premature = await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });

    expect(unassigned.status).toBe(404);
    expect(noRight.status).toBe(403);
    expect(premature.status).toBe(409);
    expect(premature.body.error.message.en).toContain('accept, refer, not_accept');
    const timeline = await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: auth.clerk });
    expect(timeline.body.timeline).toHaveLength(1);
  });

  it('allows one extension only, of at most 30 days', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });

    const tooLong = await step(body.caseId, 'supervisor', { action: 'extend', days: 31, reason: '理由' });
    const first = await step(body.caseId, 'supervisor', { action: 'extend', days: 10, reason: '理由' });
    const second = await step(body.caseId, 'supervisor', { action: 'extend', days: 10, reason: '理由' });

    expect(tooLong.status).toBe(400);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
  });

  it('lets the department return a misrouted case within 5 working days, back to accepted', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });

    const returned = await step(body.caseId, 'natres', { action: 'return_misrouted', reason: '屬鄉鎮職責' });

    expect(returned.body.case).toMatchObject({ status: 'accepted' });
    expect(returned.body.case.handlingDepartment).toBeUndefined();
  });

  it('records a referral as referred, with where the petitioner must go', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition({ category: 'legal' }) });

    const referred = await step(body.caseId, 'clerk', {
      action: 'refer',
      procedure: 'litigation',
      where: '珠泉縣人民法院',
      reason: '已進入訴訟程序',
    });

    expect(referred.body.case).toMatchObject({ status: 'referred', referredTo: { where: '珠泉縣人民法院' } });
  });

  it('refuses a review request after the 30-day window', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });
    await signed(body.caseId, 'natres', { action: 'issue_opinion', ...opinion('supported') });
    await step(body.caseId, 'clerk', { action: 'record_receipt', receivedOn: '2026-01-05' });

    const late = await step(body.caseId, 'clerk', {
      action: 'request_review',
      requestedOn: today(),
      grounds: '不服',
    });

    expect(late.status).toBe(409);
    expect(late.body.error.message.en).toContain('within 30 days');
  });

  it('refuses a stale expectedVersion (optimistic locking seen by the client)', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });

    const stale = await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦', expectedVersion: 99 });

    expect(stale.status).toBe(409);
  });
});

describe('one owner until resolved', () => {
  it('refuses a second claim, and a supervisor change without a reason; records a forced change', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: auth.official4 });

    const second = await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: auth.official5 });
    const noReason = await api.call('PUT', `/cases/${body.caseId}/owner`, {
      body: { officialId: 'off-05' },
      headers: auth.supervisor,
    });
    const forced = await api.call('PUT', `/cases/${body.caseId}/owner`, {
      body: { officialId: 'off-05', reason: '原包案領導調離' },
      headers: auth.supervisor,
    });

    expect(second.status).toBe(409);
    expect(noReason.status).toBe(409);
    expect(forced.body.case.ownerId).toBe('off-05');
    const timeline = await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: auth.supervisor });
    expect(timeline.body.timeline.at(-1)).toMatchObject({
      type: 'owner_changed',
      data: { previousOwnerId: 'off-04', forced: true, reason: '原包案領導調離' },
    });
  });

  it('lets only the owner record instructions', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: auth.official4 });

    const other = await api.call('POST', `/cases/${body.caseId}/instructions`, {
      body: { text: '批示內容' },
      headers: auth.official5,
    });

    expect(other.status).toBe(403);
  });

  it('keeps a recused official from owning the case', async () => {
    const { body } = await api.call('POST', '/petitions', { body: webPetition() });
    await api.call('POST', `/cases/${body.caseId}/recusals`, {
      body: { who: 'off-05', reason: '與信訪人為親屬' },
      headers: auth.official5,
    });

    const claim = await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: auth.official5 });
    const assign = await api.call('PUT', `/cases/${body.caseId}/owner`, {
      body: { officialId: 'off-05' },
      headers: auth.supervisor,
    });

    expect(claim.status).toBe(403);
    expect(assign.status).toBe(409);
  });
});

describe('what each person sees', () => {
  it('never shows a department a case that complains about it, nor lets it be routed there (art. 30)', async () => {
    const clerkCase = await api.call('POST', '/cases', {
      body: {
        ...webPetition({ complainsAbout: ['natres'] }),
        channel: 'letter',
        receivedAt: new Date().toISOString(),
      },
      headers: auth.clerk,
    });
    const id = clerkCase.body.caseId;
    await step(id, 'clerk', { action: 'accept', plan: '交辦' });

    const routed = await step(id, 'supervisor', { action: 'assign', leadDepartment: 'natres' });
    await step(id, 'supervisor', {
      action: 'assign',
      leadDepartment: 'hrss',
      assistingDepartments: ['agri'],
    });
    const accused = await api.call('GET', `/cases/${id}`, { headers: auth.natres });

    expect(routed.status).toBe(409);
    expect(accused.status).toBe(404);
  });

  it('masks personal data for a department and records every unmasked read', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });
    await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });

    const department = await api.call('GET', `/cases/${body.caseId}`, { headers: auth.natres });
    const clerk = await api.call('GET', `/cases/${body.caseId}`, { headers: auth.clerk });

    expect(department.body.personalMasked).toBe(true);
    expect(department.text).not.toContain(petition.petitioner.phone);
    expect(department.body.petitioner.petitioner.phone).toMatch(/^139\*+$/);
    expect(clerk.body.petitioner.petitioner.phone).toBe(petition.petitioner.phone);
    const reads = (await api.allItems()).filter((i) => i.PK === `READ#${body.caseId}`);
    expect(reads).toEqual([expect.objectContaining({ by: 'clerk-1' })]);
  });
});

describe('rating', () => {
  it('is refused before an opinion, and a second rating of the same opinion', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });
    const verifier = petition.petitioner.phone.slice(-4);
    const rate = () =>
      api.call('POST', `/petitions/${body.receiptCode}/rating`, { body: { verifier, rating: 'satisfied' } });

    const early = await rate();
    await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });
    await signed(body.caseId, 'natres', { action: 'issue_opinion', ...opinion('supported') });
    const first = await rate();
    const again = await rate();

    expect(early.status).toBe(409);
    expect(first.body).toMatchObject({ rating: 'satisfied', qualityReview: false });
    expect(again.status).toBe(409);
    const read = await api.call('GET', `/cases/${body.caseId}`, { headers: auth.clerk });
    expect(read.body.case.opinion.outcome).toBe('supported');
    expect(read.body.case.qualityReview).toBeUndefined();
  });
});
