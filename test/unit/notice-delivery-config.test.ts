// The notices function parses only its own slice of the configuration, and each way of
// delivering is whole or refused at cold start: no provider or sign name is made up.
import { describe, expect, it } from 'vitest';
import { noticeDeliveryConfig } from '../../shared/config.ts';

const sms = {
  NOTICE_DELIVERY: 'sms',
  STAFF_ALERT_TOPIC_ARN: 'arn:aws-cn:sns:cn-north-1:111111111111:StaffAlerts',
  SMS_PROVIDER: 'alibaba',
  SMS_SIGN_NAME: '珠泉县信访局',
  SMS_TEMPLATES: '{"registered":"SMS_1"}',
  SMS_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:111111111111:secret:SmsCredentials',
};

describe("the notices function's configuration", () => {
  it('takes a whole way of delivering, with its templates parsed', () => {
    expect(noticeDeliveryConfig(sms)).toMatchObject({
      SMS_PROVIDER: 'alibaba',
      SMS_TEMPLATES: { registered: 'SMS_1' },
    });
    expect(
      noticeDeliveryConfig({ NOTICE_DELIVERY: 'file', NOTICE_OUTBOX_FILE: '/tmp/outbox.jsonl' }),
    ).toEqual({
      NOTICE_DELIVERY: 'file',
      NOTICE_OUTBOX_FILE: '/tmp/outbox.jsonl',
    });
  });

  it('refuses SMS without its provider or sign name (there is no default provider), and no way at all', () => {
    const { SMS_PROVIDER: _, ...noProvider } = sms;
    const { SMS_SIGN_NAME: __, ...noSign } = sms;

    expect(() => noticeDeliveryConfig(noProvider)).toThrow(/SMS_PROVIDER/);
    expect(() => noticeDeliveryConfig(noSign)).toThrow(/SMS_SIGN_NAME/);
    expect(() => noticeDeliveryConfig({})).toThrow(/NOTICE_DELIVERY/);
  });

  it('refuses SNS without the staff-alert topic', () => {
    expect(() => noticeDeliveryConfig({ NOTICE_DELIVERY: 'sns' })).toThrow(/STAFF_ALERT_TOPIC_ARN/);
  });
});
