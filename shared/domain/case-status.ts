// The states of a case file and their names: apart from the case rules so the pages and the
// console can name them without the calendars the rules need.
import type { Bilingual } from '../errors.ts';

export const CASE_STATUSES = [
  'received',
  'accepted',
  'referred',
  'not_accepted',
  'assigned',
  'opinion_issued',
  'closed',
  'review_requested',
  'review_opinion_issued',
  're_review_requested',
  'final',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, Bilingual> = {
  received: { zh: '已收件，待登記轉送', en: 'Received, being registered' },
  accepted: { zh: '已受理', en: 'Accepted' },
  referred: { zh: '已告知其他法定途徑', en: 'Referred to another procedure' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  assigned: { zh: '已交辦責任單位辦理', en: 'Assigned to the handling department' },
  opinion_issued: { zh: '已出具處理意見', en: 'Handling opinion issued' },
  closed: { zh: '已辦結', en: 'Closed' },
  review_requested: { zh: '復查中', en: 'Under review' },
  review_opinion_issued: { zh: '已出具復查意見', en: 'Review opinion issued' },
  re_review_requested: { zh: '復核中', en: 'Under re-review' },
  final: { zh: '已終結（復核意見為最終意見）', en: 'Final (the re-review opinion is final)' },
};

/** A matter the procedure has ended for: closed, final, referred elsewhere, or not accepted. */
const RESOLVED: ReadonlySet<CaseStatus> = new Set(['closed', 'final', 'referred', 'not_accepted']);
export const isResolved = (status: CaseStatus) => RESOLVED.has(status);
