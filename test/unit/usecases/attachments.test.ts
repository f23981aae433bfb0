// Files on the case file, over the memory store, a bucket in memory and the real inspector.
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../../functions/attachments/inspect-file.ts';
import { redactFile } from '../../../functions/redactions/redact-file.ts';
import { attachmentObjects } from '../../../shared/domain/attachments.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.ts';
import {
  addFilesAsPetitioner,
  addFilesAsStaff,
  listAttachments,
  openAttachment,
  processUpload,
  redactAttachment,
} from '../../../shared/usecases/attachments.ts';
import type { MalwareScanner } from '../../../shared/usecases/ports.ts';
import { eicarScanner, memoryBucket } from '../../fixtures/file-storage.ts';
import { staff, useCaseContext } from '../../fixtures/use-case-context.ts';
import { assignedCase, openCase } from '../../fixtures/walks.ts';

const inspector = { inspect: inspectFile };

function fileContext(scanner: MalwareScanner = eicarScanner) {
  const files = memoryBucket();
  return { ...useCaseContext(), files, inspector, scanner };
}

const photoWithGps = () =>
  sharp({ create: { width: 30, height: 20, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** A file a clerk adds, uploaded as the browser would, and processed: the file as it ends. */
async function uploadedByClerk(
  ctx: ReturnType<typeof fileContext>,
  caseId: string,
  name: string,
  bytes: Buffer,
) {
  const [form] = await addFilesAsStaff(ctx, caseId, [{ name, bytes: bytes.byteLength }], staff.clerk);
  const id = String(form?.attachmentId);
  ctx.files.upload(attachmentObjects(caseId, id).upload, bytes);
  return processUpload(ctx, caseId, id);
}

describe('checking an upload', () => {
  it('hands a file back when its check fails on the way, so the retry checks it', async () => {
    const ctx = fileContext();
    const { caseId } = await openCase(ctx);
    const photo = await photoWithGps();
    const [form] = await addFilesAsStaff(
      ctx,
      caseId,
      [{ name: 'a.jpg', bytes: photo.byteLength }],
      staff.clerk,
    );
    const id = String(form?.attachmentId);
    ctx.files.upload(attachmentObjects(caseId, id).upload, photo);
    const write = ctx.files.write;
    ctx.files.write = async () => {
      throw new Error('bucket unreachable');
    };
    await expect(processUpload(ctx, caseId, id)).rejects.toThrow('bucket unreachable');
    expect((await ctx.store.attachments.get(caseId, id))?.state).toBe('uploading');
    ctx.files.write = write;
    expect(await processUpload(ctx, caseId, id)).toMatchObject({ state: 'available' });
  });

  it('lists an upload whose form lapsed unreceived as refused, and does not count it against the limit', async () => {
    const ctx = fileContext();
    const { caseId, receiptCode, verifier } = await openCase(ctx);
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.jpg`, bytes: 10 }));
    await addFilesAsPetitioner(ctx, receiptCode, verifier, files);
    await expect(addFilesAsPetitioner(ctx, receiptCode, verifier, files.slice(0, 1))).rejects.toBeInstanceOf(
      ValidationError,
    );
    ctx.clock.advance(6 * 60_000);
    const listed = await listAttachments(ctx, caseId, staff.supervisor);
    expect(listed.map((a) => [a.state, a.refusal?.reason])).toEqual(
      files.map(() => ['refused', 'not_received']),
    );
    expect(await addFilesAsPetitioner(ctx, receiptCode, verifier, files.slice(0, 1))).toHaveLength(1);
  });
});

describe('adding files', () => {
  it('gives staff a signed form per file, and keeps the photo they upload upright and without its tags', async () => {
    const ctx = fileContext();
    const { caseId } = await openCase(ctx);
    const photo = await photoWithGps();
    const [form] = await addFilesAsStaff(
      ctx,
      caseId,
      [{ name: '現場照片.jpg', bytes: photo.byteLength }],
      staff.clerk,
    );
    if (!form) throw new Error('no form');
    const objects = attachmentObjects(caseId, form.attachmentId);
    expect(form.form.fields.key).toBe(objects.upload);
    expect(JSON.parse(String(form.form.fields.policy))).toMatchObject({ maxBytes: photo.byteLength });

    ctx.files.upload(objects.upload, photo);
    const done = await processUpload(ctx, caseId, form.attachmentId);
    expect(done).toMatchObject({ state: 'available', kept: { type: 'image/jpeg', width: 20, height: 30 } });
    const kept = ctx.files.objects.get(objects.kept);
    expect(await exifr.parse(kept?.bytes ?? new Uint8Array(), { gps: true })).toBeUndefined();
    expect(ctx.files.objects.has(objects.upload)).toBe(false);
    // The same upload announced twice: the second finds it processed, and changes nothing.
    expect(await processUpload(ctx, caseId, form.attachmentId)).toBeUndefined();
    expect((await listAttachments(ctx, caseId, staff.supervisor)).map((a) => a.state)).toEqual(['available']);
  });

  it('lets the petitioner add files by receipt code, up to five, and refuses what is too large or empty', async () => {
    const ctx = fileContext();
    const { caseId, receiptCode, verifier } = await openCase(ctx);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.jpg`, bytes: 1000 }));
    expect(await addFilesAsPetitioner(ctx, receiptCode, verifier, five)).toHaveLength(5);
    await expect(
      addFilesAsPetitioner(ctx, receiptCode, verifier, [{ name: 'p6.jpg', bytes: 1000 }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      addFilesAsStaff(ctx, caseId, [{ name: 'big.pdf', bytes: 60 * 1024 * 1024 }], staff.clerk),
    ).rejects.toMatchObject({ problems: [{ field: 'files.0.bytes', code: 'too_big' }] });
    await expect(addFilesAsPetitioner(ctx, receiptCode, '0000', five)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listAttachments(ctx, caseId, staff.clerk)).length).toBe(5);
  });

  it('refuses an auditor, and a department the case complains about cannot even find it', async () => {
    const ctx = fileContext();
    const { caseId } = await assignedCase(ctx, 'natres', { complainsAbout: ['agri'] });
    const file = [{ name: 'a.pdf', bytes: 100 }];
    await expect(addFilesAsStaff(ctx, caseId, file, staff.auditor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addFilesAsStaff(ctx, caseId, file, staff.department('agri'))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listAttachments(ctx, caseId, staff.department('agri'))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('processing', () => {
  it('refuses a renamed executable and keeps nothing of it', async () => {
    const ctx = fileContext();
    const { caseId } = await openCase(ctx);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    expect(await uploadedByClerk(ctx, caseId, '掃描件.pdf', exe)).toMatchObject({
      state: 'refused',
      refusal: { reason: 'not_kept' },
    });
    expect(ctx.files.objects.size).toBe(0);
  });

  it('refuses a file the scanner finds something in', async () => {
    const ctx = fileContext({ scan: async () => ({ clean: false, finding: 'Test.Finding' }) });
    const { caseId } = await openCase(ctx);
    expect(await uploadedByClerk(ctx, caseId, 'x.jpg', await photoWithGps())).toMatchObject({
      state: 'refused',
      refusal: { reason: 'malware' },
    });
    expect(ctx.files.objects.size).toBe(0);
  });
});

describe('opening', () => {
  it('gives a short-lived link and records the opening in the read log; a masked reader opens only files staff said carry no personal data', async () => {
    const ctx = fileContext();
    const { caseId, receiptCode, verifier } = await assignedCase(ctx);
    const photo = await photoWithGps();
    const [fromStaff, scannedLetter] = await addFilesAsStaff(
      ctx,
      caseId,
      [
        { name: '現場.jpg', bytes: photo.byteLength, personalData: false },
        { name: '來信.jpg', bytes: photo.byteLength },
      ],
      staff.clerk,
    );
    const [fromPetitioner] = await addFilesAsPetitioner(ctx, receiptCode, verifier, [
      { name: '收據.jpg', bytes: photo.byteLength, personalData: false },
    ]);
    for (const form of [fromStaff, scannedLetter, fromPetitioner]) {
      const id = String(form?.attachmentId);
      ctx.files.upload(attachmentObjects(caseId, id).upload, photo);
      await processUpload(ctx, caseId, id);
    }
    const opened = await openAttachment(ctx, caseId, String(fromPetitioner?.attachmentId), staff.clerk);
    expect(opened).toMatchObject({
      expiresInSeconds: 60,
      url: expect.stringMatching(new RegExp(`/cases/${caseId}/\\w+\\?name=`)),
    });
    expect((await ctx.store.cases.personalReads(caseId)).map((r) => r.by)).toContain('clerk-1');

    const handler = staff.department('natres');
    expect(await openAttachment(ctx, caseId, String(fromStaff?.attachmentId), handler)).toMatchObject({
      expiresInSeconds: 60,
    });
    // The petitioner's own files always may carry it (what they claim does not count); staff's by default.
    for (const file of [fromPetitioner, scannedLetter])
      await expect(openAttachment(ctx, caseId, String(file?.attachmentId), handler)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
  });

  it('refuses a file still being checked, and one that does not exist', async () => {
    const ctx = fileContext();
    const { caseId } = await openCase(ctx);
    const [form] = await addFilesAsStaff(ctx, caseId, [{ name: 'a.pdf', bytes: 100 }], staff.clerk);
    await expect(openAttachment(ctx, caseId, String(form?.attachmentId), staff.clerk)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(openAttachment(ctx, caseId, 'nothing', staff.clerk)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('redaction', () => {
  it('keeps a redacted copy beside the original, made by those who may read personal data only', async () => {
    const ctx = { ...fileContext(), redactor: { redact: redactFile } };
    const { caseId } = await assignedCase(ctx);
    const done = await uploadedByClerk(ctx, caseId, 'letter.jpg', await photoWithGps());
    const id = String(done?.attachmentId);
    const regions = [{ page: 1, x: 0, y: 0, width: 1, height: 0.5 }];
    await expect(
      redactAttachment(ctx, caseId, id, regions, staff.department('natres')),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const objects = attachmentObjects(caseId, id);
    const original = ctx.files.objects.get(objects.kept)?.bytes;
    expect(original?.byteLength).toBeGreaterThan(0);
    const redacted = await redactAttachment(ctx, caseId, id, regions, staff.clerk);
    expect(redacted.redacted).toMatchObject({ by: staff.clerk.sub, regions: 1 });
    expect(ctx.files.objects.get(objects.kept)?.bytes).toBe(original);
    expect(ctx.files.objects.has(objects.redacted)).toBe(true);
    // The department's view is masked: it opens the copy.
    expect(await openAttachment(ctx, caseId, id, staff.department('natres'))).toMatchObject({
      copy: 'redacted',
    });
    expect(await openAttachment(ctx, caseId, id, staff.clerk)).toMatchObject({ copy: 'original' });
  });
});
