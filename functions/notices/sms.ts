// SMS to petitioners through the region's provider, with the provider's official SDK:
// Tencent Cloud SMS (sms-tencent.ts) or Alibaba Cloud SMS (sms-alibaba.ts). Credentials come
// from Secrets Manager ({"id", "key"}); the notice's case and id travel as the provider's
// reference, which its delivery reports carry back. Staff alerts go the way they always did
// (a topic).
import { normalisePhone } from '../../shared/domain/petition.ts';
import { smsMessage, smsReference } from '../../shared/domain/sms-templates.ts';
import type { NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';
import type { Sender, SmsSettings } from './sms-sender.ts';

export type { SmsCredentials, SmsSettings } from './sms-sender.ts';

/**
 * The provider's adapter, loaded when the first SMS goes. A deployment's bundle holds its own
 * provider's SDK only: the build defines process.env.SMS_PROVIDER_BUNDLED (the provider, or
 * `none`), which leaves the other branches dead; unset (the local stack, tests), all are here.
 */
async function senderFor(settings: SmsSettings): Promise<Sender> {
  if (
    (process.env.SMS_PROVIDER_BUNDLED === undefined || process.env.SMS_PROVIDER_BUNDLED === 'tencent') &&
    settings.provider === 'tencent'
  )
    return (await import('./sms-tencent.ts')).tencent(settings);
  if (
    (process.env.SMS_PROVIDER_BUNDLED === undefined || process.env.SMS_PROVIDER_BUNDLED === 'alibaba') &&
    settings.provider === 'alibaba'
  )
    return (await import('./sms-alibaba.ts')).alibaba(settings);
  throw new Error(`This bundle has no SMS adapter for ${settings.provider}`);
}

/** Petitioners' notices by the provider's SMS; staff alerts through `staff`. */
export function smsDelivery(settings: SmsSettings, staff: NoticeDelivery): NoticeDelivery {
  let sender: Promise<Sender> | undefined;
  return {
    async send(notice) {
      const { recipient } = notice;
      if (recipient.kind !== 'petitioner') return staff.send(notice);
      if (!recipient.phone) throw new Error(`Notice ${notice.noticeId} has no phone: it goes by post`);
      const { template, parameters } = smsMessage(notice.type, notice.sms, settings.templates);
      sender ??= senderFor(settings);
      const providerMessageId = await (await sender)({
        phone: normalisePhone(recipient.phone),
        template,
        parameters,
        reference: smsReference(notice),
      });
      return { method: 'sms', ...(providerMessageId && { providerMessageId }) };
    },
  };
}
