// Written notices by SMS through each provider's adapter (against its local stand-in, which
// checks the signature), then the provider's delivery report pushed to the secret URL:
// recorded once on the notice; an SMS not received puts the notice in the print queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import { type SmsSettings, smsDelivery } from '../../functions/notices/sms.ts';
import { deliverPendingNotices, type NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';
import { staffCase, uniquePhone } from '../fixtures/petitions.ts';
import { alibabaSmsStub, SMS_CREDENTIALS, type SmsStub, tencentSmsStub } from '../fixtures/sms-providers.ts';
import { type ApiAnswer, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let clerk: Record<string, string>;
let tencent: SmsStub;
let alibaba: SmsStub;
beforeAll(async () => {
  api = await startTestApi();
  clerk = await api.as({ roles: ['clerk'] });
  [tencent, alibaba] = await Promise.all([tencentSmsStub(), alibabaSmsStub()]);
});
afterAll(async () => {
  await Promise.all([tencent.close(), alibaba.close()]);
  await api.close();
});

const staff: NoticeDelivery = { send: async () => ({ method: 'staff_alert' }) };
const settings = (provider: 'tencent' | 'alibaba', stub: SmsStub): SmsSettings => ({
  provider,
  signName: '珠泉县信访局',
  appId: '1400006666',
  endpoint: stub.endpoint,
  templates: { registered: '2100001' },
  credentials: async () => SMS_CREDENTIALS,
});

/** A letter registered and its acknowledgement sent by SMS through the provider. */
async function sentBySms(provider: 'tencent' | 'alibaba', stub: SmsStub) {
  const filed = await api.call('POST', '/cases', {
    headers: clerk,
    body: staffCase({
      petitioner: { name: '王某', phone: uniquePhone() },
      receivedAt: new Date().toISOString(),
    }),
  });
  const before = stub.received.length;
  await deliverPendingNotices(functionContext(), smsDelivery(settings(provider, stub), staff));
  expect(stub.received.length).toBeGreaterThan(before);
  const notice = await acknowledgementOf(filed.body.caseId);
  expect(notice).toMatchObject({
    state: 'delivered',
    delivery: { method: 'sms', providerMessageId: expect.any(String) },
  });
  return notice as { caseId: string; noticeId: string; delivery: { providerMessageId: string } };
}

async function acknowledgementOf(caseId: string) {
  const listed = await api.call('GET', `/cases/${caseId}/notices`, { headers: clerk });
  return listed.body.notices.find((n: { type: string }) => n.type === 'registered');
}

const inPrintQueue = async (noticeId: string, caseId: string) =>
  (await api.call('GET', '/notices/print-queue', { headers: clerk })).body.notices.some(
    (n: { noticeId: string; caseId: string }) => n.noticeId === noticeId && n.caseId === caseId,
  );

const token = () => String(process.env.SMS_REPORT_TOKEN);

describe('delivery reports', () => {
  it('Tencent: a report of an SMS not received is recorded once and puts the notice in the print queue', async () => {
    const notice = await sentBySms('tencent', tencent);
    const report = [
      {
        user_receive_time: '2026-11-29 10:00:00',
        nationcode: '86',
        mobile: '13900000000',
        report_status: 'FAIL',
        errmsg: 'MK:0001',
        description: '用户短信接收失败',
        sid: notice.delivery.providerMessageId,
      },
    ];

    const forged = await api.call(
      'POST',
      '/sms/reports/tencent?token=forged-token-of-the-right-length-00000000',
      {
        body: report,
      },
    );
    expect(forged.status).toBe(404);
    expect((await acknowledgementOf(notice.caseId)).smsReport).toBeUndefined();

    const [first, again] = [
      await api.call('POST', `/sms/reports/tencent?token=${token()}`, { body: report }),
      await api.call('POST', `/sms/reports/tencent?token=${token()}`, { body: report }),
    ];

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ result: 0, errmsg: 'OK' });
    expect(again.body).toEqual({ result: 0, errmsg: 'OK' });
    expect(await acknowledgementOf(notice.caseId)).toMatchObject({
      state: 'to_post',
      smsReport: { status: 'failed', at: '2026-11-29 10:00:00', code: 'MK:0001' },
    });
    expect(await inPrintQueue(notice.noticeId, notice.caseId)).toBe(true);
  });

  it('Alibaba: a report of an SMS received, by the notice it names, is recorded and the notice stays delivered', async () => {
    const notice = await sentBySms('alibaba', alibaba);

    const answer = await api.call('POST', `/sms/reports/alibaba?token=${token()}`, {
      body: [
        {
          phone_number: '13900000000',
          send_time: '2026-11-29 10:00:00',
          report_time: '2026-11-29 10:00:05',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: 'unrelated-biz-id',
          out_id: `${notice.caseId}/${notice.noticeId}`,
        },
      ],
    });

    expect(answer.body).toEqual({ code: 0, msg: '成功' });
    expect(await acknowledgementOf(notice.caseId)).toMatchObject({
      state: 'delivered',
      smsReport: { status: 'received', code: 'DELIVERED' },
    });
    expect(await inPrintQueue(notice.noticeId, notice.caseId)).toBe(false);
  });

  it('answers a missing or wrong token exactly as a route that does not exist, whatever the body', async () => {
    const unknown = await api.call('POST', '/sms/reports/nowhere', { body: [] });
    const asked = [
      await api.call('POST', '/sms/reports/tencent', { body: [] }),
      await api.call('POST', '/sms/reports/alibaba?token=wrong', { body: [{ report_status: 'MAYBE' }] }),
      await api.call('POST', '/sms/reports/tencent?token=wrong', { raw: 'not json' }),
      await api.call('POST', '/sms/reports/tencent?token=wrong', {
        raw: '<xml/>',
        headers: { 'content-type': 'application/xml' },
      }),
    ];
    const volatile = new Set(['date', 'content-length', 'connection', 'keep-alive']);
    const shown = (answer: ApiAnswer) => {
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!volatile.has(name)) headers[name] = value;
      });
      return { status: answer.status, text: answer.text, headers };
    };

    expect(unknown.status).toBe(404);
    for (const answer of asked) expect(shown(answer)).toEqual(shown(unknown));
  });

  it('refuses a malformed report with field messages and records nothing', async () => {
    const answer = await api.call('POST', `/sms/reports/tencent?token=${token()}`, {
      body: [{ report_status: 'MAYBE', sid: '' }],
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.length).toBeGreaterThan(0);
  });
});
