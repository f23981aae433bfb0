// Tencent Cloud SMS with its official SDK (tencentcloud-sdk-nodejs-sms): the notice's case and
// id travel as SessionContext; the SMS's SerialNo is the provider's id of it.
import { sms as tencentSms } from 'tencentcloud-sdk-nodejs-sms';
import { insecure, type Sender, type SmsSettings } from './sms-sender.ts';

export function tencent(settings: SmsSettings): Sender {
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
