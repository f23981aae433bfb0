// Alibaba Cloud SMS with its official SDK (@alicloud/dysmsapi20170525): the notice's case and
// id travel as OutId; the SMS's BizId is the provider's id of it.
import DysmsapiModule, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { insecure, type Sender, type SmsSettings } from './sms-sender.ts';

// A CommonJS package: Node's loader (and esbuild's bundle) give its module as the default
// import, whose `default` is the client; Vite's gives the client itself.
const Dysmsapi: typeof DysmsapiModule.default =
  typeof DysmsapiModule === 'function' ? DysmsapiModule : DysmsapiModule.default;

export function alibaba(settings: SmsSettings): Sender {
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
