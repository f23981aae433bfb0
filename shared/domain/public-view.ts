// What the petitioner sees with the receipt code: no personal data, no internal notes; what
// the office owes them next, with its article, and the steps so far, named in words.

import type { Bilingual } from '../errors.ts';
import type { PeriodName, RegionConfig } from '../region.ts';
import { type Attachment, sentByPetitioner } from './attachments.ts';
import { type CaseFile, type Deadline, STATUS_LABELS } from './case.ts';
import { DATA_REQUEST_LABELS } from './data-rights.ts';
import { DOCUMENT_TITLES, isWrittenNotice } from './documents.ts';
import { localDate } from './local-time.ts';
import { copiesKey, type Notice } from './notices.ts';
import { labelOf } from './procedure-terms.ts';

/** What each deadline the petitioner is shown is about, from their side. */
const DEADLINE_LABELS: Partial<Record<PeriodName, Bilingual>> = {
  register: {
    zh: '登記並告知是否受理',
    en: 'registering your petition and telling you whether it is accepted',
  },
  accept: { zh: '告知是否受理', en: 'telling you whether your petition is accepted' },
  handle: { zh: '出具處理意見', en: 'issuing the handling opinion' },
  answerReview: { zh: '出具復查意見', en: 'issuing the review opinion' },
  answerReReview: { zh: '出具復核意見', en: 'issuing the re-review opinion' },
  requestReview: { zh: '您可請求復查的期限', en: 'your time to ask for a review' },
  requestReReview: { zh: '您可請求復核的期限', en: 'your time to ask for a re-review' },
};

/** Steps that are not states of the case. */
const STEP_LABELS: Record<string, Bilingual> = {
  returned: { zh: '退回重新交辦', en: 'Returned for routing to another department' },
  sent_back: { zh: '經回訪退回重辦', en: 'Sent back for another handling after a follow-up call' },
  linked: { zh: '併入同一事項的案件統一辦理', en: 'Joined the file of the same matter' },
  unlinked: { zh: '撤銷合併，恢復單獨辦理', en: 'The join was undone; handled on its own again' },
};

/** A step of the case in words: its state, or what happened (a file joined, a return). */
export const stepLabel = (step: string): Bilingual =>
  labelOf(STATUS_LABELS, step) ?? labelOf(STEP_LABELS, step) ?? { zh: step, en: step };

const byDueDate = (a: Deadline, b: Deadline) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);

/** A deadline as the petitioner is shown it; an extended handling period says so. */
export function publicDeadline(deadline: Deadline | undefined, caseFile?: Pick<CaseFile, 'extension'>) {
  if (!deadline) return null;
  const label = labelOf(DEADLINE_LABELS, deadline.stage);
  const extension = deadline.stage === 'handle' ? caseFile?.extension : undefined;
  return {
    stage: deadline.stage,
    owedBy: deadline.owedBy,
    dueDate: deadline.dueDate,
    article: deadline.article,
    label: label ?? { zh: deadline.stage, en: deadline.stage },
    ...(extension && {
      extended: {
        days: extension.days,
        reason: extension.reason,
        previousDueDate: extension.previousDueDate,
      },
    }),
  };
}

/**
 * What the office owes the petitioner next (a statutory stage, never an internal duty such as
 * a department's acknowledgement or its window to return a misrouted case), else the
 * petitioner's own open window.
 */
export function nextOwed(caseFile: CaseFile): Deadline | undefined {
  const shown = Object.values(caseFile.deadlines)
    .filter((d): d is Deadline => d !== undefined && d.stage in DEADLINE_LABELS)
    .sort(byDueDate);
  return shown.find((d) => d.owedBy === 'office') ?? shown[0];
}

function mayRepeat(caseFile: CaseFile) {
  const flag = caseFile.likelyRepeatOf;
  if (!flag || caseFile.linkedInto || caseFile.similarReviews?.[flag.caseId]?.decision === 'dismissed')
    return null;
  return { receiptCode: flag.receiptCode };
}

/**
 * The written notices sent about the case, once each (the representatives' copies are the
 * same text), oldest first: without the addressee's name or address.
 */
function sentNotices(notices: Notice[], region: RegionConfig) {
  const seen = new Set<string>();
  return [...notices]
    .sort((a, b) => (a.noticeId < b.noticeId ? -1 : 1))
    .filter(isWrittenNotice)
    .filter((n) => !seen.has(copiesKey(n.noticeId)) && seen.add(copiesKey(n.noticeId)))
    .map((n) => ({
      type: n.type,
      title: DOCUMENT_TITLES[n.type],
      documentNumber: n.document?.number ?? null,
      sentOn: localDate(n.createdAt, region.region.timeZone),
      text: n.text,
      delivered: n.delivery ? { method: n.delivery.method, on: n.delivery.on } : null,
    }));
}

/** What anyone holding the receipt code and verifier may see: no personal data, no internal notes. */
export function publicStatus(
  caseFile: CaseFile,
  region: RegionConfig,
  sent: { notices: Notice[]; attachments: Attachment[]; now: Date } = {
    notices: [],
    attachments: [],
    now: new Date(caseFile.receivedAt),
  },
) {
  const department = caseFile.handlingDepartment
    ? region.departments.find((d) => d.code === caseFile.handlingDepartment)
    : undefined;
  return {
    receiptCode: caseFile.receiptCode,
    status: caseFile.status,
    statusLabel: STATUS_LABELS[caseFile.status],
    receivedOn: localDate(caseFile.receivedAt, region.region.timeZone),
    steps: caseFile.milestones.map(({ step, on }) => ({
      step,
      on,
      label: stepLabel(step),
    })),
    nextDeadline: publicDeadline(nextOwed(caseFile), caseFile),
    handlingDepartment: department ? { code: department.code, name: department.name } : null,
    repeatCount: caseFile.repeatCount,
    /** The file this one joined: its receipt code is where progress is shown from now on. */
    joined: caseFile.linkedInto ? { receiptCode: caseFile.linkedInto.receiptCode } : null,
    /** The petitioner's earlier file this one may repeat, until staff join the two or dismiss it. */
    mayRepeat: mayRepeat(caseFile),
    notices: sentNotices(sent.notices, region),
    /** The files the petitioner sent and where each stands (staff's files are not listed). */
    files: sentByPetitioner(sent.attachments, sent.now),
    /** Their requests about their data and the decisions, with reasons (never who decided). */
    dataRequests: Object.values(caseFile.dataRequests ?? {})
      .sort((a, b) => (a.requestId < b.requestId ? -1 : 1))
      .map(({ requestId, kind, askedOn, decision }) => ({
        requestId,
        kind,
        label: DATA_REQUEST_LABELS[kind],
        askedOn,
        decision: decision ? { granted: decision.granted, reason: decision.reason, on: decision.on } : null,
      })),
  };
}
export type PublicStatus = ReturnType<typeof publicStatus>;
