// Retention end to end (issue 26): a table filled through the API (a web petition with a photo,
// a correction and a repeat under an Idempotency-Key, a joint letter with representatives
// told by post, a routine letter, notices by SMS, reads), the clock moved past the periods, the
// disposal lists drawn up, refused where they must be and approved by a second person, carried
// out; then every item of the table and every object of the bucket is read, and none of the
// people's values or their hashes is left. The timeline still verifies; the reports are unchanged.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredFiles } from '../../functions/attachments/s3-files.ts';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import { smsDelivery } from '../../functions/notices/sms.ts';
import { localDate } from '../../shared/domain/local-time.ts';
import { createStore } from '../../shared/store/store.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import { deliverPendingNotices } from '../../shared/usecases/deliver-notices.ts';
import { drawUpDisposalList, replayDisposals, runRetention } from '../../shared/usecases/retention.ts';
import {
  opinionFields,
  staffCase,
  uniquePhone,
  VALID_ID_NUMBER,
  webPetition,
} from '../fixtures/petitions.ts';
import { smallPng } from '../fixtures/sample-files.ts';
import { SMS_CREDENTIALS, type SmsStub, tencentSmsStub } from '../fixtures/sms-providers.ts';
import { signedOpinion, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let sms: SmsStub;
const auth: Record<string, Record<string, string>> = {};
const archivistA = { sub: 'archivist-a', roles: ['archivist' as const] };
const archivistB = { sub: 'archivist-b', roles: ['archivist' as const] };

beforeAll(async () => {
  api = await startTestApi();
  sms = await tencentSmsStub();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-li' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'supervisor-wang' });
  auth.natres = await api.as({ roles: ['department'], department: 'natres', sub: 'natres-zhao' });
  auth.archivistA = await api.as(archivistA);
  auth.archivistB = await api.as(archivistB);
});
afterAll(async () => {
  await sms.close();
  await api.close();
});

const today = () => localDate(new Date(), 'Asia/Shanghai');

/** The use cases as the retention function runs them, with the clock `years` on. */
function later(years: number): UseCaseContext {
  const base = functionContext();
  const at = new Date(Date.now() + years * 366 * 86_400_000);
  return {
    ...base,
    store: createStore({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT }),
    now: () => at,
    peppers: pepperSourceOf(base.config),
    files: configuredFiles(),
  };
}

async function step(caseId: string, body: Record<string, unknown>, headers = auth.clerk) {
  const answer = await api.call('POST', `/cases/${caseId}/transitions`, { body, headers });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

/** The table as a restore leaves it: exactly these items. */
async function replaceTable(items: Record<string, unknown>[]) {
  const current = await api.allItems();
  for (let i = 0; i < current.length; i += 25) {
    const requests = current
      .slice(i, i + 25)
      .map((item) => ({ DeleteRequest: { Key: { PK: item.PK, SK: item.SK } } }));
    await api.doc.send(new BatchWriteCommand({ RequestItems: { [api.tableName]: requests } }));
  }
  await api.seedItems(items);
}

/** Every object in the files bucket (the local S3 server lists without a signature). */
async function bucketKeys(): Promise<string[]> {
  const listing = await (await fetch(`${api.filesEndpoint}/${process.env.FILES_BUCKET}?list-type=2`)).text();
  return [...listing.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1] ?? '');
}

const people = {
  web: {
    name: '歐陽明遠',
    phone: uniquePhone(),
    idNumber: VALID_ID_NUMBER,
    address: '柳樹鄉柳樹村七組十八號',
  },
  corrected: { phone: uniquePhone(), address: '柳樹鄉新村三組五號' },
  lead: { name: '司馬青禾', address: '東城鎮河西路九十九號' },
  representative: { name: '諸葛秋實', phone: uniquePhone(), address: '東城鎮河東路十一號' },
  routine: { name: '上官白露', phone: uniquePhone() },
  asked: { phone: uniquePhone() },
};

describe('retention, disposal and anonymisation', () => {
  it('erases every personal trace of disposed case files, keeps the figures, and the timeline verifies', async () => {
    // 1. A web petition with a photo, a repeat under an Idempotency-Key, a correction, reads.
    const petition = webPetition({
      petitioner: people.web,
      description: `本人${people.web.name}，電話${people.web.phone}，住${people.web.address}，征地補償款未發放。`,
    });
    const filed = await api.call('POST', '/petitions', {
      body: petition,
      headers: { 'idempotency-key': 'web-1' },
    });
    expect(filed.status).toBe(201);
    const web = { caseId: filed.body.caseId as string, receiptCode: filed.body.receiptCode as string };
    const repeat = await api.call('POST', '/petitions', {
      body: petition,
      headers: { 'idempotency-key': 'web-2' },
    });
    expect(repeat.body).toMatchObject({ caseId: web.caseId, alreadyOnFile: true });
    const png = await smallPng();
    const added = await api.call('POST', `/petitions/${web.receiptCode}/attachments`, {
      body: {
        verifier: people.web.phone.slice(-4),
        files: [{ name: `${people.web.name}的房屋.png`, bytes: png.byteLength }],
      },
    });
    expect(added.status).toBe(201);
    const [upload] = added.body.uploads;
    const form = new FormData();
    for (const [field, value] of Object.entries(upload.form.fields as Record<string, string>))
      form.append(field, value);
    form.append('file', new Blob([new Uint8Array(png)]), upload.name);
    expect((await fetch(upload.form.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    await api.uploadsChecked();
    const corrected = await api.call('POST', `/cases/${web.caseId}/corrections`, {
      body: { reason: `${people.web.name}來電更正聯絡方式`, ...people.corrected },
      headers: auth.clerk,
    });
    expect(corrected.status).toBe(200);
    expect((await api.call('GET', `/cases/${web.caseId}`, { headers: auth.supervisor })).status).toBe(200);
    // A correction the person asks for (refused, the reason quoting it), and a copy of the file.
    const verifier = people.corrected.phone.slice(-4);
    const asked = await api.call('POST', `/petitions/${web.receiptCode}/data-requests`, {
      body: { verifier, kind: 'correction', phone: people.asked.phone, text: `${people.web.name}換了新號碼` },
    });
    expect(asked.status).toBe(201);
    const answered = await api.call('POST', `/cases/${web.caseId}/data-requests/R001/decision`, {
      headers: auth.clerk,
      body: { granted: false, reason: `新號碼${people.asked.phone}無法核實` },
    });
    expect(answered.status).toBe(200);
    expect(
      (await api.call('POST', `/petitions/${web.receiptCode}/copy`, { body: { verifier } })).status,
    ).toBe(200);
    // Handled to an opinion and its receipt: closed.
    await step(web.caseId, { action: 'accept', plan: `約${people.web.name}面談` });
    await step(web.caseId, { action: 'assign', leadDepartment: 'natres' }, auth.supervisor);
    await signedOpinion(api, web.caseId, auth.natres ?? {}, {
      action: 'issue_opinion',
      ...opinionFields('supported'),
    });
    await step(web.caseId, { action: 'record_receipt', receivedOn: today() });

    // 2. A joint letter with a representative, by post only; not accepted. A routine letter by phone.
    const letter = await api.call('POST', '/cases', {
      headers: auth.clerk,
      body: staffCase({
        petitioner: { name: people.lead.name, address: people.lead.address },
        representatives: [people.representative],
        coSigners: 12,
      }),
    });
    expect(letter.status).toBe(201);
    const joint = letter.body.caseId as string;
    await step(joint, { action: 'not_accept', reason: '已由法院受理' });
    const call = await api.call('POST', '/cases', {
      headers: auth.clerk,
      body: staffCase({ channel: 'phone', petitioner: people.routine, subject: '詢問辦公時間' }),
    });
    const routine = call.body.caseId as string;
    await step(routine, { action: 'not_accept', reason: '一般諮詢，無需辦理', routine: true });

    // 3. Notices: by SMS where there is a phone, by post (signed for by the petitioner) where not.
    const ctx = functionContext();
    await deliverPendingNotices(
      ctx,
      smsDelivery(
        {
          provider: 'tencent',
          signName: '珠泉县信访局',
          appId: '1400006666',
          endpoint: sms.endpoint,
          templates: { registered: '2100001' },
          credentials: async () => SMS_CREDENTIALS,
        },
        { send: async () => ({ method: 'staff_alert' }) },
      ),
    );
    const printQueue = await api.call('GET', '/notices/print-queue', { headers: auth.clerk });
    const posted = printQueue.body.notices.filter((n: { caseId: string }) => n.caseId === joint);
    expect(posted.length).toBeGreaterThan(0);
    for (const notice of posted) {
      const recorded = await api.call('PUT', `/cases/${joint}/notices/${notice.noticeId}/delivery`, {
        headers: auth.clerk,
        body: { method: 'in_person', on: today(), signedBy: people.lead.name },
      });
      expect(recorded.status).toBe(200);
    }
    expect((await bucketKeys()).some((key) => key.includes(web.caseId))).toBe(true);
    const before = await api.allItems();
    expect(before.filter((i) => i.entity === 'idempotency')).toHaveLength(2);
    const itemsBefore = JSON.stringify(before);
    expect(before.some((i) => i.entity === 'smsMessage' || String(i.PK).startsWith('SMSMSG#'))).toBe(true);
    expect(itemsBefore).toContain(people.representative.name);

    // What must go: every value, and every keyed hash the table holds of them.
    const hashes = before.flatMap((item) => [
      ...(String(item.SK).startsWith('PETITIONER#') ? [String(item.SK).slice('PETITIONER#'.length)] : []),
      ...(String(item.PK).startsWith('MATTER#') ? [String(item.PK).slice('MATTER#'.length)] : []),
      ...(item.entity === 'receipt' ? [String(item.verifierHash)] : []),
    ]);
    expect(hashes.length).toBeGreaterThanOrEqual(6);
    const values = [...Object.values(people).flatMap((p) => Object.values(p)), people.web.idNumber];
    const reports = async () => {
      const year = Number(today().slice(0, 4));
      const [summary, annual] = await Promise.all([
        api.call('GET', '/reports/summary', { headers: auth.supervisor }),
        api.call('GET', `/reports/annual/${year}`, { headers: auth.supervisor }),
      ]);
      const { generatedAt: _a, ...figures } = summary.body;
      const { generatedAt: _b, ...yearFigures } = annual.body;
      return { figures, yearFigures };
    };
    const reportsBefore = await reports();

    // 4. A dry run 40 years on changes nothing, and lists what would happen.
    const preview = await api.call(
      'GET',
      `/retention/preview?asOf=${Number(today().slice(0, 4)) + 40}-01-01`,
      {
        headers: auth.archivistA,
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.restricted).toEqual(expect.arrayContaining([web.caseId, joint]));
    expect(preview.body.dueForDisposal.map((d: { caseId: string }) => d.caseId)).toContain(routine);
    expect(JSON.stringify(await api.allItems())).toBe(itemsBefore);

    // 5. Two years and a bit on: restricted, not shown, looked up by an archivist with a reason.
    const restricting = await runRetention(later(3));
    expect(restricting.restricted).toEqual(expect.arrayContaining([web.caseId, joint]));
    const shown = await api.call('GET', `/cases/${web.caseId}`, { headers: auth.supervisor });
    expect(shown.body.personal).toBeUndefined();
    const noReason = await api.call('POST', `/cases/${web.caseId}/restricted-lookup`, {
      headers: auth.archivistA,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const lookedUp = await api.call('POST', `/cases/${web.caseId}/restricted-lookup`, {
      headers: auth.archivistA,
      body: { reason: '法院調閱函 (2029) 1號' },
    });
    expect(lookedUp.status).toBe(200);
    expect(lookedUp.body.personal.petitioner.name).toBe(people.web.name);

    // 6. Thirty-one years on: the lists. A list approved by its generator, approved while a
    // case on it is held, approved twice, a hold on a disposed case: each refused.
    const decide = (listId: string, decision: string, headers: Record<string, string> | undefined) =>
      api.call('POST', `/disposal-lists/${listId}/decision`, { headers, body: { decision } });
    let disposedAll: string[] = [];
    let refusalsChecked = false;
    for (let round = 0; round < 4; round++) {
      const run = await runRetention(later(31));
      disposedAll = [...disposedAll, ...run.disposed];
      const { lists } = (await api.call('GET', '/disposal-lists', { headers: auth.archivistA })).body;
      for (const list of lists.filter((l: { state: string }) => l.state === 'proposed')) {
        if (!refusalsChecked) {
          const heldCase = list.cases[0].caseId;
          const hold = (path: string, reason: string) =>
            api.call('POST', `/cases/${heldCase}/${path}`, { headers: auth.archivistA, body: { reason } });
          expect((await hold('hold', '行政訴訟進行中')).status).toBe(200);
          const whileHeld = await decide(list.listId, 'approved', auth.archivistB);
          expect(whileHeld.status).toBe(409);
          expect(whileHeld.body.error.message.en).toMatch(/on hold/);
          expect((await hold('hold/lifting', '訴訟終結')).status).toBe(200);
          refusalsChecked = true;
        }
        expect((await decide(list.listId, 'approved', auth.archivistB)).status).toBe(200);
        expect((await decide(list.listId, 'approved', auth.archivistB)).status).toBe(409);
      }
    }
    expect(refusalsChecked).toBe(true);
    const last = await runRetention(later(31));
    disposedAll = [...disposedAll, ...last.disposed];
    expect(disposedAll.sort()).toEqual([web.caseId, joint, routine].sort());

    // A list an archivist drew up is approved by another only (nothing is due now: none to draw).
    await expect(drawUpDisposalList(later(31), archivistA)).rejects.toThrow(/No case file is due/);
    const heldAfter = await api.call('POST', `/cases/${web.caseId}/hold`, {
      headers: auth.archivistA,
      body: { reason: '晚到的保全' },
    });
    expect(heldAfter.status).toBe(409);

    // 7. Every item and every object: none of the values, none of their hashes.
    const after = await api.allItems();
    const text = JSON.stringify(after);
    for (const value of [...values, ...hashes]) expect(text, value).not.toContain(value);
    expect(
      after.filter((i) =>
        [
          'idempotency',
          'idempotencyLink',
          'smsMessage',
          'personal',
          'receipt',
          'matter',
          'petitionerLink',
        ].includes(String(i.entity)),
      ),
    ).toEqual([]);
    expect(after.filter((i) => i.entity === 'notice' && i.state !== 'delivered')).toEqual([]);
    const keys = await bucketKeys();
    for (const caseId of [web.caseId, joint, routine]) {
      expect(keys.filter((key) => key.includes(caseId))).toEqual([]);
    }
    // The record of the disposal stays; the matter's figures stay.
    const webCase = after.find((i) => i.PK === `CASE#${web.caseId}` && i.SK === 'CASE');
    expect(webCase).toMatchObject({
      township: 'liushu',
      category: 'land',
      status: 'closed',
      disposed: { approvedBy: 'archivist-b' },
    });
    const timeline = await api.call('GET', `/cases/${web.caseId}/timeline`, { headers: auth.supervisor });
    expect(timeline.body).toMatchObject({ intact: true, firstTampered: null });
    expect(timeline.body.timeline.some((e: { erased?: unknown }) => e.erased)).toBe(true);
    expect(await reports()).toEqual(reportsBefore);

    // 8. A restore from a backup taken before the disposal (point-in-time recovery) brings the
    // people back, and their files; the replay of the approved lists erases them again.
    const lists = after.filter((i) => i.entity === 'disposalList');
    await replaceTable([...before, ...lists]);
    expect(JSON.stringify(await api.allItems())).toContain(people.web.name);
    const replayed = await replayDisposals(later(31));
    expect(replayed.sort()).toEqual([web.caseId, joint, routine].sort());
    const restoredThenReplayed = JSON.stringify(await api.allItems());
    for (const value of [...values, ...hashes]) expect(restoredThenReplayed, value).not.toContain(value);
  });
});
