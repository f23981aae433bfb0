// Files on the case file (附件): added by staff or by the petitioner, each uploaded straight to
// the region's bucket with a signed form, then checked (by its bytes, cleaned, scanned) before
// anyone may open it; every opening is in the case's read log.
import { readsUnmasked, type Staff } from '../domain/access.ts';
import {
  type AddedBy,
  ATTACHING_ROLES,
  type Attachment,
  attachmentObjects,
  attachmentView,
  type FileToAdd,
  mayCarryPersonalData,
  OPENING_SECONDS,
  type RedactionRegion,
  redactionRefusalText,
  UPLOAD_MINUTES,
  uploadProblems,
} from '../domain/attachments.ts';
import type { CaseFile } from '../domain/case.ts';
import { randomCharacters } from '../domain/receipt-code.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { caseFor } from './change-cases.ts';
import { caseByReceipt } from './check-status.ts';
import type { UseCaseContext } from './context.ts';
import type { FileInspector, FileRedactor, FileStorage, MalwareScanner } from './ports.ts';

/** What checking an upload needs besides the bucket: given to the function that processes uploads. */
export interface FileChecks {
  inspector: FileInspector;
  scanner: MalwareScanner;
}

/** The bucket, which only the functions that handle files are given. */
function bucketOf(ctx: UseCaseContext): FileStorage {
  if (!ctx.files) throw new Error('This function keeps no files');
  return ctx.files;
}

const noSuchFile = (attachmentId: string) =>
  new NotFoundError({ zh: `找不到附件 ${attachmentId}。`, en: `Attachment ${attachmentId} was not found.` });

/**
 * Primary course:
 * 1. Refuse what the case cannot take (too many files of this uploader, a file too large or empty).
 * 2. Record each file as uploading, under an id the server chooses.
 * 3. Answer with a signed upload form per file (its size limit in the policy, for UPLOAD_MINUTES).
 */
async function addFiles(ctx: UseCaseContext, caseFile: CaseFile, files: FileToAdd[], addedBy: AddedBy) {
  const now = ctx.now();
  const problems = uploadProblems(
    files,
    await ctx.store.attachments.list(caseFile.caseId),
    addedBy.kind,
    now,
  );
  if (problems.length) throw new ValidationError(problems);
  const uploadBy = new Date(now.getTime() + UPLOAD_MINUTES * 60_000);
  return Promise.all(
    files.map(async (file) => {
      const attachment: Attachment = {
        caseId: caseFile.caseId,
        attachmentId: randomCharacters(12),
        name: file.name,
        addedBy,
        addedAt: now.toISOString(),
        limitBytes: file.bytes,
        uploadBy: uploadBy.toISOString(),
        state: 'uploading',
        personalData: addedBy.kind === 'petitioner' || file.personalData !== false,
      };
      await ctx.store.attachments.add(attachment);
      const { upload } = attachmentObjects(caseFile.caseId, attachment.attachmentId);
      const form = await bucketOf(ctx).uploadForm(upload, { maxBytes: file.bytes, expiresAt: uploadBy });
      return { attachmentId: attachment.attachmentId, name: file.name, uploadBy: attachment.uploadBy, form };
    }),
  );
}

/** Staff add files to a case they may read (not auditors or administrators). */
export async function addFilesAsStaff(ctx: UseCaseContext, caseId: string, files: FileToAdd[], staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'read');
  if (!ATTACHING_ROLES.some((role) => staff.roles.includes(role)))
    throw new ForbiddenError('attach: a reading role only');
  return addFiles(ctx, caseFile, files, { kind: 'staff', sub: staff.sub });
}

/** The petitioner adds files to their own case, by its receipt code and verifier. */
export async function addFilesAsPetitioner(
  ctx: UseCaseContext,
  receiptCode: string,
  verifier: string,
  files: FileToAdd[],
) {
  const caseFile = await caseByReceipt(ctx, receiptCode, verifier);
  return addFiles(ctx, caseFile, files, { kind: 'petitioner' });
}

/**
 * Primary course (on the upload's arrival in the bucket):
 * 1. Take the file from uploading to processing, once: a second arrival of the same upload finds it taken.
 * 2. Read the upload; check it by its bytes and keep the cleaned copy, or refuse it with the reason.
 * 3. Scan what would be kept; a finding refuses it.
 * 4. Write the kept copy and record the file available (or refused), then remove the upload.
 * A failure on the way hands the file back as uploading, for the event's retry.
 */
export async function processUpload(
  ctx: UseCaseContext & FileChecks,
  caseId: string,
  attachmentId: string,
): Promise<Attachment | undefined> {
  const files = bucketOf(ctx);
  const uploaded = await ctx.store.attachments.get(caseId, attachmentId);
  if (uploaded?.state !== 'uploading') return undefined;
  const processing: Attachment = { ...uploaded, state: 'processing' };
  if ((await ctx.store.attachments.move(uploaded, processing)) !== 'moved') return undefined;
  try {
    const done = await checked(ctx, files, processing);
    await ctx.store.attachments.move(processing, done);
    // No one can open an upload, and the bucket's lifecycle removes one left behind after a day.
    await files.remove(attachmentObjects(caseId, attachmentId).upload).catch(() => undefined);
    return done;
  } catch (error) {
    // Handed back, so the retry of the event finds it to process again.
    await ctx.store.attachments.move(processing, uploaded);
    throw error;
  }
}

/** The file checked: available with the cleaned copy written, or refused with the reason. */
async function checked(
  ctx: UseCaseContext & FileChecks,
  files: FileStorage,
  processing: Attachment,
): Promise<Attachment> {
  const objects = attachmentObjects(processing.caseId, processing.attachmentId);
  const bytes = await files.read(objects.upload);
  const inspection = bytes
    ? await ctx.inspector.inspect(bytes, processing.limitBytes)
    : ({ outcome: 'refused', refusal: { reason: 'empty' } } as const);
  const checkedAt = ctx.now().toISOString();
  const scan = inspection.outcome === 'kept' ? await ctx.scanner.scan(inspection.bytes) : undefined;
  if (inspection.outcome === 'kept' && scan?.clean) {
    await files.write(objects.kept, inspection.bytes, inspection.type);
    const { outcome: _, bytes: kept, ...described } = inspection;
    return { ...processing, state: 'available', kept: { ...described, bytes: kept.byteLength }, checkedAt };
  }
  const refusal = inspection.outcome === 'refused' ? inspection.refusal : { reason: 'malware' as const };
  return { ...processing, state: 'refused', refusal, checkedAt };
}

/** A case's files as staff see them (those whose personal data is masked see the list too). */
export async function listAttachments(ctx: UseCaseContext, caseId: string, staff: Staff) {
  await caseFor(ctx, caseId, staff, 'read');
  const now = ctx.now();
  return (await ctx.store.attachments.list(caseId)).map((a) => attachmentView(a, now));
}

/** A file that has passed its checks, of a case the caller may read. */
async function availableFile(ctx: UseCaseContext, caseId: string, attachmentId: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'read');
  const attachment = await ctx.store.attachments.get(caseId, attachmentId);
  if (!attachment) throw noSuchFile(attachmentId);
  if (attachment.state !== 'available')
    throw new ConflictError({
      zh: '附件尚未通過檢查，暫不能打開。',
      en: 'The file has not passed its checks and cannot be opened.',
    });
  return { caseFile, attachment };
}

/**
 * Opens an available file for a short while, recorded in the case's read log. A reader for whom
 * the petitioner's personal data is masked opens the redacted copy where there is one, and
 * otherwise only a file staff said carries none; those who may read personal data open the
 * original, or the redacted copy when they ask for it.
 */
export async function openAttachment(
  ctx: UseCaseContext,
  caseId: string,
  attachmentId: string,
  staff: Staff,
  copy: 'original' | 'redacted' = 'original',
) {
  const { caseFile, attachment } = await availableFile(ctx, caseId, attachmentId, staff);
  const masked = !readsUnmasked(staff, caseFile);
  const redacted = attachment.redacted !== undefined && (masked || copy === 'redacted');
  if (copy === 'redacted' && !attachment.redacted)
    throw new NotFoundError({ zh: '此附件沒有遮蔽件。', en: 'The file has no redacted copy.' });
  if (!redacted && masked && mayCarryPersonalData(attachment))
    throw new ForbiddenError(
      'open: a file with personal data, for those who may read it (or its redacted copy)',
    );
  await ctx.store.cases.recordPersonalRead(caseId, ctx.now().toISOString(), staff, { opened: attachmentId });
  const objects = attachmentObjects(caseId, attachmentId);
  const url = await bucketOf(ctx).openingUrl(
    redacted ? objects.redacted : objects.kept,
    attachment.name,
    OPENING_SECONDS,
  );
  return {
    url,
    expiresInSeconds: OPENING_SECONDS,
    copy: redacted ? ('redacted' as const) : ('original' as const),
  };
}

/**
 * Primary course (staff who may read the personal data):
 * 1. Read the checked file; black out the regions in a new copy (nothing left beneath them).
 * 2. Keep the copy beside the original, which stays as it was.
 * 3. Record the copy on the file: from now on, masked readers open it.
 */
export async function redactAttachment(
  ctx: UseCaseContext & { redactor: FileRedactor },
  caseId: string,
  attachmentId: string,
  regions: RedactionRegion[],
  staff: Staff,
) {
  const { caseFile, attachment } = await availableFile(ctx, caseId, attachmentId, staff);
  if (!readsUnmasked(staff, caseFile)) throw new ForbiddenError('redact: those who may read personal data');
  const files = bucketOf(ctx);
  const objects = attachmentObjects(caseId, attachmentId);
  const original = attachment.kept && (await files.read(objects.kept));
  if (!attachment.kept || !original) throw noSuchFile(attachmentId);
  const result = await ctx.redactor.redact(original, attachment.kept.type, regions);
  if (result.outcome === 'refused')
    throw new ValidationError([
      { field: 'regions', code: result.refusal.reason, message: redactionRefusalText(result.refusal) },
    ]);
  await files.write(objects.redacted, result.bytes, attachment.kept.type);
  const redacted: Attachment = {
    ...attachment,
    redacted: {
      by: staff.sub,
      at: ctx.now().toISOString(),
      regions: regions.length,
      bytes: result.bytes.byteLength,
    },
  };
  if ((await ctx.store.attachments.move(attachment, redacted)) !== 'moved')
    throw new ConflictError({ zh: '附件已被更改，請重試。', en: 'The file changed meanwhile; try again.' });
  return attachmentView(redacted, ctx.now());
}
