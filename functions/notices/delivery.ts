// Delivery adapters behind the NoticeDelivery port: a local file (npm start, tests) and
// Amazon SNS on AWS (SMS to petitioners; a staff-alert topic for escalations). The SNS
// adapter is never called in tests. Notices without a phone never reach an adapter: they
// go to the print queue.
import { appendFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { normalisePhone } from '../../shared/domain/petition.ts';
import type { NoticeDelivery } from '../../shared/usecases/deliver-notices.ts';

/** Appends each notice as a JSON line to a file: the stand-in for SMS and staff alerts. */
export function fileDelivery(file: string): NoticeDelivery {
  return {
    async send(notice) {
      // Notices carry names and phones: the file is the owner's alone.
      await appendFile(file, `${JSON.stringify(notice)}\n`, { encoding: 'utf8', mode: 0o600 });
      return { method: 'local_file' as const };
    },
  };
}

/** SMS in Chinese to a petitioner's mobile (E.164, mainland +86); staff alerts to a topic. */
export function snsDelivery(staffAlertTopicArn: string, client = new SNSClient({})): NoticeDelivery {
  return {
    async send(notice) {
      const { recipient } = notice;
      if (recipient.kind === 'petitioner') {
        if (!recipient.phone) throw new Error(`Notice ${notice.noticeId} has no phone: it goes by post`);
        const { MessageId } = await client.send(
          new PublishCommand({
            PhoneNumber: `+86${normalisePhone(recipient.phone)}`,
            Message: notice.text.zh,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            },
          }),
        );
        return { method: 'sms' as const, ...(MessageId && { providerMessageId: MessageId }) };
      }
      await client.send(
        new PublishCommand({
          TopicArn: staffAlertTopicArn,
          Subject: `petition-desk ${notice.type} ${notice.caseId}`,
          Message: `${notice.text.zh}\n\n${notice.text.en}`,
          MessageAttributes: { to: { DataType: 'String', StringValue: recipient.to } },
        }),
      );
      return { method: 'staff_alert' as const };
    },
  };
}
