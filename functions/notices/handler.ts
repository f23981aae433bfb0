// Notices function (scheduled): delivers pending notices from the outbox, by the channel the
// deployment names: a local file, SMS through SNS, or SMS through the region's provider.
import * as z from 'zod/mini';
import { type NoticeDeliveryConfig, noticeDeliveryConfig } from '../../shared/config.ts';
import { deliverPendingNotices, type NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';
import { secretReader } from '../aws/secrets.ts';
import { scheduledFunction } from '../scheduled/scheduled-function.ts';
import { fileDelivery, snsDelivery } from './delivery.ts';
import { type SmsCredentials, smsDelivery } from './sms.ts';

const keyPair = z.object({ id: z.string().check(z.minLength(1)), key: z.string().check(z.minLength(1)) });

/** The provider's key pair, read once per container (again after a failed read). */
function providerCredentials(secretArn: string): () => Promise<SmsCredentials> {
  const read = secretReader(secretArn);
  let kept: Promise<SmsCredentials> | undefined;
  return () => {
    kept ??= read()
      .then((json) => keyPair.parse(JSON.parse(json)))
      .catch((error: unknown) => {
        kept = undefined;
        throw error;
      });
    return kept;
  };
}

function deliveryOf(config: NoticeDeliveryConfig): NoticeDelivery {
  switch (config.NOTICE_DELIVERY) {
    case 'file':
      return fileDelivery(config.NOTICE_OUTBOX_FILE);
    case 'sns':
      return snsDelivery(config.STAFF_ALERT_TOPIC_ARN);
    case 'sms':
      return smsDelivery(
        {
          provider: config.SMS_PROVIDER,
          signName: config.SMS_SIGN_NAME,
          ...(config.SMS_APP_ID && { appId: config.SMS_APP_ID }),
          ...(config.SMS_PROVIDER_REGION && { providerRegion: config.SMS_PROVIDER_REGION }),
          templates: config.SMS_TEMPLATES,
          credentials: providerCredentials(config.SMS_SECRET_ARN),
        },
        // Staff alerts still go to the topic (SNS topics exist in every partition).
        snsDelivery(config.STAFF_ALERT_TOPIC_ARN),
      );
  }
}

const delivery = deliveryOf(noticeDeliveryConfig());

export const handler = scheduledFunction('deliver-notices', (ctx) => deliverPendingNotices(ctx, delivery));
