// Files on the case file (附件): scanned letters, photos, documents. Which kinds are kept, how
// many and how large, and why a file is refused, in the words the uploader reads. The bytes
// decide what a file is, never its name or the type the browser declared.
import type { Bilingual, FieldProblem } from '../errors.ts';

/** What a case file keeps: photos and scans as JPEG or PNG, documents as PDF. */
export const KEPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type KeptType = (typeof KEPT_TYPES)[number];

const MB = 1024 * 1024;

/** How many files and how large, for one upload: a petitioner's, or staff's (a scanned dossier). */
export const ATTACHMENT_LIMITS = {
  petitioner: { files: 5, bytesEach: 10 * MB },
  staff: { files: 20, bytesEach: 50 * MB },
} as const;

/** A photo is kept at most this many pixels on its longer side (a phone's 48 MP is not needed). */
export const LONGEST_SIDE = 4096;

export type Refusal =
  | { reason: 'empty' }
  | { reason: 'too_large'; limitBytes: number }
  | { reason: 'heic' }
  | { reason: 'not_kept'; detected: string | null }
  | { reason: 'unreadable' }
  | { reason: 'trailing_data' }
  | { reason: 'active_content'; found: string[] }
  | { reason: 'encrypted' }
  | { reason: 'malware' }
  | { reason: 'not_received' };

/** Why a file was refused, as the uploader reads it (Chinese and English). */
export function refusalText(refusal: Refusal): Bilingual {
  switch (refusal.reason) {
    case 'empty':
      return { zh: '文件是空的（0字節）。', en: 'The file is empty (0 bytes).' };
    case 'too_large':
      return {
        zh: `文件超過 ${refusal.limitBytes / MB} MB 上限。`,
        en: `The file is over the ${refusal.limitBytes / MB} MB limit.`,
      };
    case 'heic':
      return {
        zh: '暫不接收 HEIC 格式的照片：請在手機上選擇「最兼容」格式或轉存為 JPEG 後再上傳。',
        en: 'HEIC photos are not accepted: set the camera to "Most Compatible" or save the photo as JPEG, then upload it again.',
      };
    case 'not_kept':
      return {
        zh: `只接收 JPEG、PNG 照片和 PDF 文件${refusal.detected ? `；此文件是 ${refusal.detected}` : ''}。`,
        en: `Only JPEG or PNG photos and PDF documents are accepted${refusal.detected ? `; this file is ${refusal.detected}` : ''}.`,
      };
    case 'unreadable':
      return {
        zh: '文件已損壞或不完整，無法打開；請重新掃描或拍照後上傳。',
        en: 'The file is damaged or incomplete and cannot be opened; scan or photograph it again.',
      };
    case 'trailing_data':
      return {
        zh: '文件結尾附帶了其他內容，為安全起見不予接收；請重新導出後上傳。',
        en: 'The file carries other content after its end and is refused for safety; export it again.',
      };
    case 'active_content':
      return {
        zh: 'PDF 含有腳本、自動操作或嵌入文件，為安全起見不予接收；請打印為 PDF 後再上傳。',
        en: 'The PDF contains scripts, automatic actions or embedded files and is refused for safety; print it to PDF and upload that.',
      };
    case 'malware':
      return {
        zh: '文件未通過病毒掃描，不予接收。',
        en: 'The file did not pass the malware scan and is refused.',
      };
    case 'not_received':
      return {
        zh: `文件未在 ${UPLOAD_MINUTES} 分鐘內上傳完成；請重新選擇文件上傳。`,
        en: `The file did not arrive within ${UPLOAD_MINUTES} minutes; choose it again.`,
      };
    case 'encrypted':
      return {
        zh: 'PDF 設有密碼，無法查看；請去除密碼後再上傳。',
        en: 'The PDF is password-protected and cannot be read; remove the password and upload it again.',
      };
  }
}

/** Where a file stands: sent to storage (or not yet), being checked, open to readers, or refused. */
export const ATTACHMENT_STATES = ['uploading', 'processing', 'available', 'refused'] as const;
export type AttachmentState = (typeof ATTACHMENT_STATES)[number];

/** Who added a file: the petitioner (by receipt code), or a member of staff (by account). */
export type AddedBy = { kind: 'petitioner' } | { kind: 'staff'; sub: string };

export interface Attachment {
  caseId: string;
  /** Chosen by the server: the storage key is built from it, never from the file's name. */
  attachmentId: string;
  /** The name the uploader's file had, shown only. */
  name: string;
  addedBy: AddedBy;
  addedAt: string;
  /** The largest the upload may be (its form's content-length-range). */
  limitBytes: number;
  /** The upload form lapses then; a file never uploaded by then is abandoned. */
  uploadBy: string;
  state: AttachmentState;
  /** Once available: what it is, as kept. */
  kept?: { type: KeptType; bytes: number; width?: number; height?: number; pages?: number };
  refusal?: Refusal;
  checkedAt?: string;
  /** A copy with regions blacked out (遮蔽), for readers who may not see personal data. */
  redacted?: { by: string; at: string; regions: number; bytes: number };
  /**
   * Whether it may carry the petitioner's personal data: always for the petitioner's own files;
   * for staff's unless they said it does not (a scanned letter does). Absent: it may.
   */
  personalData?: boolean;
}

/** A file a reader with a masked view may open only as its redacted copy. */
export const mayCarryPersonalData = (attachment: Attachment) =>
  attachment.addedBy.kind === 'petitioner' || attachment.personalData !== false;

/**
 * A region to black out, in fractions of the photo or the PDF page (0 to 1 from the top left),
 * on a page counted from 1 (a photo has one).
 */
export interface RedactionRegion {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Why a file could not be redacted, as the person redacting reads it. */
export type RedactionRefusal = { reason: 'not_scanned' } | { reason: 'no_such_page'; pages: number };

export function redactionRefusalText(refusal: RedactionRefusal): Bilingual {
  return refusal.reason === 'not_scanned'
    ? {
        zh: '只能遮蔽照片和掃描的 PDF（每頁一張圖片）：文字型 PDF 請先將需要的頁面打印為圖片再上傳。',
        en: 'Only photos and scanned PDFs (one picture a page) can be redacted: print the pages of a text PDF to pictures and upload those.',
      }
    : {
        zh: `此 PDF 只有 ${refusal.pages} 頁。`,
        en: `The PDF has ${refusal.pages} pages.`,
      };
}

/** A case's files in the order they were added (those of one request by their ids). */
export const oldestFirst = (a: Attachment, b: Attachment) =>
  a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.attachmentId < b.attachmentId ? -1 : 1;

/** Staff who may add files to a case they may read: not auditors or administrators, who only look. */
export const ATTACHING_ROLES = ['clerk', 'supervisor', 'official', 'department'] as const;

/** How long an upload form lasts. */
export const UPLOAD_MINUTES = 5;

export interface FileToAdd {
  name: string;
  bytes: number;
  /** Staff only: false when the file carries no personal data (a department's own evidence). */
  personalData?: boolean | undefined;
}

/** An upload whose form lapsed with nothing received: it never will be (S3 refuses a lapsed form). */
export const lapsed = (attachment: Attachment, now: Date) =>
  attachment.state === 'uploading' && Date.parse(attachment.uploadBy) < now.getTime();

/** A file as its readers see it: a lapsed upload as refused, and why in both languages. */
export function attachmentView(attachment: Attachment, now: Date) {
  const { limitBytes: _, refusal: stored, ...shown } = attachment;
  const refusal: Refusal | undefined = lapsed(attachment, now) ? { reason: 'not_received' } : stored;
  return {
    ...shown,
    state: refusal ? ('refused' as const) : attachment.state,
    ...(refusal && { refusal: { ...refusal, text: refusalText(refusal) } }),
  };
}

/** The files the petitioner sent, as their status page lists them (names and states only). */
export function sentByPetitioner(attachments: Attachment[], now: Date) {
  return attachments
    .filter((a) => a.addedBy.kind === 'petitioner')
    .map((a) => {
      const { attachmentId, name, addedAt, state, refusal } = attachmentView(a, now);
      return { attachmentId, name, addedAt, state, refusal: refusal?.text ?? null };
    });
}

/**
 * The field problems of a request to add files, against what the case holds already from this
 * kind of uploader (refused and lapsed ones do not count). Empty when the files may be added.
 */
export function uploadProblems(
  files: FileToAdd[],
  alreadyAdded: Attachment[],
  by: AddedBy['kind'],
  now: Date,
): FieldProblem[] {
  const limits = by === 'petitioner' ? ATTACHMENT_LIMITS.petitioner : ATTACHMENT_LIMITS.staff;
  const counted = alreadyAdded.filter(
    (a) => a.addedBy.kind === by && a.state !== 'refused' && !lapsed(a, now),
  ).length;
  const problems: FieldProblem[] = [];
  if (files.length === 0)
    problems.push({
      field: 'files',
      code: 'too_small',
      message: { zh: '請選擇文件。', en: 'Choose a file.' },
    });
  if (counted + files.length > limits.files) {
    problems.push({
      field: 'files',
      code: 'too_many',
      message: {
        zh: `每件最多 ${limits.files} 個文件，已有 ${counted} 個。`,
        en: `At most ${limits.files} files a case; it has ${counted}.`,
      },
    });
  }
  files.forEach((file, i) => {
    if (file.bytes > limits.bytesEach)
      problems.push({
        field: `files.${i}.bytes`,
        code: 'too_big',
        message: refusalText({ reason: 'too_large', limitBytes: limits.bytesEach }),
      });
    if (file.bytes === 0)
      problems.push({
        field: `files.${i}.bytes`,
        code: 'too_small',
        message: refusalText({ reason: 'empty' }),
      });
  });
  return problems;
}

/** The bucket's prefix of uploads not yet processed: its lifecycle removes those abandoned. */
export const UPLOADS_PREFIX = 'uploads/';

/** The bucket's prefix of checked files, each under its case. */
export const KEPT_PREFIX = 'cases/';

/** Where a file's bytes are in the region's bucket: under its case, by the ids the server chose. */
export const attachmentObjects = (caseId: string, attachmentId: string) => ({
  upload: `${UPLOADS_PREFIX}${KEPT_PREFIX}${caseId}/${attachmentId}`,
  kept: `${KEPT_PREFIX}${caseId}/${attachmentId}`,
  redacted: `${KEPT_PREFIX}${caseId}/${attachmentId}.redacted`,
});

/** Every object a case's files may have left in the bucket: uploads, kept files, redacted copies. */
export const caseFilePrefixes = (caseId: string) => [
  `${UPLOADS_PREFIX}${KEPT_PREFIX}${caseId}/`,
  `${KEPT_PREFIX}${caseId}/`,
];

/** The case and file an upload's key names, or undefined for any other key. */
export function uploadOf(key: string): { caseId: string; attachmentId: string } | undefined {
  const match = new RegExp(`^${UPLOADS_PREFIX}${KEPT_PREFIX}([^/]+)/([^/]+)$`).exec(key);
  return match?.[1] && match[2] ? { caseId: match[1], attachmentId: match[2] } : undefined;
}

/** How long an opening link lasts. */
export const OPENING_SECONDS = 60;
