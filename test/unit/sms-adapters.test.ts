// The SMS adapters with the providers' official SDKs, against local stand-ins that check each
// request's signature as the provider documents it and answer as the provider does: the
// notice's template, parameters (receipt code and the notice's name, no link) and reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmsSettings, smsDelivery } from '../../functions/notices/sms.ts';
import { channelFor, type Notice } from '../../shared/domain/notices.ts';
import { SMS_NOTICE_NAMES, SmsTemplateError, smsMessage } from '../../shared/domain/sms-templates.ts';
import type { NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';
import { alibabaSmsStub, SMS_CREDENTIALS, type SmsStub, tencentSmsStub } from '../fixtures/sms-providers.ts';

const TEMPLATES = { registered: '1110001', accepted: 'SMS_154950909' };

const notice = (overrides: Partial<Notice> = {}): Notice => ({
  noticeId: '000004-accepted-0',
  caseId: '20261129-ABCDEFGH',
  type: 'accepted',
  recipient: { kind: 'petitioner', name: '王某', phone: '139 1234 5678' },
  text: { zh: '您於……已受理。', en: 'Accepted.' },
  state: 'pending',
  attempts: 0,
  createdAt: '2026-11-29T01:00:00.000Z',
  sms: { receiptCode: 'GMRR-JKR-4DW', notice: { zh: '受理告知', en: 'acceptance' } },
  ...overrides,
});

const staffSent: Notice[] = [];
const staff: NoticeDelivery = {
  async send(n) {
    staffSent.push(n);
    return { method: 'staff_alert' };
  },
};

const providers = [
  {
    provider: 'tencent' as const,
    start: tencentSmsStub,
    phone: '+8613912345678',
    parameters: ['GMRR-JKR-4DW', '受理告知'],
  },
  {
    provider: 'alibaba' as const,
    start: alibabaSmsStub,
    phone: '13912345678',
    parameters: { code: 'GMRR-JKR-4DW', notice: '受理告知' },
  },
];

describe.each(providers)('SMS through $provider', ({ provider, start, phone, parameters }) => {
  let stub: SmsStub;
  let settings: SmsSettings;
  beforeAll(async () => {
    stub = await start();
    settings = {
      provider,
      signName: '珠泉县信访局',
      appId: '1400006666',
      endpoint: stub.endpoint,
      templates: TEMPLATES,
      credentials: async () => SMS_CREDENTIALS,
    };
  });
  afterAll(() => stub.close());

  it('sends the notice’s template with a valid signature, its parameters and the notice as reference', async () => {
    const sent = await smsDelivery(settings, staff).send(notice());

    expect(sent).toEqual({ method: 'sms', providerMessageId: expect.any(String) });
    expect(stub.received.at(-1)).toEqual({
      phone,
      signName: '珠泉县信访局',
      template: 'SMS_154950909',
      parameters,
      reference: '20261129-ABCDEFGH/000004-accepted-0',
      signatureValid: true,
    });
  });

  it('fails when the provider refuses the signature or the template, so the notice is tried again, then posted', async () => {
    const before = stub.received.length;
    const wrongKey = smsDelivery(
      { ...settings, credentials: async () => ({ ...SMS_CREDENTIALS, key: 'wrong' }) },
      staff,
    );
    await expect(wrongKey.send(notice())).rejects.toThrow();
    expect(stub.received.length).toBe(before);

    stub.refuseNext();
    await expect(smsDelivery(settings, staff).send(notice())).rejects.toThrow(/refused/);
  });

  it('sends staff alerts the staff way, never by the provider', async () => {
    const before = stub.received.length;
    const alert = notice({
      recipient: { kind: 'staff', to: 'role:supervisor', name: { zh: '督辦', en: 'Supervisor' } },
    });

    expect(await smsDelivery(settings, staff).send(alert)).toEqual({ method: 'staff_alert' });
    expect(stub.received.length).toBe(before);
    expect(staffSent.at(-1)?.noticeId).toBe(alert.noticeId);
  });
});

describe('the template registry', () => {
  it('names every notice a petitioner gets within the length a parameter may have', () => {
    for (const name of Object.values(SMS_NOTICE_NAMES)) expect([...name.zh].length).toBeLessThanOrEqual(12);
  });

  it('refuses a notice without a template, without an SMS summary, too long, or carrying a link', () => {
    const summary = { receiptCode: 'GMRR-JKR-4DW', notice: { zh: '受理告知', en: '' } };
    expect(() => smsMessage('opinion', summary, TEMPLATES)).toThrow(SmsTemplateError);
    expect(() => smsMessage('accepted', undefined, TEMPLATES)).toThrow(SmsTemplateError);
    expect(() =>
      smsMessage('accepted', { ...summary, notice: { zh: '一二三四五六七八九十一二三', en: '' } }, TEMPLATES),
    ).toThrow(/longer/);
    expect(() => smsMessage('accepted', { ...summary, receiptCode: 'x.gov.cn/a' }, TEMPLATES)).toThrow(
      /link/,
    );
    expect(smsMessage('accepted', summary, TEMPLATES)).toEqual({
      template: 'SMS_154950909',
      parameters: { code: 'GMRR-JKR-4DW', notice: '受理告知' },
    });
  });
});

describe('the region’s channels, in order', () => {
  const withPhone = notice();
  const withoutPhone = notice({ recipient: { kind: 'petitioner', name: '王某', address: '柳树村' } });

  it('sends by SMS when there is a phone and SMS comes before post; else by post', () => {
    expect(channelFor(withPhone)).toBe('sms');
    expect(channelFor(withoutPhone)).toBe('post');
    expect(channelFor(withPhone, ['inbox', 'post', 'sms'])).toBe('post');
    expect(channelFor(withPhone, ['inbox', 'post'])).toBe('post');
    expect(
      channelFor(notice({ recipient: { kind: 'staff', to: 'role:supervisor', name: { zh: '', en: '' } } })),
    ).toBe('staff');
  });
});
