import { describe, expect, it } from 'vitest';
import { generateSigningKey, padesSigner } from '../../../functions/documents/pades.ts';
import { pdfDocuments } from '../../../functions/documents/pdf.ts';
import { lazySigner } from '../../../functions/documents/signer.ts';
import { DOCUMENT_FONT } from '../../../infra/document-font.ts';
import { isWrittenNotice, writtenNotice } from '../../../shared/domain/documents.ts';
import { NotFoundError, UnavailableError } from '../../../shared/errors.ts';
import { checkDocument, checkDocumentFile } from '../../../shared/usecases/document-checks.ts';
import { issueDocument } from '../../../shared/usecases/written-notices.ts';
import { useCaseContext } from '../../fixtures/use-case-context.ts';
import { assignedCase } from '../../fixtures/walks.ts';

const signer = padesSigner(generateSigningKey('Test Bureau'));

async function issued() {
  const ctx = { ...useCaseContext(), signer: async () => signer };
  // Where the case was transferred is a written notice (art. 23).
  const { caseId } = await assignedCase(ctx);
  const [notice] = (await ctx.store.cases.notices(caseId)).filter((n) => n.recipient.kind === 'petitioner');
  if (!notice) throw new Error('no notice');
  const numbered = await issueDocument(ctx, notice);
  if (!isWrittenNotice(numbered)) throw new Error('not a written notice');
  return { ctx, numbered };
}

describe('checking a document the office issued', () => {
  it('confirms a number with its code, however typed, and answers a wrong code as an unknown number', async () => {
    const { ctx, numbered } = await issued();
    const number = numbered.document?.number ?? '';
    const code = numbered.document?.checkCode ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const facts = await checkDocument(ctx, number, ` ${code.toLowerCase().replace('-', '')} `);
    expect(facts).toMatchObject({
      number,
      type: numbered.type,
      issuer: { zh: expect.stringContaining('珠泉') },
    });
    expect(JSON.stringify(facts)).not.toContain(numbered.caseId);
    await expect(checkDocument(ctx, number, 'ZZZZ-ZZZZ')).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkDocument(ctx, `${number}0`, code)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reads a signed file: intact and this organ’s names its document; a changed one names nothing', async () => {
    const { ctx, numbered } = await issued();
    const document = writtenNotice(numbered, ctx.config.region);
    const pdf = await pdfDocuments(DOCUMENT_FONT.file).pdf(document, 'zh-Hans');
    const signed = Buffer.from(await signer.sign(pdf, { name: '馮某', reason: '簽發', location: '珠泉縣' }));
    expect(await checkDocumentFile(ctx, signed)).toMatchObject({
      signed: true,
      intact: true,
      byThisOrgan: true,
      document: { number: numbered.document?.number },
    });
    const changed = Buffer.from(signed);
    changed[300] = (changed[300] ?? 0) ^ 1;
    expect(await checkDocumentFile(ctx, changed)).toMatchObject({ intact: false, document: null });
    expect(await checkDocumentFile(ctx, pdf)).toEqual({
      signed: false,
      intact: false,
      byThisOrgan: false,
      document: null,
    });
    const other = padesSigner(generateSigningKey('Someone Else'));
    const forged = await other.sign(pdf, { name: 'x', reason: 'x', location: 'x' });
    expect(await checkDocumentFile(ctx, forged)).toMatchObject({
      intact: true,
      byThisOrgan: false,
      document: null,
    });
  });
});

describe("the organ's signer, built on first use", () => {
  it('answers 503 while the secret holds the placeholder, and signs once the key is put in', async () => {
    let secret = JSON.stringify({ certificate: 'set-me', key: 'Xy12placeholder' });
    const signer = lazySigner(async () => secret);
    await expect(signer()).rejects.toBeInstanceOf(UnavailableError);
    secret = JSON.stringify(generateSigningKey('Test Bureau'));
    const pdf = await pdfDocuments(DOCUMENT_FONT.file).pdf(
      {
        caseId: 'c',
        title: { zh: '告知書', en: 'Notice' },
        issuer: { zh: '局', en: 'Bureau' },
        documentNumber: '珠信告〔2026〕1號',
        issuedOn: '2026-12-06',
        addressee: '甲',
        body: { zh: '正文', en: 'Text' },
        enclosures: [],
      },
      'zh-Hans',
    );
    const signed = await (await signer()).sign(pdf, { name: '馮某', reason: '簽發', location: '珠泉縣' });
    expect(await (await signer()).check(signed)).toMatchObject({
      signed: true,
      intact: true,
      byThisOrgan: true,
    });
  });
});
