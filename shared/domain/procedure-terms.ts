// The procedure's closed vocabularies and their names: apart from the state machine so forms
// (the staff console) can name them without the rules and calendars behind them.
import type { Bilingual } from '../errors.ts';

/** Notices the petitioner must get (art. 22, 23, 34, 35, 36); templates in notices.ts. */
export const NOTICE_TYPES = [
  'registered',
  'repeat_registered',
  'linked',
  'transferred',
  'accepted',
  'referred',
  'not_accepted',
  'extended',
  'opinion',
  'review_opinion',
  're_review_opinion',
  // The answer to a request about their data (PIPL art. 50: with its reason).
  'data_request_decided',
  // Where the matter stands: halfway through its handling period, or a stage overdue.
  'progress',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** What staff are told of, besides escalations. */
export type StaffNoticeType = 'assigned' | 'extension_requested' | 'sent_back';

/** The label of a code in a table of labels, if it has one (codes arrive as text: stored steps, index keys). */
export const labelOf = (labels: Partial<Record<string, Bilingual>>, code: string): Bilingual | undefined =>
  Object.hasOwn(labels, code) ? labels[code] : undefined;

export const OUTCOMES = ['supported', 'partly_supported', 'explained', 'not_supported'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const REFERRAL_PROCEDURES = [
  'litigation',
  'arbitration',
  'administrative_reconsideration',
  'other_body',
] as const;

export const OUTCOME_LABELS: Record<Outcome, Bilingual> = {
  supported: { zh: '支持', en: 'supported' },
  partly_supported: { zh: '部分支持', en: 'partly supported' },
  explained: { zh: '解釋說明', en: 'explained' },
  not_supported: { zh: '不予支持', en: 'not supported' },
};

export const PROCEDURE_LABELS: Record<string, Bilingual> = {
  litigation: { zh: '訴訟', en: 'litigation' },
  arbitration: { zh: '仲裁', en: 'arbitration' },
  administrative_reconsideration: { zh: '行政復議', en: 'administrative reconsideration' },
  other_body: { zh: '其他法定途徑', en: 'another statutory procedure' },
};

/** Why a matter is major (重大): the region's rules name which of these make it so. */
export const GRAVITY_GROUNDS = [
  'joint_petition',
  'joint_review',
  'sent_back',
  'repeat_after_opinion',
  'marked',
] as const;
export type GravityGround = (typeof GRAVITY_GROUNDS)[number];
export const GRAVITY_GROUND_LABELS: Record<GravityGround, Bilingual> = {
  joint_petition: { zh: '聯名信訪或集體訪', en: 'A joint petition' },
  joint_review: { zh: '經集體會診', en: 'Went to a joint review' },
  sent_back: { zh: '回訪後退回重辦', en: 'Sent back for another handling after a follow-up' },
  repeat_after_opinion: { zh: '出具意見後重複信訪', en: 'Raised again after an opinion was issued' },
  marked: { zh: '督辦人員標記為重大', en: 'Marked major by a supervisor' },
};

/** The leaders who sign opinions off: the one in charge (分管領導) and the head (主要領導). */
export const SIGNER_ROLES = ['deputy_head', 'head'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** The office's stages as notices name them. */
export const STAGE_LABELS: Record<string, Bilingual> = {
  register: { zh: '登記轉送', en: 'registering and routing' },
  accept: { zh: '受理告知', en: 'deciding acceptance' },
  handle: { zh: '出具處理意見', en: 'issuing the handling opinion' },
  answerReview: { zh: '出具復查意見', en: 'answering the review' },
  answerReReview: { zh: '出具復核意見', en: 'answering the re-review' },
  signOff: { zh: '領導簽發意見', en: "a leader's sign-off of the opinion" },
};
