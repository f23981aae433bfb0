// Delivery adapters behind the NoticeDelivery port: a local file (npm start, tests) and SMS
// through Amazon SNS (AWS). The SNS adapter is never called in tests.
import { appendFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { normalisePhone } from '../../shared/domain/petition.ts';
import type { NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';

/** Appends each notice as a JSON line to a file: what a clerk would print and post. */
export function fileDelivery(file: string): NoticeDelivery {
  return {
    async send(notice) {
      await appendFile(file, `${JSON.stringify(notice)}\n`, 'utf8');
    },
  };
}

/** SMS in Chinese to the recipient's mobile number (E.164, mainland +86). */
export function snsSmsDelivery(client = new SNSClient({})): NoticeDelivery {
  return {
    async send(notice) {
      await client.send(
        new PublishCommand({
          PhoneNumber: `+86${normalisePhone(notice.recipient.phone)}`,
          Message: notice.text.zh,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
    },
  };
}
