// SMS to petitioners through the region's provider, with the provider's official SDK:
// Tencent Cloud SMS (tencentcloud-sdk-nodejs-sms) or Alibaba Cloud SMS
// (@alicloud/dysmsapi20170525). Credentials come from Secrets Manager ({"id", "key"}); the
// notice's case and id travel as the provider's reference (SessionContext / OutId), which
// its delivery reports carry back. Staff alerts go the way they always did (a topic).
import DysmsapiModule, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { sms as tencentSms } from 'tencentcloud-sdk-nodejs-sms';
import { normalisePhone } from '../../shared/domain/petition.ts';
import { smsMessage, smsReference } from '../../shared/domain/sms-templates.ts';
import type { NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';

export interface SmsCredentials {
  id: string;
  key: string;
}

export interface SmsSettings {
  provider: 'tencent' | 'alibaba';
  signName: string;
  /** Tencent's SmsSdkAppId. */
  appId?: string;
  /** The provider's own region (ap-guangzhou, cn-hangzhou). */
  providerRegion?: string;
  /** host[:port] of the provider's API; a local stub in tests (then over http). */
  endpoint?: string;
  /** Notice type → the provider's approved template. */
  templates: Readonly<Record<string, string>>;
  credentials: () => Promise<SmsCredentials>;
}

interface SmsMessage {
  phone: string;
  template: string;
  parameters: { code: string; notice: string };
  reference: string;
}

/** Sends one SMS; the provider's id of it. */
type Sender = (message: SmsMessage) => Promise<string | undefined>;

// A CommonJS package: Node's loader (and esbuild's bundle) give its module as the default
// import, whose `default` is the client; Vite's gives the client itself.
const Dysmsapi: typeof DysmsapiModule.default =
  typeof DysmsapiModule === 'function' ? DysmsapiModule : DysmsapiModule.default;

const insecure = (endpoint: string | undefined) => endpoint?.startsWith('127.0.0.1:') ?? false;

function tencent(settings: SmsSettings): Sender {
  return async (message) => {
    const { id, key } = await settings.credentials();
    const client = new tencentSms.v20210111.Client({
      credential: { secretId: id, secretKey: key },
      region: settings.providerRegion ?? 'ap-guangzhou',
      profile: {
        httpProfile: {
          endpoint: settings.endpoint ?? 'sms.tencentcloudapi.com',
          ...(insecure(settings.endpoint) && { protocol: 'http://' }),
        },
      },
    });
    const answer = await client.SendSms({
      PhoneNumberSet: [`+86${message.phone}`],
      SmsSdkAppId: settings.appId ?? '',
      SignName: settings.signName,
      TemplateId: message.template,
      // Tencent's templates number their parameters: {1} the receipt code, {2} the notice.
      TemplateParamSet: [message.parameters.code, message.parameters.notice],
      SessionContext: message.reference,
    });
    const status = answer.SendStatusSet?.[0];
    if (status?.Code !== 'Ok')
      throw new Error(`Tencent Cloud SMS refused: ${status?.Code} ${status?.Message}`);
    return status.SerialNo;
  };
}

function alibaba(settings: SmsSettings): Sender {
  return async (message) => {
    const { id, key } = await settings.credentials();
    const client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: id,
        accessKeySecret: key,
        endpoint: settings.endpoint ?? 'dysmsapi.aliyuncs.com',
        regionId: settings.providerRegion ?? 'cn-hangzhou',
        ...(insecure(settings.endpoint) && { protocol: 'HTTP' }),
      }),
    );
    const answer = await client.sendSms(
      new SendSmsRequest({
        phoneNumbers: message.phone,
        signName: settings.signName,
        templateCode: message.template,
        // Alibaba's templates name their parameters: ${code}, ${notice}.
        templateParam: JSON.stringify(message.parameters),
        outId: message.reference,
      }),
    );
    if (answer.body?.code !== 'OK')
      throw new Error(`Alibaba Cloud SMS refused: ${answer.body?.code} ${answer.body?.message}`);
    return answer.body.bizId;
  };
}

/** Petitioners' notices by the provider's SMS; staff alerts through `staff`. */
export function smsDelivery(settings: SmsSettings, staff: NoticeDelivery): NoticeDelivery {
  const send = settings.provider === 'tencent' ? tencent(settings) : alibaba(settings);
  return {
    async send(notice) {
      const { recipient } = notice;
      if (recipient.kind !== 'petitioner') return staff.send(notice);
      if (!recipient.phone) throw new Error(`Notice ${notice.noticeId} has no phone: it goes by post`);
      const { template, parameters } = smsMessage(notice.type, notice.sms, settings.templates);
      const providerMessageId = await send({
        phone: normalisePhone(recipient.phone),
        template,
        parameters,
        reference: smsReference(notice),
      });
      return { method: 'sms', ...(providerMessageId && { providerMessageId }) };
    },
  };
}
