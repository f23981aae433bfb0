// SMS through the region's provider (Tencent Cloud or Alibaba Cloud SMS in the mainland): each
// notice type maps to a template the provider approved. The SMS says only that a notice was
// sent and where to read it (the template's own text names the status page), so its
// parameters are the receipt code and the notice's short name: no links, no names, no facts.
import type { Bilingual } from '../errors.ts';
import type { NoticeType } from './procedure-terms.ts';

/** The most characters a parameter may carry (Tencent allows 6-26 by kind, Alibaba 35). */
export const SMS_PARAMETER_MAX = 12;

/** The short name of each notice, as the SMS names it. */
export const SMS_NOTICE_NAMES: Record<NoticeType, Bilingual> = {
  registered: { zh: '登記告知', en: 'registration' },
  repeat_registered: { zh: '登記告知', en: 'registration' },
  linked: { zh: '併案告知', en: 'joined file' },
  transferred: { zh: '轉送告知', en: 'transfer' },
  accepted: { zh: '受理告知', en: 'acceptance' },
  referred: { zh: '不予受理告知', en: 'referral' },
  not_accepted: { zh: '不予受理告知', en: 'non-acceptance' },
  extended: { zh: '延期告知', en: 'extension' },
  progress: { zh: '進展告知', en: 'progress' },
  opinion: { zh: '處理意見書', en: 'opinion' },
  review_opinion: { zh: '復查意見書', en: 'review opinion' },
  re_review_opinion: { zh: '復核意見書', en: 'final opinion' },
  data_request_decided: { zh: '信息請求答覆', en: 'data request' },
};

export interface SmsSummary {
  receiptCode: string;
  notice: Bilingual;
}

/** Why a notice cannot go by SMS (it then goes by post). */
export class SmsTemplateError extends Error {
  override name = 'SmsTemplateError';
}

const LINK = /https?:|www\.|[a-z0-9-]+\.(?:cn|com|net|org|gov)\b/i;

/** The template and its parameters for one notice, checked against the provider's rules. */
export function smsMessage(
  type: string,
  summary: SmsSummary | undefined,
  templates: Readonly<Record<string, string>>,
): { template: string; parameters: { code: string; notice: string } } {
  const template = templates[type];
  if (!template) throw new SmsTemplateError(`No SMS template for notice type ${type}`);
  if (!summary) throw new SmsTemplateError(`Notice type ${type} carries nothing for an SMS`);
  const parameters = { code: summary.receiptCode, notice: summary.notice.zh };
  for (const [name, value] of Object.entries(parameters)) {
    if ([...value].length > SMS_PARAMETER_MAX)
      throw new SmsTemplateError(`SMS parameter ${name} is longer than ${SMS_PARAMETER_MAX}`);
    if (LINK.test(value)) throw new SmsTemplateError(`SMS parameter ${name} looks like a link`);
  }
  return { template, parameters };
}

/** The notice an SMS is about, as the provider carries it back (SessionContext, OutId). */
export const smsReference = (notice: { caseId: string; noticeId: string }) =>
  `${notice.caseId}/${notice.noticeId}`;

export function noticeOfReference(reference: string): { caseId: string; noticeId: string } | undefined {
  const match = /^([\w-]{1,40})\/(\d{6}-[a-z_]{1,30}-\d{1,2})$/.exec(reference);
  return match ? { caseId: match[1] as string, noticeId: match[2] as string } : undefined;
}
