// Written notices as documents (書面告知書): the issuing bureau, a document number per office
// and year, the date, the addressee and the text with its articles. The same document is
// printed from the console (a print stylesheet) and rendered as a PDF in the function.
import { createHash } from 'node:crypto';
import type { Bilingual } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { type DocumentIssue, issuingBureau, type Notice } from './notices.ts';

export { issuingBureau };

import type { NoticeType } from './procedure-terms.ts';

/** Each notice the regulation requires, by its document's title. */
export const DOCUMENT_TITLES: Record<NoticeType, Bilingual> = {
  registered: { zh: '信訪事項登記告知書', en: 'Notice of registration' },
  repeat_registered: { zh: '信訪事項登記告知書', en: 'Notice of registration' },
  linked: { zh: '信訪事項合併辦理告知書', en: 'Notice of joining the file of the same matter' },
  transferred: { zh: '信訪事項轉送交辦告知書', en: 'Notice of transfer' },
  accepted: { zh: '信訪事項受理告知書', en: 'Notice of acceptance' },
  referred: {
    zh: '信訪事項不予受理告知書（導入法定途徑）',
    en: 'Notice of referral to the competent procedure',
  },
  not_accepted: { zh: '信訪事項不予受理告知書', en: 'Notice of non-acceptance' },
  extended: { zh: '信訪事項延期辦理告知書', en: 'Notice of extension' },
  progress: { zh: '信訪事項辦理進展告知書', en: 'Notice of progress' },
  opinion: { zh: '信訪事項處理意見書', en: 'Handling opinion' },
  review_opinion: { zh: '信訪事項復查意見書', en: 'Review opinion' },
  re_review_opinion: { zh: '信訪事項復核意見書', en: 'Re-review opinion' },
  data_request_decided: { zh: '個人信息請求答覆書', en: 'Answer to your request about your data' },
};

/** The notices that are documents: those to the petitioner and representatives. */
export const isWrittenNotice = (notice: Notice): notice is Notice & { type: NoticeType } =>
  notice.recipient.kind === 'petitioner' && notice.type in DOCUMENT_TITLES;

/** The bureau's document number of the year: 珠信告〔2026〕12號. */
export function documentNumber(region: RegionConfig, year: number, sequence: number): string {
  const prefix = region.region.documentPrefix ?? `${[...region.region.name.zh][0] ?? ''}信`;
  return `${prefix}告〔${year}〕${sequence}號`;
}

export interface WrittenNotice {
  noticeId: string;
  caseId: string;
  type: NoticeType;
  title: Bilingual;
  issuer: Bilingual;
  /** Null until it is issued (delivered, or printed from the print queue): a read issues nothing. */
  documentNumber: string | null;
  issuedOn: string | null;
  addressee: string;
  body: Bilingual;
  /** The files enclosed, by name, in the order given. */
  enclosures: string[];
  delivery: Notice['delivery'] | null;
  /** The leader who signed an opinion off (签发人), printed above the seal. */
  signedBy: { name: string; title: Bilingual } | null;
  /** The check code printed on it, with its number the key to its verification (null until issued). */
  checkCode: string | null;
}

/** The document of a written notice: with its number once issued, else the draft. */
export function writtenNotice(notice: Notice & { type: NoticeType }, region: RegionConfig): WrittenNotice {
  return {
    noticeId: notice.noticeId,
    caseId: notice.caseId,
    type: notice.type,
    title: DOCUMENT_TITLES[notice.type],
    issuer: issuingBureau(region),
    documentNumber: notice.document?.number ?? null,
    issuedOn: notice.document?.issuedOn ?? null,
    addressee: notice.recipient.kind === 'petitioner' ? notice.recipient.name : '',
    body: notice.text,
    enclosures: (notice.enclosures ?? []).map((e) => e.name),
    delivery: notice.delivery ?? null,
    signedBy: notice.signedBy ?? null,
    checkCode: notice.document?.checkCode ?? null,
  };
}

/** The check code (查驗碼) printed on a document: 8 of Crockford's 32 characters (40 bits). */
const CHECK_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function checkCode(random: (n: number) => Uint8Array): string {
  const chars = [...random(8)].map((byte) => CHECK_ALPHABET[byte % CHECK_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The code as typed (spaces, case, a missing dash) in its printed form, or undefined. */
export function parseCheckCode(typed: string): string | undefined {
  // Read as Crockford's code reads: O is 0, I and L are 1.
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== 8 || [...chars].some((c) => !CHECK_ALPHABET.includes(c))) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The register of issued documents (發文登記): what anyone may learn of one by its number and code. */
export interface RegisteredDocument {
  number: string;
  issuedOn: string;
  type: NoticeType;
  /** `checkDigest(number, code)`: the code itself is only on the paper (and the notice). */
  checkDigest: string;
  caseId: string;
  noticeId: string;
}

export const checkDigest = (number: string, code: string) =>
  createHash('sha256').update(`${number}\n${code}`).digest('hex');

/** The register's entry of a written notice as issued (none for a notice without a check code). */
export function registerEntry(notice: Notice, document: DocumentIssue): RegisteredDocument | undefined {
  if (!document.checkCode || !isWrittenNotice(notice)) return undefined;
  return {
    number: document.number,
    issuedOn: document.issuedOn,
    type: notice.type,
    checkDigest: checkDigest(document.number, document.checkCode),
    caseId: notice.caseId,
    noticeId: notice.noticeId,
  };
}
