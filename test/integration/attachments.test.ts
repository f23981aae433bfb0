// Files on the case file through the HTTP API, the local S3-compatible server and the file-check
// function: the upload form the API signs, the browser's POST, the check on the upload's event,
// the list, the opening and its read-log entry, and every bad input of issue 25 refused.
import exifr from 'exifr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { listCaseFiles } from '../../functions/attachments/case-files.ts';
import { EICAR } from '../../functions/file-check/scanners.ts';
import type { Answer } from '../../functions/http/define-route.ts';
import { objectCreated } from '../../infra/local/files-server.ts';
import { lambdaContext } from '../../infra/local/http-server.ts';
import { ATTACHMENT_LIMITS, attachmentObjects, UPLOAD_MINUTES } from '../../shared/domain/attachments.ts';
import { opinionFields, webPetition } from '../fixtures/petitions.ts';
import {
  pdfOfPages,
  pdfWithJavaScript,
  renamedExecutable,
  sidewaysPhotoWithGps,
  smallPng,
  ZIP_TAIL,
} from '../fixtures/sample-files.ts';
import { assignedPetition, signedOpinion, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-li' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'supervisor-wang' });
  auth.auditor = await api.as({ roles: ['auditor'] });
  auth.natres = await api.as({ roles: ['department'], department: 'natres', sub: 'natres-zhao' });
  auth.hrss = await api.as({ roles: ['department'], department: 'hrss', sub: 'hrss-sun' });
});
afterAll(async () => {
  await api.close();
});

interface Upload {
  attachmentId: string;
  name: string;
  uploadBy: string;
  form: { url: string; fields: Record<string, string> };
}

type AttachmentAnswer = Answer<typeof listCaseFiles, 200>['attachments'][number];

const assignedCase = (department: string, petition = webPetition()) =>
  assignedPetition(api, department, petition);

/** What a browser does with a form: the signed fields, then the file. */
async function post(upload: Upload, bytes: Uint8Array) {
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.form.fields)) form.append(field, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), upload.name);
  const answer = await fetch(upload.form.url, { method: 'POST', body: form });
  expect(answer.status).toBeLessThan(300);
}

/** Staff add files and upload them; the answer's uploads once every check has run. */
async function addAsStaff(
  caseId: string,
  files: Array<{ name: string; bytes: Uint8Array; personalData?: boolean }>,
  headers = auth.clerk,
) {
  const added = await api.call('POST', `/cases/${caseId}/attachments`, {
    body: {
      files: files.map((f) => ({
        name: f.name,
        bytes: f.bytes.byteLength,
        ...(f.personalData !== undefined && { personalData: f.personalData }),
      })),
    },
    headers,
  });
  expect(added.status).toBe(201);
  const uploads: Upload[] = added.body.uploads;
  await Promise.all(uploads.map((upload, i) => post(upload, files[i]?.bytes ?? new Uint8Array())));
  await api.uploadsChecked();
  return uploads;
}

async function listed(caseId: string, headers = auth.clerk) {
  const answer = await api.call('GET', `/cases/${caseId}/attachments`, { headers });
  expect(answer.status).toBe(200);
  return answer.body.attachments as AttachmentAnswer[];
}

const policyOf = (upload: Upload) =>
  JSON.parse(Buffer.from(upload.form.fields.policy ?? '', 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };

describe('a clerk attaches the scanned letter and a photo', () => {
  it('signs one form per file, the key chosen by the server, the size and 5 minutes in the policy', async () => {
    const { caseId } = await assignedCase('natres');
    const before = Date.now();
    const added = await api.call('POST', `/cases/${caseId}/attachments`, {
      body: { files: [{ name: '../../etc/passwd 信.pdf', bytes: 2048 }] },
      headers: auth.clerk,
    });
    expect(added.status).toBe(201);
    const [upload] = added.body.uploads as Upload[];
    if (!upload) throw new Error('no upload');
    const key = attachmentObjects(caseId, upload.attachmentId).upload;
    expect(upload.form.fields.key).toBe(key);
    expect(upload.form.url).toBe(`${api.filesEndpoint}/petition-desk-files/`);
    const policy = policyOf(upload);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'petition-desk-files' },
        { key },
        ['content-length-range', 1, 2048],
        { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      ]),
    );
    const lasts = Date.parse(policy.expiration) - before;
    expect(lasts).toBeGreaterThan((UPLOAD_MINUTES * 60 - 5) * 1000);
    expect(lasts).toBeLessThanOrEqual(UPLOAD_MINUTES * 60 * 1000 + 1000);
    expect(upload.form.fields['x-amz-signature']).toMatch(/^[0-9a-f]{64}$/);
    // Listed as uploading, and nothing is reachable yet.
    expect(await listed(caseId)).toMatchObject([{ state: 'uploading', name: '../../etc/passwd 信.pdf' }]);
    const early = await api.call('POST', `/cases/${caseId}/attachments/${upload.attachmentId}/opening`, {
      headers: auth.clerk,
    });
    expect(early.status).toBe(409);
  });

  it('turns a sideways photo with GPS upright with no EXIF, keeps a PNG and a 20-page PDF, and logs each opening', async () => {
    const { caseId } = await assignedCase('natres');
    const photo = await sidewaysPhotoWithGps();
    const [jpeg, png, pdf] = await addAsStaff(caseId, [
      { name: 'wall.jpg', bytes: photo, personalData: false },
      { name: 'receipt.png', bytes: await smallPng() },
      { name: 'letter.pdf', bytes: await pdfOfPages(20) },
    ]);
    const files = await listed(caseId);
    expect(files).toHaveLength(3);
    const byId = (id?: string) => files.find((f) => f.attachmentId === id);
    expect(byId(jpeg?.attachmentId)).toMatchObject({
      state: 'available',
      addedBy: { kind: 'staff', sub: 'clerk-li' },
      kept: { type: 'image/jpeg', width: 40, height: 60 },
    });
    expect(byId(png?.attachmentId)).toMatchObject({ state: 'available', kept: { type: 'image/png' } });
    expect(byId(pdf?.attachmentId)).toMatchObject({
      state: 'available',
      kept: { type: 'application/pdf', pages: 20 },
    });
    // The case file lists them too.
    const read = await api.call('GET', `/cases/${caseId}`, { headers: auth.clerk });
    expect(read.body.attachments.map((a: { name: string }) => a.name).sort()).toEqual([
      'letter.pdf',
      'receipt.png',
      'wall.jpg',
    ]);

    const opened = await api.call('POST', `/cases/${caseId}/attachments/${jpeg?.attachmentId}/opening`, {
      headers: auth.natres,
    });
    expect(opened.status).toBe(200);
    expect(opened.body.expiresInSeconds).toBe(60);
    const kept = Buffer.from(await (await fetch(opened.body.url)).arrayBuffer());
    expect(await exifr.parse(kept, { gps: true, xmp: true })).toBeUndefined();
    const { width, height, orientation } = await sharp(kept).metadata();
    expect({ width, height, orientation }).toEqual({ width: 40, height: 60, orientation: undefined });
    // The upload itself is gone: only the checked copy is kept.
    const upload = await fetch(
      `${api.filesEndpoint}/petition-desk-files/${attachmentObjects(caseId, jpeg?.attachmentId ?? '').upload}`,
    );
    expect(upload.status).toBe(404);

    // The scanned letter may carry the petitioner's data (staff did not say otherwise): not for the department.
    const letter = `/cases/${caseId}/attachments/${pdf?.attachmentId}/opening`;
    expect((await api.call('POST', letter, { headers: auth.natres })).status).toBe(403);
    await api.call('POST', letter, { headers: auth.clerk });
    const log = await api.call('GET', `/cases/${caseId}/reads`, { headers: auth.auditor });
    expect(log.body.reads.filter((r: { opened?: string }) => r.opened)).toEqual([
      expect.objectContaining({ by: 'natres-zhao', opened: jpeg?.attachmentId, roles: ['department'] }),
      expect.objectContaining({ by: 'clerk-li', opened: pdf?.attachmentId }),
    ]);
  });
});

describe('bad input', () => {
  it('refuses each bad file with its reason in both languages and keeps nothing of it', async () => {
    const { caseId } = await assignedCase('natres');
    const photo = await sidewaysPhotoWithGps();
    const uploads = await addAsStaff(caseId, [
      { name: 'photo.jpg', bytes: renamedExecutable() },
      { name: 'form.pdf', bytes: await pdfWithJavaScript() },
      { name: 'wall.jpg', bytes: Buffer.concat([photo, ZIP_TAIL]) },
      { name: 'scan.pdf', bytes: Buffer.from(`%PDF-1.4\n${EICAR}`) },
      { name: 'eicar.jpg', bytes: Buffer.concat([photo.subarray(0, 2), Buffer.from(EICAR)]) },
    ]);
    const files = await listed(caseId);
    const reasons = uploads.map((u) => files.find((f) => f.attachmentId === u.attachmentId)?.refusal?.reason);
    expect(reasons).toEqual(['not_kept', 'active_content', 'trailing_data', 'unreadable', 'not_kept']);
    for (const file of files) {
      expect(file.state).toBe('refused');
      expect(file.refusal?.text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(file.refusal?.text.en).toMatch(/[a-z]/);
      const opening = await api.call('POST', `/cases/${caseId}/attachments/${file.attachmentId}/opening`, {
        headers: auth.clerk,
      });
      expect(opening.status).toBe(409);
      for (const key of Object.values(attachmentObjects(caseId, file.attachmentId)))
        expect((await fetch(`${api.filesEndpoint}/petition-desk-files/${key}`)).status).toBe(404);
    }
  });

  it('refuses a file the scanner finds (the local stand-in knows the test signature)', async () => {
    const { caseId } = await assignedCase('natres');
    const pdf = await pdfOfPages(1);
    // A text stream the PDF carries: it parses, and the scan finds the signature in it.
    const infected = Buffer.concat([
      pdf.subarray(0, pdf.lastIndexOf('%%EOF')),
      Buffer.from(`%${EICAR}\n%%EOF\n`),
    ]);
    const [upload] = await addAsStaff(caseId, [{ name: 'scan.pdf', bytes: infected }]);
    expect((await listed(caseId)).find((f) => f.attachmentId === upload?.attachmentId)).toMatchObject({
      state: 'refused',
      refusal: { reason: 'malware' },
    });
  });

  it('refuses a 0-byte file and a 60 MB one before any form is signed, naming the field', async () => {
    const { caseId } = await assignedCase('natres');
    const answer = await api.call('POST', `/cases/${caseId}/attachments`, {
      body: {
        files: [
          { name: 'empty.jpg', bytes: 0 },
          { name: 'huge.pdf', bytes: 60 * 1024 * 1024 },
        ],
      },
      headers: auth.clerk,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'files.0.bytes', code: 'too_small' }),
        expect.objectContaining({ field: 'files.1.bytes', code: 'too_big' }),
      ]),
    );
    expect(await listed(caseId)).toEqual([]);
  });

  it('checks the size itself where the local server does not enforce the policy: more bytes than the form allowed are refused', async () => {
    const { caseId } = await assignedCase('natres');
    const photo = await sidewaysPhotoWithGps();
    const added = await api.call('POST', `/cases/${caseId}/attachments`, {
      body: { files: [{ name: 'small.jpg', bytes: 100 }] },
      headers: auth.clerk,
    });
    const [upload] = added.body.uploads as Upload[];
    if (!upload) throw new Error('no upload');
    // S3 would answer 400 EntityTooLarge; s3rver takes it, and the check refuses it.
    await post(upload, photo);
    await api.uploadsChecked();
    expect((await listed(caseId))[0]).toMatchObject({
      state: 'refused',
      refusal: { reason: 'too_large', limitBytes: 100 },
    });
  });

  it('checks an upload once when its event arrives twice', async () => {
    const { caseId } = await assignedCase('natres');
    const [upload] = await addAsStaff(caseId, [{ name: 'wall.png', bytes: await smallPng() }]);
    const first = await listed(caseId);
    const { handler } = await import('../../functions/file-check/handler.ts');
    await handler(
      objectCreated('petition-desk-files', attachmentObjects(caseId, upload?.attachmentId ?? '').upload),
      lambdaContext('petition-desk-file-check'),
    );
    expect(await listed(caseId)).toEqual(first);
  });

  it('refuses files to a case the caller cannot see, or by a role that only looks', async () => {
    const { caseId } = await assignedCase('natres', webPetition({ complainsAbout: ['hrss'] }));
    const files = { files: [{ name: 'a.jpg', bytes: 10 }] };
    const byHrss = await api.call('POST', `/cases/${caseId}/attachments`, {
      body: files,
      headers: auth.hrss,
    });
    expect(byHrss.status).toBe(404);
    const byAuditor = await api.call('POST', `/cases/${caseId}/attachments`, {
      body: files,
      headers: auth.auditor,
    });
    expect(byAuditor.status).toBe(403);
    expect(await listed(caseId)).toEqual([]);
  });
});

describe('who sees what', () => {
  it('hides the files from the department complained about: it can neither list nor open them', async () => {
    const { caseId } = await assignedCase('natres', webPetition({ complainsAbout: ['hrss'] }));
    const [upload] = await addAsStaff(caseId, [{ name: 'letter.png', bytes: await smallPng() }]);
    const list = await api.call('GET', `/cases/${caseId}/attachments`, { headers: auth.hrss });
    const open = await api.call('POST', `/cases/${caseId}/attachments/${upload?.attachmentId}/opening`, {
      headers: auth.hrss,
    });
    expect([list.status, open.status]).toEqual([404, 404]);
    const log = await api.call('GET', `/cases/${caseId}/reads`, { headers: auth.auditor });
    expect(log.body.reads.filter((r: { by: string }) => r.by === 'hrss-sun')).toEqual([]);
  });

  it('lets the petitioner add photos by receipt code, lists them on the status page, and shows them only to those who may read personal data', async () => {
    const petition = webPetition();
    const { caseId, receiptCode, verifier } = await assignedCase('natres', petition);
    const wrong = await api.call('POST', `/petitions/${receiptCode}/attachments`, {
      body: { verifier: verifier === '0000' ? '1111' : '0000', files: [{ name: 'a.png', bytes: 10 }] },
    });
    expect(wrong.status).toBe(404);
    const tooMany = await api.call('POST', `/petitions/${receiptCode}/attachments`, {
      body: { verifier, files: Array.from({ length: 6 }, (_, i) => ({ name: `${i}.png`, bytes: 10 })) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0]).toMatchObject({ field: 'files', code: 'too_many' });
    const tooBig = await api.call('POST', `/petitions/${receiptCode}/attachments`, {
      body: { verifier, files: [{ name: 'a.pdf', bytes: ATTACHMENT_LIMITS.petitioner.bytesEach + 1 }] },
    });
    expect(tooBig.status).toBe(400);

    const png = await smallPng();
    const added = await api.call('POST', `/petitions/${receiptCode}/attachments`, {
      body: {
        verifier,
        files: [
          { name: '墙.png', bytes: png.byteLength },
          { name: 'x.jpg', bytes: 10 },
        ],
      },
    });
    expect(added.status).toBe(201);
    const [good, bad] = added.body.uploads as Upload[];
    if (!good || !bad) throw new Error('no uploads');
    await post(good, png);
    await post(bad, renamedExecutable().subarray(0, 10));
    await api.uploadsChecked();

    const status = await api.call('GET', `/petitions/${receiptCode}?verifier=${verifier}`);
    expect(status.body.files).toHaveLength(2);
    expect(status.body.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '墙.png', state: 'available', refusal: null }),
        expect.objectContaining({
          name: 'x.jpg',
          state: 'refused',
          refusal: expect.objectContaining({ zh: expect.any(String) }),
        }),
      ]),
    );
    // The handling department reads a masked case file: it sees the list, opens only staff's files.
    expect((await listed(caseId, auth.natres)).map((f) => f.name).sort()).toEqual(['x.jpg', '墙.png']);
    const masked = await api.call('POST', `/cases/${caseId}/attachments/${good.attachmentId}/opening`, {
      headers: auth.natres,
    });
    expect(masked.status).toBe(403);
    const clerk = await api.call('POST', `/cases/${caseId}/attachments/${good.attachmentId}/opening`, {
      headers: auth.clerk,
    });
    expect(clerk.status).toBe(200);
  });
});

describe('redaction', () => {
  const region = { page: 1, x: 0, y: 0, width: 0.5, height: 0.5 };
  const darkAt = async (url: string, fx: number, fy: number) => {
    const { data, info } = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)) * info.channels;
    return Math.max(...data.subarray(at, at + 3)) < 30;
  };

  it("gives the handling department a petitioner's photo with the region blacked out, the original kept for the bureau", async () => {
    const { caseId, receiptCode, verifier } = await assignedCase('natres');
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#fc0' } })
      .jpeg()
      .toBuffer();
    const added = await api.call('POST', `/petitions/${receiptCode}/attachments`, {
      body: { verifier, files: [{ name: 'id-card.jpg', bytes: photo.byteLength }] },
    });
    const [upload] = added.body.uploads as Upload[];
    if (!upload) throw new Error('no upload');
    await post(upload, photo);
    await api.uploadsChecked();
    const opening = `/cases/${caseId}/attachments/${upload.attachmentId}/opening`;
    const redaction = `/cases/${caseId}/attachments/${upload.attachmentId}/redaction`;
    expect((await api.call('POST', opening, { headers: auth.natres })).status).toBe(403);

    // Only those who may read the personal data redact.
    const byDepartment = await api.call('POST', redaction, {
      body: { regions: [region] },
      headers: auth.natres,
    });
    expect(byDepartment.status).toBe(403);
    const outOfPage = await api.call('POST', redaction, {
      body: { regions: [{ ...region, x: 1.5 }] },
      headers: auth.clerk,
    });
    expect(outOfPage.status).toBe(400);
    expect(outOfPage.body.error.fields[0].field).toBe('regions.0.x');
    const redacted = await api.call('POST', redaction, { body: { regions: [region] }, headers: auth.clerk });
    expect(redacted.status).toBe(200);
    expect(redacted.body.redacted).toMatchObject({ by: 'clerk-li', regions: 1 });

    const forDepartment = await api.call('POST', opening, { headers: auth.natres });
    expect(forDepartment.body.copy).toBe('redacted');
    expect(await darkAt(forDepartment.body.url, 0.25, 0.25)).toBe(true);
    expect(await darkAt(forDepartment.body.url, 0.75, 0.75)).toBe(false);
    // A masked reader asking for the original still gets the copy.
    const asked = await api.call('POST', `${opening}?copy=original`, { headers: auth.natres });
    expect(asked.body.copy).toBe('redacted');
    const forClerk = await api.call('POST', opening, { headers: auth.clerk });
    expect(forClerk.body.copy).toBe('original');
    expect(await darkAt(forClerk.body.url, 0.25, 0.25)).toBe(false);
    const copyForClerk = await api.call('POST', `${opening}?copy=redacted`, { headers: auth.clerk });
    expect(await darkAt(copyForClerk.body.url, 0.25, 0.25)).toBe(true);
  });

  it('refuses a PDF of text with the reason, and keeps no copy', async () => {
    const { caseId } = await assignedCase('natres');
    const [upload] = await addAsStaff(caseId, [{ name: 'typed.pdf', bytes: await pdfOfPages(2) }]);
    const answer = await api.call('POST', `/cases/${caseId}/attachments/${upload?.attachmentId}/redaction`, {
      body: { regions: [region] },
      headers: auth.clerk,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0]).toMatchObject({ field: 'regions', code: 'not_scanned' });
    expect((await listed(caseId))[0]?.redacted).toBeUndefined();
    const copy = attachmentObjects(caseId, upload?.attachmentId ?? '').redacted;
    expect((await fetch(`${api.filesEndpoint}/petition-desk-files/${copy}`)).status).toBe(404);
  });
});

describe('enclosures', () => {
  it("lists the files an opinion encloses on its written notice and in the notice's PDF; a file not checked is refused", async () => {
    const { caseId } = await assignedCase('natres');
    const [evidence, broken] = await addAsStaff(
      caseId,
      [
        { name: '现场勘验笔录.pdf', bytes: await pdfOfPages(2) },
        { name: 'broken.pdf', bytes: Buffer.from('%PDF-1.7 not really') },
      ],
      auth.natres,
    );
    const step = (enclosures: string[]) =>
      signedOpinion(api, caseId, auth.natres ?? {}, {
        action: 'issue_opinion',
        ...opinionFields('supported'),
        enclosures,
      });
    const refused = await step([String(evidence?.attachmentId), String(broken?.attachmentId)]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([
      expect.objectContaining({ field: 'enclosures.1', code: 'not_available' }),
    ]);
    expect((await api.call('GET', `/cases/${caseId}`, { headers: auth.clerk })).body.case.status).toBe(
      'assigned',
    );

    expect((await step([String(evidence?.attachmentId)])).status).toBe(200);
    const { notices } = (await api.call('GET', `/cases/${caseId}/notices`, { headers: auth.clerk })).body;
    const opinion = notices.find((n: { type: string }) => n.type === 'opinion');
    const document = await api.call('GET', `/cases/${caseId}/notices/${opinion.noticeId}/document`, {
      headers: auth.clerk,
    });
    expect(document.body.enclosures).toEqual(['现场勘验笔录.pdf']);
    const pdf = await fetch(`${api.url}/cases/${caseId}/notices/${opinion.noticeId}/document`, {
      headers: { ...auth.clerk, accept: 'application/pdf' },
    });
    const parsed = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), verbosity: 0 }).promise;
    const content = await (await parsed.getPage(1)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    expect(text).toContain('附件');
    expect(text).toContain('1. 现场勘验笔录.pdf');
  });
});
