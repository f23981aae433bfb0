// Notices function (scheduled): delivers pending notices from the outbox.
import { deliverPendingNotices } from '../../shared/usecases/deliver-notices.ts';
import { functionContext } from '../context.ts';
import { scheduledFunction } from '../scheduled/scheduled-function.ts';
import { fileDelivery, snsDelivery } from './delivery.ts';

const { config } = functionContext();
if (!config.NOTICE_DELIVERY) throw new Error('The notices function needs NOTICE_DELIVERY (file or sns)');
const delivery =
  config.NOTICE_DELIVERY === 'sns'
    ? snsDelivery(config.STAFF_ALERT_TOPIC_ARN as string)
    : fileDelivery(config.NOTICE_OUTBOX_FILE as string);

export const handler = scheduledFunction('deliver-notices', (ctx) => deliverPendingNotices(ctx, delivery));
