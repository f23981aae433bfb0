// The petitioner's rights over their data through the HTTP API: requests from the status page
// (a wrong verifier counts against the code, as the status does), decided by staff with a
// reason and told in writing, the copy of the file as JSON and PDF, and the report's counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/domain/local-time.ts';
import { regionScript } from '../../shared/domain/region-script.ts';
import { webPetition } from '../fixtures/petitions.ts';
import { assignedPetition, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-li' });
  auth.supervisor = await api.as({ roles: ['supervisor'] });
  auth.natres = await api.as({ roles: ['department'], department: 'natres' });
});
afterAll(async () => {
  await api.close();
});

describe("the petitioner's data rights", () => {
  it('takes a request from the status page, queues it for staff, answers it with a reason, and shows the answer', async () => {
    const { caseId, receiptCode, verifier } = await assignedPetition(api, 'natres', webPetition());
    const ask = (body: Record<string, unknown>) =>
      api.call('POST', `/petitions/${receiptCode}/data-requests`, { body });
    const wrong = await ask({
      verifier: verifier === '0000' ? '1111' : '0000',
      kind: 'deletion',
      text: '請刪除',
    });
    expect(wrong.status).toBe(404);
    const deletionWithPhone = await ask({ verifier, kind: 'deletion', phone: '13900001234', text: '請刪除' });
    expect(deletionWithPhone.status).toBe(400);
    expect(deletionWithPhone.body.error.fields[0]).toMatchObject({ field: 'phone' });
    const noText = await ask({ verifier, kind: 'correction' });
    expect(noText.status).toBe(400);
    expect(noText.body.error.fields[0]).toMatchObject({ field: 'text' });

    const asked = await ask({ verifier, kind: 'correction', phone: '13900001234', text: '電話號碼已更換' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ requestId: 'R001', kind: 'correction' });
    const queue = await api.call('GET', '/cases?view=data-requests', { headers: auth.clerk });
    expect(queue.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const asClerk = await api.call('GET', `/cases/${caseId}`, { headers: auth.clerk });
    expect(asClerk.body.dataRequests[0]).toMatchObject({
      requestId: 'R001',
      asked: { phone: '13900001234', text: '電話號碼已更換' },
    });
    expect(asClerk.body.mayNow).toContain('decide_data_request');
    const asDepartment = await api.call('GET', `/cases/${caseId}`, { headers: auth.natres });
    expect(asDepartment.body.dataRequests[0].asked).toBeNull();

    const refusedByDepartment = await api.call('POST', `/cases/${caseId}/data-requests/R001/decision`, {
      headers: auth.natres,
      body: { granted: true, reason: '已更正' },
    });
    expect(refusedByDepartment.status).toBe(403);
    const decided = await api.call('POST', `/cases/${caseId}/data-requests/R001/decision`, {
      headers: auth.clerk,
      body: { granted: true, reason: '已按新號碼更正聯絡電話' },
    });
    expect(decided.status).toBe(200);
    const again = await api.call('POST', `/cases/${caseId}/data-requests/R001/decision`, {
      headers: auth.clerk,
      body: { granted: false, reason: '再次' },
    });
    expect(again.status).toBe(409);
    const notices = await api.call('GET', `/cases/${caseId}/notices`, { headers: auth.clerk });
    expect(
      notices.body.notices.filter((n: { type: string }) => n.type === 'data_request_decided'),
    ).toHaveLength(1);
    const status = await api.call('GET', `/petitions/${receiptCode}?verifier=${verifier}`);
    expect(status.body.dataRequests).toEqual([
      expect.objectContaining({
        requestId: 'R001',
        decision: { granted: true, reason: '已按新號碼更正聯絡電話', on: expect.any(String) },
      }),
    ]);
    // Never who decided: staff names are the office's.
    expect(JSON.stringify(status.body)).not.toContain('clerk-li');

    // A deletion while the case is handled is refused with the reason.
    await ask({ verifier, kind: 'deletion', text: '請刪除我的信息' });
    const early = await api.call('POST', `/cases/${caseId}/data-requests/R002/decision`, {
      headers: auth.clerk,
      body: { granted: true, reason: '同意' },
    });
    expect(early.status).toBe(409);
    const refused = await api.call('POST', `/cases/${caseId}/data-requests/R002/decision`, {
      headers: auth.clerk,
      body: { granted: false, reason: '案件正在辦理，保管期限未滿（《個人信息保護法》第47條）' },
    });
    expect(refused.status).toBe(200);
  });

  it('gives a copy of the file, as JSON and as a PDF, recorded and counted', async () => {
    const petition = webPetition();
    const { caseId, receiptCode, verifier } = await assignedPetition(api, 'natres', petition);
    const wrong = await api.call('POST', `/petitions/${receiptCode}/copy`, {
      body: { verifier: verifier === '0000' ? '1111' : '0000' },
    });
    expect(wrong.status).toBe(404);
    const copy = await api.call('POST', `/petitions/${receiptCode}/copy`, { body: { verifier } });
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ addressee: petition.petitioner.name, documentNumber: receiptCode });
    // Its Chinese is in the region's script, as every notice quoting the petitioner is.
    expect(copy.body.body.zh).toContain(regionScript('zh-Hans')(petition.description));
    expect(copy.body.body.zh).toContain(petition.petitioner.phone);
    const pdf = await fetch(`${api.url}/petitions/${receiptCode}/copy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body: JSON.stringify({ verifier }),
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const timeline = await api.call('GET', `/cases/${caseId}/timeline`, { headers: auth.supervisor });
    expect(timeline.body.timeline.filter((e: { type: string }) => e.type === 'data_copy_given')).toHaveLength(
      2,
    );
    // The month in the region's zone: the one the copies are counted in.
    const month = localDate(new Date(), 'Asia/Shanghai').slice(0, 7);
    const report = await api.call('GET', `/reports/summary?from=${month}&to=${month}`, {
      headers: auth.supervisor,
    });
    expect(report.body.dataRights.copies.value).toBeGreaterThanOrEqual(2);
  });
});
