// The petitioner's rights over their own data (PIPL arts. 44-47, 50): a copy of their file,
// a correction, a deletion. Each request is recorded and decided with a reason; a deletion
// granted makes the closed file due for disposal now (the archive officer still approves).
import type { Bilingual } from '../errors.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { type CaseFile, type DataRequest, localDateOf, type PersonalRecord } from './case.ts';
import { isOpen } from './work-queues.ts';

export const DATA_REQUEST_KINDS = ['correction', 'deletion'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

export const DATA_REQUEST_LABELS: Record<DataRequestKind, Bilingual> = {
  correction: { zh: '更正個人信息或反映內容', en: 'correction of your details or submission' },
  deletion: { zh: '刪除個人信息', en: 'deletion of your personal data' },
};

/** What the petitioner asks, as they wrote it: personal data, kept in its own record. */
export interface DataRequestContent {
  caseId: string;
  requestId: string;
  kind: DataRequestKind;
  phone?: string;
  address?: string;
  text: string;
  at: string;
}

/** The requests still waiting for a decision, oldest first. */
export const openDataRequests = (caseFile: CaseFile): DataRequest[] =>
  Object.values(caseFile.dataRequests ?? {})
    .filter((request) => !request.decision)
    .sort((a, b) => (a.requestId < b.requestId ? -1 : 1));

/** The latest decided request: what the decision notice answers. */
export const lastDecided = (caseFile: CaseFile): DataRequest | undefined =>
  Object.values(caseFile.dataRequests ?? {})
    .filter((request) => request.decision)
    .sort((a, b) => ((a.decision?.at ?? '') < (b.decision?.at ?? '') ? -1 : 1))
    .at(-1);

/** A request recorded on the case (its content apart), under the case's next request id. */
export function asked(
  caseFile: CaseFile,
  kind: DataRequestKind,
  at: string,
  region: RegionConfig,
): { next: CaseFile; request: DataRequest } {
  if (caseFile.disposed) {
    throw new ConflictError({
      zh: '此案件的個人信息已按規定刪除。',
      en: "This case's personal data was already erased under the retention rules.",
    });
  }
  const requestId = `R${String(Object.keys(caseFile.dataRequests ?? {}).length + 1).padStart(3, '0')}`;
  const request: DataRequest = { requestId, kind, askedOn: localDateOf(at, region) };
  return { next: { ...caseFile, dataRequests: { ...caseFile.dataRequests, [requestId]: request } }, request };
}

/**
 * A decision with its reason (art. 50). A deletion is granted only on a closed file: it is
 * then due for disposal from the day of the decision (it is listed and approved as any other).
 */
export function decided(
  caseFile: CaseFile,
  requestId: string,
  decision: { granted: boolean; reason: string; by: string; at: string },
  region: RegionConfig,
): CaseFile {
  const request = caseFile.dataRequests?.[requestId];
  if (!request) {
    throw new NotFoundError({ zh: `找不到請求 ${requestId}。`, en: `Request ${requestId} was not found.` });
  }
  if (request.decision) {
    throw new ConflictError({ zh: '此請求已有決定。', en: 'This request was already decided.' });
  }
  if (request.kind === 'deletion' && decision.granted && isOpen(caseFile)) {
    throw new ConflictError({
      zh: '案件仍在辦理中，不能刪除其個人信息；請說明理由不予同意，辦結後可再請求。',
      en: 'The case is still being handled: its personal data cannot be deleted. Refuse with the reason; the person may ask again once it is closed.',
    });
  }
  const on = localDateOf(decision.at, region);
  return {
    ...caseFile,
    dataRequests: { ...caseFile.dataRequests, [requestId]: { ...request, decision: { ...decision, on } } },
  };
}

/** The day a granted deletion makes the file due for disposal, if one was granted. */
export const deletionGrantedOn = (caseFile: CaseFile): string | undefined =>
  Object.values(caseFile.dataRequests ?? {})
    .filter((r) => r.kind === 'deletion' && r.decision?.granted)
    .map((r) => r.decision?.on ?? '')
    .sort()[0];

/** The decision as the petitioner is told it. */
export function decisionText(caseFile: CaseFile): Bilingual {
  const request = lastDecided(caseFile);
  const decision = request?.decision;
  const kind = DATA_REQUEST_LABELS[request?.kind ?? 'correction'];
  const head = {
    zh: `您於${request?.askedOn}就信訪事項「${caseFile.subject}」（回執碼 ${caseFile.receiptCode}）提出的${kind.zh}請求`,
    en: `Your request of ${request?.askedOn} for ${kind.en} on your petition "${caseFile.subject}" (receipt code ${caseFile.receiptCode})`,
  };
  const after =
    request?.kind === 'deletion' && decision?.granted
      ? {
          zh: '您的個人信息將列入銷毀清冊，經檔案管理人員批准後刪除。',
          en: 'Your personal data will be put on a disposal list and erased once the archive officer approves it.',
        }
      : { zh: '', en: '' };
  return decision?.granted
    ? {
        zh: `${head.zh}已予同意。理由：${decision.reason}。${after.zh}`,
        en: `${head.en} was granted. Reason: ${decision.reason}. ${after.en}`.trim(),
      }
    : {
        zh: `${head.zh}不予同意。理由：${decision?.reason}（《個人信息保護法》第50條）。`,
        en: `${head.en} was refused. Reason: ${decision?.reason} (PIPL art. 50).`,
      };
}

/**
 * The petitioner's copy of their file (PIPL art. 45): what they submitted, their own contact
 * details (never a representative's: other people's data), the steps and dates, the notices
 * sent to them, their requests and the decisions; no staff names, no internal notes.
 */
export function petitionerCopy(
  caseFile: CaseFile,
  personal: PersonalRecord,
  status: {
    receivedOn: string;
    steps: Array<{ on: string; label: Bilingual }>;
    notices: Array<{ sentOn: string; title: Bilingual; documentNumber: string | null; text: Bilingual }>;
    dataRequests: Array<{
      askedOn: string;
      label: Bilingual;
      decision: { granted: boolean; reason: string; on: string } | null;
    }>;
  },
  addenda: Array<{ on: string; subject: string; description: string }>,
  region: RegionConfig,
): Bilingual {
  const { petitioner } = personal;
  const idNumber = petitioner.idNumber
    ? `${petitioner.idNumber.slice(0, 2)}************${petitioner.idNumber.slice(-4)}`
    : undefined;
  const township = region.townships.find((t) => t.code === caseFile.township)?.name;
  const category = region.categories.find((c) => c.code === caseFile.category)?.name;
  const lines = (language: 'zh' | 'en') => {
    const zh = language === 'zh';
    const l = (text: Bilingual) => text[language];
    return [
      zh ? '一、您提交的內容' : '1. What you submitted',
      `${zh ? '收件日期' : 'Received'}: ${status.receivedOn}; ${zh ? '鄉鎮' : 'township'}: ${township ? l(township) : caseFile.township}; ${zh ? '類別' : 'category'}: ${category ? l(category) : caseFile.category}`,
      `${zh ? '事項' : 'Subject'}: ${caseFile.subject}`,
      `${zh ? '內容' : 'Description'}: ${caseFile.description}`,
      ...(caseFile.requestedOutcome
        ? [`${zh ? '請求' : 'Requested outcome'}: ${caseFile.requestedOutcome}`]
        : []),
      ...addenda.map((a) => `${zh ? '補充材料' : 'Addendum'} ${a.on}: ${a.subject}. ${a.description}`),
      zh ? '二、您的聯絡資料' : '2. Your contact details',
      `${zh ? '姓名' : 'Name'}: ${petitioner.name}`,
      ...(petitioner.phone ? [`${zh ? '電話' : 'Phone'}: ${petitioner.phone}`] : []),
      ...(petitioner.address ? [`${zh ? '地址' : 'Address'}: ${petitioner.address}`] : []),
      ...(idNumber ? [`${zh ? '身份證號碼' : 'ID number'}: ${idNumber}`] : []),
      zh ? '三、辦理經過' : '3. Steps taken',
      ...status.steps.map((s) => `${s.on} ${l(s.label)}`),
      zh ? '四、發給您的告知' : '4. Notices sent to you',
      ...(status.notices.length
        ? status.notices.map(
            (n) => `${n.sentOn} ${l(n.title)}${n.documentNumber ? ` ${n.documentNumber}` : ''}: ${l(n.text)}`,
          )
        : [zh ? '（無）' : '(none)']),
      zh ? '五、您的個人信息請求' : '5. Your requests about your data',
      ...(status.dataRequests.length
        ? status.dataRequests.map(
            (r) =>
              `${r.askedOn} ${l(r.label)}: ${r.decision ? `${r.decision.on} ${r.decision.granted ? (zh ? '同意' : 'granted') : zh ? '不予同意' : 'refused'}, ${r.decision.reason}` : zh ? '待決定' : 'waiting for a decision'}`,
          )
        : [zh ? '（無）' : '(none)']),
    ].join('\n');
  };
  return { zh: lines('zh'), en: lines('en') };
}
