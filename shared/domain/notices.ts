// Notices to the petitioner (書面告知): one per step the regulation says they must be told
// about, in Chinese with an English template, to the petitioner and every representative.

import type { Bilingual } from '../errors.ts';
import { NOTICE_CHANNELS, type NoticeChannel, type RegionConfig } from '../region.ts';
import {
  type CaseFile,
  currentDeadlines,
  localDateOf,
  type OpinionRecord,
  type PersonalRecord,
} from './case.ts';
import { decisionText } from './data-rights.ts';
import { isPlaceholderPhone } from './petition.ts';
import {
  type NoticeType,
  OUTCOME_LABELS,
  PROCEDURE_LABELS,
  STAGE_LABELS,
  type StaffNoticeType,
} from './procedure-terms.ts';
import { SMS_NOTICE_NAMES, type SmsSummary } from './sms-templates.ts';
import { inboxDepartments } from './work-queues.ts';

export { OUTCOME_LABELS };

/** A petitioner or representative (by SMS, else by post), or staff (a department, an official, a role). */
export type Recipient =
  | { kind: 'petitioner'; name: string; phone?: string; address?: string }
  | { kind: 'staff'; to: string; name: Bilingual };

export interface Notice {
  noticeId: string;
  caseId: string;
  type: NoticeType | StaffNoticeType | 'escalation';
  recipient: Recipient;
  text: Bilingual;
  /** Pending in the outbox; to post (in the print queue: no phone, or an SMS that failed); delivered. */
  state: 'pending' | 'to_post' | 'delivered';
  attempts: number;
  /** While a deliverer holds it (it sends it): other deliverers leave it until then. */
  claimedUntil?: string;
  createdAt: string;
  deliveredAt?: string;
  /** A written notice's document number and date, given once when it is first issued. */
  document?: DocumentIssue;
  /** The leader who signed the opinion off, printed on its document. */
  signedBy?: { name: string; title: Bilingual };
  /** The case's files the notice encloses (附件): an opinion's, named as they were uploaded. */
  enclosures?: Array<{ attachmentId: string; name: string }>;
  /** How it reached the addressee, as recorded (by the delivery run, or by the clerk who posted it). */
  delivery?: Delivery;
  /** What an SMS of a petitioner's notice may say: the receipt code and the notice's short name. */
  sms?: SmsSummary;
  /** The provider's delivery report of the SMS, once it came. */
  smsReport?: SmsReport;
}

/** A written notice as issued: its number, date and the check code printed on it (none before codes existed). */
export interface DocumentIssue {
  number: string;
  issuedOn: string;
  checkCode?: string;
}

export const DELIVERY_METHODS = ['sms', 'post', 'in_person', 'staff_alert', 'local_file'] as const;

export interface Delivery {
  method: (typeof DELIVERY_METHODS)[number];
  on: string;
  /** The postal tracking number (registered mail, EMS). */
  trackingNumber?: string;
  /** Who signed for it, handed over in person. */
  signedBy?: string;
  recordedBy: string;
  recordedAt: string;
  /** The provider's id of the SMS (Tencent's SerialNo, Alibaba's BizId): its delivery report names it. */
  providerMessageId?: string;
}

/** What the SMS provider reported of a sent SMS: received, or not (the notice is then posted). */
export interface SmsReport {
  status: 'received' | 'failed';
  at: string;
  code: string;
}

/** How to check progress: with a phone's last four digits online, else at the bureau. */
const CHECK_ONLINE: Bilingual = {
  zh: '可憑回執碼和聯絡電話末四位在網上查詢辦理進度；未留電話的，請攜帶本告知到信訪局查詢。',
  en: 'Check progress online with the receipt code and the last 4 digits of your phone; without a phone, bring this notice to the petition bureau.',
};

/**
 * Staff's or a petitioner's words set inside a sentence of the notice: their own closing mark
 * gives way to the one the sentence puts after them ("核查情况。" + "。" read "。。").
 */
export function quoted(text: string | undefined): string {
  return (text ?? '').trim().replace(/[\s。．.，,；;：:、]+$/u, '');
}

/** The opinion a notice of that opinion tells: the step that sends it has just recorded it. */
function recorded(opinion: OpinionRecord | undefined, notice: string): OpinionRecord {
  if (!opinion) throw new Error(`A ${notice} notice of a case without that opinion`);
  return opinion;
}

function opinionText(o: OpinionRecord): Bilingual {
  const outcome = OUTCOME_LABELS[o.outcome];
  return {
    zh: `信訪請求：${quoted(o.request)}。事實和理由：${quoted(o.facts)}；${quoted(o.reasons)}。處理意見：${quoted(o.opinion)}。依據：${quoted(o.legalBasis)}。結論：${outcome.zh}。`,
    en: `Request: ${quoted(o.request)}. Facts and reasons: ${quoted(o.facts)}; ${quoted(o.reasons)}. Opinion: ${quoted(o.opinion)}. Legal basis: ${quoted(o.legalBasis)}. Outcome: ${outcome.en}.`,
  };
}

/**
 * Where the matter stands (進展告知), from the deadline the check just marked: its stage, who
 * holds it, the date owed and the article; late, it says so and that the bureau is pressing.
 */
function progressText(
  caseFile: CaseFile,
  head: Bilingual,
  department: Bilingual | undefined,
  region: RegionConfig,
): Bilingual {
  const marked = currentDeadlines(caseFile).filter((d) =>
    d.escalated?.some((m) => m === 'late' || m === 'halfway'),
  );
  const deadline = marked.find((d) => d.escalated?.includes('late')) ?? marked[0];
  if (!deadline) return { zh: `${head.zh}仍在辦理中。`, en: `${head.en} is still being handled.` };
  const stage = STAGE_LABELS[deadline.stage] ?? { zh: deadline.stage, en: deadline.stage };
  const holder = deadline.stage === 'handle' && department ? department : issuingBureau(region);
  const where = {
    zh: `${head.zh}目前處於「${stage.zh}」階段，由${holder.zh}辦理。`,
    en: `${head.en} is at the stage of ${stage.en}, held by ${holder.en}.`,
  };
  return deadline.escalated?.includes('late')
    ? {
        zh: `${where.zh}法定期限${deadline.dueDate}已過，尚未辦結；本局已督促辦理，辦結後將即告知您（${deadline.article}）。`,
        en: `${where.en} Its deadline of ${deadline.dueDate} has passed without an answer; the bureau is pressing for it and will tell you as soon as it is done (${deadline.article}).`,
      }
    : {
        zh: `${where.zh}辦理期限已過半，預計於${deadline.dueDate}前出具意見（${deadline.article}）。`,
        en: `${where.en} Half of its period has passed; the answer is due by ${deadline.dueDate} (${deadline.article}).`,
      };
}

/** The organ that issues the notices: the region's petition bureau. */
export function issuingBureau(region: RegionConfig): Bilingual {
  return { zh: `${region.region.name.zh}信訪局`, en: `${region.region.name.en} Petition Bureau` };
}

/** The body of a notice of the given type, from the case as it stands after the step. */
export function noticeText(type: NoticeType, caseFile: CaseFile, region: RegionConfig): Bilingual {
  const head = {
    zh: `您於${localDateOf(caseFile.receivedAt, region)}提出的信訪事項「${caseFile.subject}」（回執碼 ${caseFile.receiptCode}）`,
    en: `Your petition "${caseFile.subject}" of ${localDateOf(caseFile.receivedAt, region)} (receipt code ${caseFile.receiptCode})`,
  };
  const handle = caseFile.deadlines.handle;
  const register = caseFile.deadlines.register;
  const department = region.departments.find((d) => d.code === caseFile.handlingDepartment)?.name;
  switch (type) {
    case 'registered':
    case 'repeat_registered': {
      const joined =
        type === 'repeat_registered'
          ? {
              zh: '與您此前反映的同一事項合併辦理，',
              en: ' joins the file of the same matter you raised before;',
            }
          : { zh: '', en: '' };
      return {
        zh: `${head.zh}已登記，${joined.zh}請妥善保存回執碼。${CHECK_ONLINE.zh}${register ? `將於${register.dueDate}前告知是否受理（${register.article}）。` : ''}`,
        en: `${head.en} is registered;${joined.en} keep the receipt code. ${CHECK_ONLINE.en}${register ? ` You will be told whether it is accepted by ${register.dueDate} (${register.article}).` : ''}`,
      };
    }
    case 'linked': {
      const into = caseFile.linkedInto;
      return {
        zh: `${head.zh}與案件 ${into?.caseId}（回執碼 ${into?.receiptCode}）屬同一事項，已併入該案統一辦理，原期限不再單獨計算；辦理結果將一併告知。`,
        en: `${head.en} is the same matter as case ${into?.caseId} (receipt code ${into?.receiptCode}) and now joins that file; its own deadlines no longer run, and you will be told the outcome of that file.`,
      };
    }
    case 'transferred':
      return {
        zh: `${head.zh}已交${department?.zh ?? caseFile.handlingDepartment}辦理（《信訪工作條例》第23條），處理意見將於${handle?.dueDate}前出具（${handle?.article}）。`,
        en: `${head.en} was assigned to ${department?.en ?? caseFile.handlingDepartment} for handling (art. 23); the handling opinion is due by ${handle?.dueDate} (${handle?.article}).`,
      };
    case 'accepted':
      return {
        zh: `${head.zh}已受理。辦理方式：${quoted(caseFile.acceptance?.plan)}。將於${handle?.dueDate}前出具處理意見（${handle?.article}）。`,
        en: `${head.en} has been accepted. How it will be handled: ${quoted(caseFile.acceptance?.plan)}. A handling opinion is due by ${handle?.dueDate} (${handle?.article}).`,
      };
    case 'referred': {
      const r = caseFile.referredTo;
      const procedure = PROCEDURE_LABELS[r?.procedure ?? 'other_body'] as Bilingual;
      return {
        zh: `${head.zh}屬於${procedure.zh}等法定途徑解決的事項，不作為信訪事項受理。請向${r?.where}提出。理由：${quoted(r?.reason)}。`,
        en: `${head.en} belongs to ${procedure.en} and is not handled as a petition. Please turn to ${r?.where}. Reason: ${quoted(r?.reason)}.`,
      };
    }
    case 'not_accepted':
      return {
        zh: `${head.zh}不予受理。理由：${quoted(caseFile.notAccepted?.reason)}。`,
        en: `${head.en} was not accepted. Reason: ${quoted(caseFile.notAccepted?.reason)}.`,
      };
    case 'extended':
      return {
        zh: `${head.zh}的辦理期限經批准延長${caseFile.extension?.days}日，至${handle?.dueDate}。延期理由：${quoted(caseFile.extension?.reason)}（${handle?.article}）。`,
        en: `The handling period of ${head.en} was extended by ${caseFile.extension?.days} days, to ${handle?.dueDate}. Reason: ${quoted(caseFile.extension?.reason)} (${handle?.article}).`,
      };
    case 'opinion': {
      const body = opinionText(recorded(caseFile.opinion, type));
      return {
        zh: `${head.zh}的處理意見書。${body.zh}如不服本意見，可自收到之日起30日內請求原辦理機關的上一級機關復查（《信訪工作條例》第35條）。`,
        en: `Handling opinion on ${head.en}. ${body.en} If you disagree, you may ask the next higher body for a review within 30 days of receiving this opinion (art. 35).`,
      };
    }
    case 'review_opinion': {
      const review = recorded(caseFile.reviewOpinion, type);
      const body = opinionText(review);
      return {
        zh: `${head.zh}經${review.decidedBy}復查，復查意見如下。${body.zh}如不服，可自收到之日起30日內請求復核（《信訪工作條例》第36條）。`,
        en: `Review opinion of ${review.decidedBy} on ${head.en}. ${body.en} If you disagree, you may ask for a re-review within 30 days of receiving it (art. 36).`,
      };
    }
    case 'data_request_decided':
      return decisionText(caseFile);
    case 'progress':
      return progressText(caseFile, head, department, region);
    case 're_review_opinion': {
      const reReview = recorded(caseFile.reReviewOpinion, type);
      const body = opinionText(reReview);
      return {
        zh: `${head.zh}經${reReview.decidedBy}復核，復核意見如下。${body.zh}本復核意見為最終意見；以同一事實和理由再提出的，不再受理（《信訪工作條例》第36條）。`,
        en: `Re-review opinion of ${reReview.decidedBy} on ${head.en}. ${body.en} This re-review opinion is final; the same facts and reasons will not be accepted again (art. 36).`,
      };
    }
  }
}

/** Staff notices: the department of an assignment or a case sent back, the supervisors of a request. */
export function staffNotices(
  type: StaffNoticeType,
  caseFile: CaseFile,
  region: RegionConfig,
  at: string,
): Notice[] {
  const case_ = {
    zh: `案件 ${caseFile.caseId}「${caseFile.subject}」`,
    en: `Case ${caseFile.caseId} "${caseFile.subject}"`,
  };
  const handle = caseFile.deadlines.handle;
  const departments: Recipient[] = inboxDepartments(caseFile).flatMap((code) => {
    const department = region.departments.find((d) => d.code === code);
    return department ? [{ kind: 'staff' as const, to: `department:${code}`, name: department.name }] : [];
  });
  const texts: Record<StaffNoticeType, { to: Recipient[]; text: Bilingual }> = {
    assigned: {
      to: departments,
      text: {
        zh: `${case_.zh}已交辦貴單位，請及時簽收；處理意見須於${handle?.dueDate}前出具（${handle?.article}）。`,
        en: `${case_.en} was assigned to your department: please acknowledge it; the handling opinion is due by ${handle?.dueDate} (${handle?.article}).`,
      },
    },
    sent_back: {
      to: departments,
      text: {
        zh: `${case_.zh}經回訪退回重辦，須於${handle?.dueDate}前重新出具處理意見。`,
        en: `${case_.en} was sent back after a follow-up; a new handling opinion is due by ${handle?.dueDate}.`,
      },
    },
    extension_requested: {
      to: [{ kind: 'staff', to: 'role:supervisor', name: { zh: '信訪局督查督辦', en: 'Bureau supervisor' } }],
      text: {
        zh: `${case_.zh}的承辦單位申請延期${caseFile.extensionRequest?.days}日，請於${handle?.dueDate}前審批。`,
        en: `${case_.en}: the handling department asks for ${caseFile.extensionRequest?.days} more days; decide by ${handle?.dueDate}.`,
      },
    },
  };
  const { to, text } = texts[type];
  return to.map((recipient, i) => ({
    noticeId: `${String(caseFile.eventSeq).padStart(6, '0')}-${type}-${i}`,
    caseId: caseFile.caseId,
    type,
    recipient,
    text,
    state: 'pending' as const,
    attempts: 0,
    createdAt: at,
  }));
}

/**
 * How a notice goes out: to staff by their channel; to a petitioner by the first of the
 * region's channels after the inbox (the status page, which every notice reaches) that can
 * carry it: SMS needs a phone, post takes any.
 */
export function channelFor(
  notice: Pick<Notice, 'recipient'>,
  channels: readonly NoticeChannel[] = NOTICE_CHANNELS,
): 'staff' | 'sms' | 'post' {
  if (notice.recipient.kind === 'staff') return 'staff';
  const phone = Boolean(notice.recipient.phone);
  return channels.find((c) => c === 'post' || (c === 'sms' && phone)) === 'sms' ? 'sms' : 'post';
}

/** A notice's id without its recipient: the petitioner's copy and each representative's share it. */
export const copiesKey = (noticeId: string) => noticeId.slice(0, noticeId.lastIndexOf('-'));

/** Every notice goes to the petitioner and to each representative of a joint petition. */
/** An opinion's notice names the leader who signed the opinion off. */
function signedOffIn(type: NoticeType, caseFile: CaseFile): Pick<Notice, 'signedBy'> {
  const record =
    type === 'opinion'
      ? caseFile.opinion
      : type === 'review_opinion'
        ? caseFile.reviewOpinion
        : type === 're_review_opinion'
          ? caseFile.reReviewOpinion
          : undefined;
  const signature = record?.signedOff;
  return signature ? { signedBy: { name: signature.name, title: signature.title } } : {};
}

export function noticesFor(
  types: NoticeType[],
  caseFile: CaseFile,
  personal: PersonalRecord,
  region: RegionConfig,
  at: string,
): Notice[] {
  const recipients: Recipient[] = [personal.petitioner, ...personal.representatives].map(
    ({ name, phone, address }) => ({
      kind: 'petitioner',
      name,
      // No SMS to a placeholder number: such a notice goes by post.
      ...(phone && !isPlaceholderPhone(phone) && { phone }),
      ...(address && { address }),
    }),
  );
  return types.flatMap((type) =>
    recipients.map((recipient, i) => ({
      noticeId: `${String(caseFile.eventSeq).padStart(6, '0')}-${type}-${i}`,
      caseId: caseFile.caseId,
      type,
      recipient,
      text: noticeText(type, caseFile, region),
      ...signedOffIn(type, caseFile),
      sms: { receiptCode: caseFile.receiptCode, notice: SMS_NOTICE_NAMES[type] },
      state: 'pending' as const,
      attempts: 0,
      createdAt: at,
    })),
  );
}
