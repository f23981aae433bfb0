// Written notices (issue 14, part 2): each notice the regulation requires is a document with
// the bureau, a document number per year, the date and the addressee; printable as a PDF
// with a CJK font subset; those without a phone (or whose SMS failed) wait in the print queue
// until a clerk records their delivery; the status page shows what was sent.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionContext } from '../../functions/context.ts';
import { lambdaContext } from '../../infra/local/http-server.ts';
import { loadScheduledHandlers, scheduledEvent } from '../../infra/local/stack.ts';
import { deliverPendingNotices, MAX_ATTEMPTS } from '../../shared/usecases/deliver-notices.ts';
import { reportFigure } from '../figures.ts';
import { staffCase, uniquePhone } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let clerk: Record<string, string>;
// 00:30 on New Year's Day in Beijing, still 2025 in UTC: documents are numbered in the region's
// year. The clock runs on from there, so the suite reads the same whatever day it runs.
const clockStartsAt = '2026-01-01T00:30:00+08:00';
const year = 2026;

beforeAll(async () => {
  api = await startTestApi({ clockStartsAt });
  clerk = await api.as({ roles: ['clerk'] });
});
afterAll(async () => {
  await api.close();
});

const NUMBER = new RegExp(`^珠信告〔${year}〕(\\d+)号$`);

async function registerLetter(phone: string, address = '柳树乡柳树村三组') {
  const filed = await api.call('POST', '/cases', {
    headers: clerk,
    body: staffCase({
      petitioner: { name: '王某', phone, address },
      receivedAt: '2026-01-01T00:10:00+08:00',
    }),
  });
  expect(filed.status).toBe(201);
  const listed = await api.call('GET', `/cases/${filed.body.caseId}/notices`, { headers: clerk });
  const acknowledgement = listed.body.notices.find((n: { type: string }) => n.type === 'registered');
  return {
    ...(filed.body as { caseId: string; receiptCode: string }),
    noticeId: acknowledgement.noticeId as string,
  };
}

/** The notices job's run: delivering a notice issues its document number. */
async function deliverAll() {
  const { notices: deliver } = await loadScheduledHandlers();
  return deliver(scheduledEvent('notices'), lambdaContext('notices'));
}

const documentOf = (caseId: string, noticeId: string, accept = 'application/json') =>
  api.call('GET', `/cases/${caseId}/notices/${noticeId}/document`, { headers: { ...clerk, accept } });

async function pdfOf(caseId: string, noticeId: string) {
  const started = performance.now();
  const response = await fetch(`${api.url}/cases/${caseId}/notices/${noticeId}/document`, {
    headers: { ...clerk, accept: 'application/pdf' },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, ms: performance.now() - started };
}

async function textOf(pdf: Uint8Array) {
  const document = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  return {
    pages: document.numPages,
    text: content.items.map((item) => ('str' in item ? item.str : '')).join(''),
  };
}

describe('a letter registered through the API', () => {
  it('gets an acknowledgement with the receipt code and a document number of the year, given once', async () => {
    const letter = await registerLetter(uniquePhone());
    // Read before it goes out: the draft, and the read issues nothing.
    const draft = await documentOf(letter.caseId, letter.noticeId);
    const numbered = (await api.allItems()).filter((item) => String(item.PK).startsWith('DOCNO#'));
    await deliverAll();

    const [first, again] = [
      await documentOf(letter.caseId, letter.noticeId),
      await documentOf(letter.caseId, letter.noticeId),
    ];

    expect(draft.body).toMatchObject({ documentNumber: null, issuedOn: null, addressee: '王某' });
    expect(numbered).toEqual([]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      caseId: letter.caseId,
      type: 'registered',
      title: { zh: '信访事项登记告知书' },
      issuer: { zh: '珠泉县信访局' },
      addressee: '王某',
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(first.body.documentNumber).toMatch(NUMBER);
    expect(first.body.body.zh).toContain(letter.receiptCode);
    expect(first.body.body.zh).toContain('第22条');
    expect(again.body.documentNumber).toBe(first.body.documentNumber);
  });

  it('prints as a one-page PDF with a subset of the CJK font embedded', async () => {
    const letter = await registerLetter(uniquePhone());
    await deliverAll();
    const { documentNumber } = (await documentOf(letter.caseId, letter.noticeId)).body;
    const timings: number[] = [];
    let pdf: Awaited<ReturnType<typeof pdfOf>> | undefined;
    for (let i = 0; i < 7; i++) {
      pdf = await pdfOf(letter.caseId, letter.noticeId);
      timings.push(pdf.ms);
    }
    if (!pdf) throw new Error('no PDF');

    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const raw = Buffer.from(pdf.bytes).toString('latin1');
    // A TrueType subset (pdfkit tags a subset's name with six letters and +), not the 10 MB font.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toContain('/FontFile2');
    expect(pdf.bytes.length).toBeLessThan(100_000);
    const { pages, text } = await textOf(pdf.bytes);
    expect(pages).toBe(1);
    for (const expected of [
      '珠泉县信访局',
      '信访事项登记告知书',
      documentNumber,
      '王某',
      letter.receiptCode,
    ]) {
      expect(text).toContain(expected);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    reportFigure(
      'notice-pdf',
      `Written notice PDF (one page, through the HTTP adapter): ${(pdf.bytes.length / 1024).toFixed(1)} KB; first ${timings[0]?.toFixed(0)} ms (font read and parsed), then median ${sorted[3]?.toFixed(0)} ms (range ${sorted[0]?.toFixed(0)}-${sorted[6]?.toFixed(0)}) of 7`,
    );
  });

  it('numbers documents issued at once without a gap or a twice-used number', async () => {
    const letters = await Promise.all(Array.from({ length: 6 }, () => registerLetter(uniquePhone())));
    await deliverAll();

    const numbers = (await Promise.all(letters.map((l) => documentOf(l.caseId, l.noticeId)))).map((d) =>
      Number(NUMBER.exec(d.body.documentNumber)?.[1]),
    );

    expect(new Set(numbers).size).toBe(6);
    const sorted = [...numbers].sort((a, b) => a - b);
    expect((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)).toBe(5);
  });
});

describe('notices that go by post', () => {
  it('wait in the print queue until a clerk records the delivery; the status page shows them', async () => {
    const byPost = await registerLetter('0000000', '石桥乡石桥村五组');
    const bySms = await registerLetter(uniquePhone());

    const run = await deliverAll();

    expect(run).toMatchObject({ failed: 0 });
    const queue = await api.call('GET', '/notices/print-queue', { headers: clerk });
    const waiting = queue.body.notices.find((n: { caseId: string }) => n.caseId === byPost.caseId);
    expect(waiting).toMatchObject({
      noticeId: byPost.noticeId,
      address: '石桥乡石桥村五组',
      documentNumber: expect.stringMatching(NUMBER),
      delivery: null,
    });
    expect(queue.body.notices.some((n: { caseId: string }) => n.caseId === bySms.caseId)).toBe(false);
    const smsNotice = await documentOf(bySms.caseId, bySms.noticeId);
    expect(smsNotice.body.delivery).toMatchObject({
      method: 'local_file',
      recordedBy: 'system:deliver-notices',
    });

    const path = `/cases/${byPost.caseId}/notices/${byPost.noticeId}/delivery`;
    const incomplete = await api.call('PUT', path, {
      headers: clerk,
      body: { method: 'post', on: '2026-11-30' },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields).toEqual([
      expect.objectContaining({
        field: 'trackingNumber',
        message: { zh: expect.any(String), en: expect.any(String) },
      }),
    ]);
    const posted = await api.call('PUT', path, {
      headers: clerk,
      body: { method: 'post', on: '2026-11-30', trackingNumber: 'XA123456789CN' },
    });
    const twice = await api.call('PUT', path, {
      headers: clerk,
      body: { method: 'post', on: '2026-11-30', trackingNumber: 'XA123456789CN' },
    });

    expect(posted.status).toBe(200);
    expect(posted.body.delivery).toMatchObject({
      method: 'post',
      on: '2026-11-30',
      trackingNumber: 'XA123456789CN',
      recordedBy: 'test-clerk',
    });
    expect(twice.status).toBe(409);
    const after = await api.call('GET', '/notices/print-queue', { headers: clerk });
    expect(after.body.notices.some((n: { caseId: string }) => n.caseId === byPost.caseId)).toBe(false);
  });

  it('lists on the status page what was sent, with its number and delivery, without the addressee', async () => {
    const phone = uniquePhone();
    const letter = await registerLetter(phone);
    await deliverAll();

    const status = await api.call('GET', `/petitions/${letter.receiptCode}?verifier=${phone.slice(-4)}`);

    expect(status.body.notices).toEqual([
      expect.objectContaining({
        type: 'registered',
        title: { zh: '信访事项登记告知书', en: 'Notice of registration' },
        documentNumber: expect.stringMatching(NUMBER),
        delivered: { method: 'local_file', on: expect.any(String) },
      }),
    ]);
    expect(status.text).not.toContain('王某');
  });

  it('joins the print queue when its SMS fails MAX_ATTEMPTS times', async () => {
    const letter = await registerLetter(uniquePhone());
    const failing = { send: () => Promise.reject(new Error('SMS provider down')) };
    const ctx = functionContext();

    for (let i = 0; i < MAX_ATTEMPTS; i++) await deliverPendingNotices(ctx, failing);

    const queue = await api.call('GET', '/notices/print-queue', { headers: clerk });
    expect(
      queue.body.notices.map((n: { noticeId: string; caseId: string }) => `${n.caseId}/${n.noticeId}`),
    ).toContain(`${letter.caseId}/${letter.noticeId}`);
  });
});
