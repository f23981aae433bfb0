// Walking a year of work (issue 11): what the office and petitioners are told as the clock
// moves, through the HTTP API, with the deadline check run "as of" later days.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAnchors } from '../../functions/anchors/anchor-store.ts';
import { functionContext } from '../../functions/context.ts';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { getConfig } from '../../shared/config.ts';
import { type CaseFile, openCaseFile } from '../../shared/domain/case.ts';
import { addDays } from '../../shared/domain/clock.ts';
import { localDate } from '../../shared/domain/local-time.ts';
import { dataDigestOf, firstTamperedPoint, GENESIS_HASH, hashEvent } from '../../shared/domain/timeline.ts';
import { queuesOf } from '../../shared/domain/work-queues.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { caseItem, eventItem, queueItem } from '../../shared/store/items.ts';
import { keys } from '../../shared/store/keys.ts';
import { createStore } from '../../shared/store/store.ts';
import { anchorYesterday } from '../../shared/usecases/anchor-chains.ts';
import { readTimeline } from '../../shared/usecases/read-case-file.ts';
import { staffCase, webPetition } from '../fixtures/petitions.ts';
import { signedOpinion, startTestApi, type TestApi } from './harness.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const today = localDate(new Date(), region.region.timeZone);
let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-1' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'sup-1' });
  auth.auditor = await api.as({ roles: ['auditor'], sub: 'audit-1' });
  auth.natres = await api.as({ roles: ['department'], sub: 'natres-1', department: 'natres' });
});
afterAll(async () => {
  await api.close();
});

async function step(caseId: string, who: string, body: Record<string, unknown>) {
  const answer = await api.call('POST', `/cases/${caseId}/transitions`, { body, headers: auth[who] });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.case as CaseFile;
}

/** A web petition accepted and assigned to natres: its receipt, verifier and case. */
async function assignedCase() {
  const petition = webPetition();
  const { body: receipt } = await api.call('POST', '/petitions', { body: petition });
  await step(receipt.caseId, 'clerk', { action: 'accept', plan: '交國土資源局核實' });
  const assigned = await step(receipt.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });
  return { receipt, verifier: petition.petitioner.phone.slice(-4), assigned };
}

const checkAsOf = (date: string, record = true) =>
  api.call('POST', `/deadline-checks?asOf=${date}${record ? '&record=true' : ''}`, {
    headers: auth.supervisor,
  });

describe('the deadline check as of another day', () => {
  it('previews without recording unless asked, and records when asked (local stack)', async () => {
    const { receipt, assigned } = await assignedCase();
    const handleDue = assigned.deadlines.handle?.dueDate as string;

    const preview = await checkAsOf(addDays(handleDue, -2), false);
    const unchanged = await api.call('GET', `/cases/${receipt.caseId}`, { headers: auth.supervisor });
    const recorded = await checkAsOf(addDays(handleDue, -2));

    expect(preview.status).toBe(200);
    expect(preview.body.recorded).toBe(false);
    expect(preview.body.levels).toContainEqual({
      caseId: receipt.caseId,
      stage: 'handle',
      dueDate: handleDue,
      levels: ['reminder'],
      // Past halfway, and the petitioner not yet told: the run tells them too.
      marks: ['halfway'],
      daysLate: -2,
    });
    expect(unchanged.body.escalations).toEqual([]);
    expect(recorded.body.recorded).toBe(true);
    expect(recorded.body.escalations).toBeGreaterThanOrEqual(1);
  });
});

describe('issue 11', () => {
  it('1. an extension starts the reminder ladder afresh for the new due date', async () => {
    const { receipt, assigned } = await assignedCase();
    const firstDue = assigned.deadlines.handle?.dueDate as string;
    await checkAsOf(addDays(firstDue, -3));
    const extended = await step(receipt.caseId, 'supervisor', {
      action: 'extend',
      days: 30,
      reason: '需補充測量',
    });
    const newDue = extended.deadlines.handle?.dueDate as string;

    const reminded = await checkAsOf(addDays(newDue, -3));

    // The ladder starts afresh; the halfway mark the petitioner was told of stays told.
    expect(extended.deadlines.handle?.escalated).toEqual(['halfway']);
    expect(reminded.body.levels).toContainEqual(
      expect.objectContaining({
        caseId: receipt.caseId,
        stage: 'handle',
        dueDate: newDue,
        levels: ['reminder'],
      }),
    );
    const after = await api.call('GET', `/cases/${receipt.caseId}`, { headers: auth.supervisor });
    const reminders = after.body.escalations.filter((e: { level: string }) => e.level === 'reminder');
    expect(reminders.map((e: { dueDate: string }) => e.dueDate)).toEqual([firstDue, newDue]);
  });

  it('2. the status page shows what the office owes next (the handling date, extended) and steps in words', async () => {
    const { receipt, verifier, assigned } = await assignedCase();
    const status = () => api.call('GET', `/petitions/${receipt.receiptCode}?verifier=${verifier}`);

    const before = await status();
    await step(receipt.caseId, 'supervisor', { action: 'extend', days: 20, reason: '需補充測量' });
    const after = await status();

    // The department's 5-working-day return window comes first, but it is not owed to the petitioner.
    expect(
      String(assigned.deadlines.objectToTransfer?.dueDate) < String(assigned.deadlines.handle?.dueDate),
    ).toBe(true);
    expect(before.body.nextDeadline).toMatchObject({
      stage: 'handle',
      owedBy: 'office',
      dueDate: assigned.deadlines.handle?.dueDate,
      article: expect.stringContaining('第34条'),
      label: { zh: '出具处理意见', en: 'issuing the handling opinion' },
    });
    expect(after.body.nextDeadline.extended).toEqual({
      days: 20,
      reason: '需補充測量',
      previousDueDate: assigned.deadlines.handle?.dueDate,
    });
    expect(before.body.steps.map((s: { label: { en: string } }) => s.label.en)).toEqual([
      'Received, being registered',
      'Accepted',
      'Assigned to the handling department',
    ]);
    for (const s of before.body.steps) expect(s.label.zh).not.toMatch(/[a-z_]/);
  });

  it('7. overdue now counts every stage by who owes it (the bureau, a task department), not what is due today', async () => {
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    // A letter registered 25 days ago and never accepted: its 15-day register deadline is 10 days late.
    const late = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: ago(25), subject: '宅基地確權遲遲不辦' }),
      headers: auth.clerk,
    });
    expect(late.status).toBe(201);
    // A joint-review task 27 days late (seeded: tasks can no longer be set in the past) and one due today.
    const seeded = (taskDue: string, department: string): CaseFile => {
      const { caseFile } = openCaseFile(
        { ...staffCase({ receivedAt: new Date().toISOString() }), channel: 'letter' },
        { caseId: `20261128-TASK${department.toUpperCase().slice(0, 4)}`, receiptCode: 'SEED', now: ago(0) },
        region,
      );
      return {
        ...caseFile,
        status: 'accepted',
        version: 1,
        deadlines: {
          'task-1-1': {
            stage: 'task-1-1',
            owedBy: 'office',
            dueDate: taskDue,
            days: 0,
            unit: 'calendar',
            article: '會診紀要',
            startedBy: 'joint_review_1',
            startedOn: addDays(taskDue, -10),
            department,
          },
        },
      };
    };
    const overdueTask = seeded(addDays(today, -27), 'agri');
    const dueToday = seeded(today, 'hrss');
    await api.seedItems(
      [overdueTask, dueToday].flatMap((c) => [caseItem(c), ...queuesOf(c).map((q) => queueItem(c, q, 1))]),
    );

    const report = await api.call(
      'GET',
      `/reports/summary?from=${today.slice(0, 7)}&to=${today.slice(0, 7)}`,
      {
        headers: auth.supervisor,
      },
    );
    const overdueView = await api.call('GET', '/cases?view=overdue', { headers: auth.supervisor });

    expect(report.status).toBe(200);
    expect(report.body.overdueNow).toEqual({ total: 2, atBureau: 1 });
    expect(report.body.openNow.agri.overdue).toBe(1);
    expect(report.body.openNow.hrss.overdue).toBe(0);
    const ids = overdueView.body.cases.map((c: { caseId: string }) => c.caseId);
    expect(ids).toEqual(expect.arrayContaining([late.body.caseId, overdueTask.caseId]));
    expect(ids).not.toContain(dueToday.caseId);
    expect(
      overdueView.body.cases.find((c: { caseId: string }) => c.caseId === overdueTask.caseId).dueFrom,
    ).toBe('agri');
  });

  it('8. each escalation level says what it is, with the days late', async () => {
    const received = new Date(Date.now() - 25 * 86_400_000).toISOString();
    const late = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: received, subject: '村道硬化未完工' }),
      headers: auth.clerk,
    });
    const dueDate = late.body.nextDeadline.dueDate as string;
    const daysLate = Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);

    const checked = await api.call('POST', '/deadline-checks', { headers: auth.supervisor });
    const notices = await api.call('GET', `/cases/${late.body.caseId}/notices`, { headers: auth.supervisor });

    expect(checked.status).toBe(200);
    const texts = notices.body.notices.map((n: { text: { zh: string; en: string } }) => n.text);
    expect(daysLate).toBeGreaterThan(5);
    const due = texts.filter((t: { zh: string }) => t.zh.startsWith('已到期未办'));
    expect(due.length).toBeGreaterThan(0);
    for (const t of due) {
      expect(t.zh).toContain(`已逾期 ${daysLate} 日`);
      expect(t.en).toContain(`${daysLate} days late`);
    }
    expect(texts.some((t: { zh: string }) => t.zh.includes('今日到期'))).toBe(false);
    expect(texts.some((t: { zh: string }) => t.zh.startsWith('督办'))).toBe(true);
  });

  it('13. an edit of the case record in the table breaks the timeline check', async () => {
    const { receipt } = await assignedCase();
    await signedOpinion(api, receipt.caseId, auth.natres ?? {}, {
      action: 'issue_opinion',
      outcome: 'not_supported',
      request: '發放補償款',
      facts: '經查已發放',
      reasons: '證據充分',
      legalBasis: '《土地管理法》第48條',
      opinion: '不予支持',
    });
    const intact = await api.call('GET', `/cases/${receipt.caseId}/timeline`, { headers: auth.auditor });

    await api.doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.case(receipt.caseId),
        UpdateExpression: 'SET opinion.outcome = :supported',
        ExpressionAttributeValues: { ':supported': 'supported' },
      }),
    );
    const edited = await api.call('GET', `/cases/${receipt.caseId}/timeline`, { headers: auth.auditor });

    expect(intact.body).toMatchObject({ intact: true, firstTampered: null });
    expect(edited.body.intact).toBe(false);
    expect(edited.body.firstTampered).toEqual({
      seq: intact.body.timeline.at(-1).seq,
      reason: 'the case record differs from the state its timeline recorded',
    });
  });

  it('3. a repeat submission joins the file as an addendum the handlers see', async () => {
    const petition = webPetition();
    const first = await api.call('POST', '/petitions', { body: petition });
    const repeat = await api.call('POST', '/petitions', {
      body: {
        ...petition,
        description: '補充：鄰村已於十月發放，本村仍未發放。',
        requestedOutcome: '年內發放',
      },
    });
    await step(first.body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(first.body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });

    const seen = await api.call('GET', `/cases/${first.body.caseId}`, { headers: auth.natres });

    expect(repeat.body).toMatchObject({ caseId: first.body.caseId, alreadyOnFile: true });
    expect(seen.status).toBe(200);
    expect(seen.body.addenda).toEqual([
      expect.objectContaining({
        channel: 'web',
        subject: petition.subject,
        description: '補充：鄰村已於十月發放，本村仍未發放。',
        requestedOutcome: '年內發放',
      }),
    ]);
  });

  it('4. linking a duplicate stops its own clock and tells its petitioner which file it joined', async () => {
    const target = await api.call('POST', '/petitions', { body: webPetition() });
    const other = webPetition({ subject: '同村征地補償款拖欠' });
    const duplicate = await api.call('POST', '/petitions', { body: other });
    const verifier = other.petitioner.phone.slice(-4);

    const linked = await api.call('PUT', `/cases/${duplicate.body.caseId}/duplicate-of`, {
      body: { caseId: target.body.caseId, reason: '同一村同一筆補償款' },
      headers: auth.clerk,
    });
    const notices = await api.call('GET', `/cases/${duplicate.body.caseId}/notices`, { headers: auth.clerk });
    const status = await api.call('GET', `/petitions/${duplicate.body.receiptCode}?verifier=${verifier}`);
    const preview = await checkAsOf(addDays(today, 40), false);

    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.case.deadlines).toEqual({});
    const told = notices.body.notices.filter((n: { type: string }) => n.type === 'linked');
    expect(told).toHaveLength(1);
    expect(told[0].text.zh).toContain(target.body.receiptCode);
    expect(told[0].text.zh).toContain(target.body.caseId);
    expect(told[0].text.zh).not.toContain('不予受理');
    expect(status.body.joined).toEqual({ receiptCode: target.body.receiptCode });
    expect(status.body.steps.at(-1).label.en).toBe('Joined the file of the same matter');
    const ids = preview.body.levels.map((l: { caseId: string }) => l.caseId);
    expect(ids).toContain(target.body.caseId);
    expect(ids).not.toContain(duplicate.body.caseId);

    const undone = await api.call('DELETE', `/cases/${duplicate.body.caseId}/duplicate-of`, {
      body: { reason: '經核實不是同一事項' },
      headers: auth.clerk,
    });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.case.deadlines.register).toMatchObject({
      dueDate: duplicate.body.nextDeadline.dueDate,
    });
  });

  it('5. a letter gets its receipt code in writing; the petitioner and the department hear of the assignment', async () => {
    const letter = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: new Date().toISOString(), subject: '灌溉水渠堵塞' }),
      headers: auth.clerk,
    });
    await step(letter.body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
    await step(letter.body.caseId, 'supervisor', { action: 'assign', leadDepartment: 'natres' });
    const web = await api.call('POST', '/petitions', { body: webPetition({ subject: '網上反映路燈不亮' }) });

    const notices = await api.call('GET', `/cases/${letter.body.caseId}/notices`, { headers: auth.clerk });
    const webNotices = await api.call('GET', `/cases/${web.body.caseId}/notices`, { headers: auth.clerk });

    const byType = (type: string) => notices.body.notices.filter((n: { type: string }) => n.type === type);
    expect(byType('registered')).toHaveLength(1);
    expect(byType('registered')[0].text.zh).toContain(letter.body.receiptCode);
    expect(byType('registered')[0].recipient).toMatchObject({ kind: 'petitioner', address: '柳樹鄉柳樹村' });
    expect(byType('transferred')).toHaveLength(1);
    expect(byType('transferred')[0].text.zh).toContain('自然资源局');
    expect(byType('transferred')[0].text.zh).toContain('第23条');
    expect(byType('assigned')[0].recipient).toMatchObject({ kind: 'staff', to: 'department:natres' });
    expect(webNotices.body.notices).toEqual([]);
  });

  it('6. a letter with an address and no phone is registered; placeholder numbers never merge people', async () => {
    const noPhone = (name: string, address: string) => ({
      ...staffCase({ receivedAt: new Date().toISOString(), subject: '危房改造補助未到位' }),
      petitioner: { name, address },
    });
    const first = await api.call('POST', '/cases', {
      body: noPhone('王某', '柳樹鄉柳樹村三組'),
      headers: auth.clerk,
    });
    const again = await api.call('POST', '/cases', {
      body: noPhone('王某', '柳樹鄉柳樹村三組'),
      headers: auth.clerk,
    });
    const neighbour = await api.call('POST', '/cases', {
      body: noPhone('李某', '柳樹鄉柳樹村三組'),
      headers: auth.clerk,
    });
    const placeholder = (name: string) => ({
      ...staffCase({ receivedAt: new Date().toISOString(), subject: '低保資格被取消' }),
      channel: 'visit' as const,
      petitioner: { name, phone: '0000000', address: `${name}家` },
    });
    const a = await api.call('POST', '/cases', { body: placeholder('趙某'), headers: auth.clerk });
    const b = await api.call('POST', '/cases', { body: placeholder('錢某'), headers: auth.clerk });
    const nothing = await api.call('POST', '/cases', {
      body: { ...noPhone('孫某', 'x'), petitioner: { name: '孫某' } },
      headers: auth.clerk,
    });
    const phoneCall = await api.call('POST', '/cases', {
      body: { ...noPhone('周某', '柳樹鄉'), channel: 'phone' },
      headers: auth.clerk,
    });

    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({ caseId: first.body.caseId, alreadyOnFile: true });
    expect(neighbour.body.caseId).not.toBe(first.body.caseId);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.caseId).not.toBe(a.body.caseId);
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.fields).toContainEqual(
      expect.objectContaining({
        field: 'petitioner.phone',
        message: expect.objectContaining({ en: expect.stringContaining('postal address') }),
      }),
    );
    expect(phoneCall.status).toBe(400);
    expect(phoneCall.body.error.fields).toContainEqual(
      expect.objectContaining({ field: 'petitioner.phone' }),
    );
    // Without a real phone there is no online check: no four digits open it, and notices go by post.
    const guess = await api.call('GET', `/petitions/${first.body.receiptCode}?verifier=0000`);
    const placeholderGuess = await api.call('GET', `/petitions/${a.body.receiptCode}?verifier=0000`);
    const posted = await api.call('GET', `/cases/${a.body.caseId}/notices`, { headers: auth.clerk });
    expect(guess.status).toBe(404);
    expect(placeholderGuess.status).toBe(404);
    expect(posted.body.notices[0].recipient).toEqual({ kind: 'petitioner', name: '趙某', address: '趙某家' });
  });
  it("13. the day's anchor, kept outside the table, exposes a rewritten chain however consistent", async () => {
    const { receipt } = await assignedCase();
    const config = getConfig();
    const store = createStore({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT });
    const anchors = fileAnchors(config.ANCHOR_DIR as string);
    // Tomorrow (UTC), the hourly job anchors today's heads; staff read the timeline that day.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const later = { ...functionContext(), store, now: () => tomorrow, anchors };
    const staff = { sub: 'audit-1', roles: ['auditor' as const] };

    const first = await anchorYesterday(later, anchors);
    const again = await anchorYesterday(later, anchors);
    const before = await readTimeline(later, receipt.caseId, staff);

    // A forger rewrites the accept step's plan and recomputes every hash and the record's seal.
    const events = await store.cases.timeline(receipt.caseId);
    let previous = GENESIS_HASH;
    const forged = events.map((event) => {
      const data = event.type === 'accept' ? { ...event.data, plan: '不予處理' } : event.data;
      const dataDigest = event.dataSalt ? dataDigestOf(data, event.dataSalt) : undefined;
      const unsigned = { ...event, data, dataDigest, prevHash: previous };
      const rewritten = { ...unsigned, hash: hashEvent(unsigned) };
      previous = rewritten.hash;
      return rewritten;
    });
    const record = (await store.cases.get(receipt.caseId)) as CaseFile;
    await api.seedItems([
      ...forged.map((event) => eventItem(receipt.caseId, event)),
      caseItem({ ...record, lastEventHash: previous }),
    ]);
    const after = await readTimeline(later, receipt.caseId, staff);

    expect(first).toMatchObject({ outcome: 'written' });
    expect(first.cases).toBeGreaterThanOrEqual(1);
    expect(again.outcome).toBe('exists');
    expect(before).toMatchObject({ intact: true, firstTampered: null });
    expect(before.anchor?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(firstTamperedPoint({ ...record, lastEventHash: previous }, forged)).toBeUndefined();
    expect(after.intact).toBe(false);
    expect(after.firstTampered?.reason).toBe(`the timeline differs from the anchor of ${before.anchor?.day}`);
    await expect(
      anchors.put({ ...(await anchors.get(before.anchor?.day as string)), digest: 'x' } as never),
    ).resolves.toBe('exists');
  });
});
