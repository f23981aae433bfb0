// A written notice as a one-page A4 PDF, set in a CJK font of which only the glyphs used are
// embedded (pdfkit subsets TrueType fonts): the bureau's red head, the document number under
// it, the title, the addressee, the text, and the bureau and date at the foot.
import { readFileSync } from 'node:fs';
import { type RegionLanguage, regionScript } from '../../shared/domain/region-script.ts';
import type { Bilingual } from '../../shared/errors.ts';
import type { DocumentRenderer, PrintedDocument } from '../../shared/usecases/ports.ts';

let font: Buffer | undefined;
/** Read once per container: the whole font is about 10 MB; the PDF carries a subset of it. */
const fontOf = (file: string) => {
  font ??= readFileSync(file);
  return font;
};

const RED = '#c00000';
const A4_MARGIN = 72;

/** 2026-11-29 → 2026年11月29日 (the English form keeps the ISO date). */
const written = (date: string, zh: boolean) => {
  const [y, m, d] = date.split('-');
  return zh ? `${y}年${Number(m)}月${Number(d)}日` : date;
};

let seal: Buffer | undefined;
const sealOf = (file: string) => {
  seal ??= readFileSync(file);
  return seal;
};

/** Written notices as PDF in the font of this file, an issued one with the organ's seal. */
export const pdfDocuments = (fontFile: string, sealFile?: string): DocumentRenderer => ({
  pdf: (document, language) => renderPdf(document, language, fontFile, sealFile),
});

/** The PDF's keyword naming its document number: what a check of a dropped file reads. */
export const NUMBER_KEYWORD = 'document-number:';

/** The PDF's own words, in the region's script like the document's. */
const LABELS = {
  caseId: { zh: '案件編號', en: 'Case' },
  draft: { zh: '草稿：文號於發出時編定', en: 'Draft: numbered when issued' },
  enclosures: { zh: '附件', en: 'Enclosures' },
  signedBy: { zh: '簽發人', en: 'Signed off by' },
  checkCode: { zh: '查驗碼', en: 'Check code' },
  checkHow: {
    zh: '憑文號和查驗碼可在本局網站「文書查驗」頁核對本文書。',
    en: "Check this document on the bureau's website (Verify a document) with its number and check code.",
  },
} satisfies Record<string, Bilingual>;

async function renderPdf(
  document: PrintedDocument,
  regionLanguage: RegionLanguage,
  fontFile: string,
  sealFile: string | undefined,
): Promise<Buffer> {
  // Loaded on the first render, not at cold start: most requests of the function read a
  // document as JSON, and pdfkit's setup is most of the bundle's load.
  const { default: PDFDocument } = await import('pdfkit');
  const zh = regionLanguage !== 'en';
  const language = zh ? 'zh' : 'en';
  const label = (key: keyof typeof LABELS) =>
    zh ? regionScript(regionLanguage)(LABELS[key].zh) : LABELS[key].en;
  const number = document.documentNumber ?? label('draft');
  const pdf = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    // No standard font: pdfkit loads its AFM data with a runtime require that a bundle cannot
    // follow (the deployed function failed on Helvetica); the CJK font is set just below.
    font: '',
    info: {
      Title: `${document.title[language]} ${number}`,
      Author: document.issuer[language],
      ...(document.documentNumber && { Keywords: `${NUMBER_KEYWORD}${document.documentNumber}` }),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(fontOf(fontFile));
  const width = pdf.page.width - 2 * A4_MARGIN;
  pdf.fillColor(RED).fontSize(24).text(document.issuer[language], { align: 'center' });
  pdf.moveDown(0.3).fillColor('black').fontSize(12).text(number, { align: 'center' });
  const ruleY = pdf.y + 6;
  pdf
    .moveTo(A4_MARGIN, ruleY)
    .lineTo(A4_MARGIN + width, ruleY)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke();
  pdf.y = ruleY + 18;
  pdf.fontSize(18).text(document.title[language], { align: 'center' });
  pdf
    .moveDown()
    .fontSize(13)
    .text(`${document.addressee}${zh ? '：' : ':'}`);
  pdf.moveDown(0.5).text(document.body[language], { indent: zh ? 26 : 0, lineGap: 6, align: 'justify' });
  if (document.enclosures.length) {
    pdf.moveDown().text(`${label('enclosures')}${zh ? '：' : ':'}`);
    document.enclosures.forEach((name, i) => {
      pdf.text(`${i + 1}. ${name}`, { indent: 26 });
    });
  }
  if (document.signedBy) {
    const { name, title } = document.signedBy;
    pdf
      .moveDown()
      .text(`${label('signedBy')}${zh ? '：' : ': '}${title[language]} ${name}`, { align: 'right' });
  }
  pdf.moveDown(2);
  const footY = pdf.y;
  pdf.text(document.issuer[language], { align: 'right' });
  if (document.issuedOn) pdf.text(written(document.issuedOn, zh), { align: 'right' });
  // The seal over the organ's name and date, as it is stamped on paper: only once issued.
  if (sealFile && document.documentNumber) {
    const size = 120;
    pdf.image(sealOf(sealFile), A4_MARGIN + width - size + 10, footY - size / 2 + 10, { width: size });
  }
  if (document.checkCode) {
    pdf
      .moveDown(2)
      .fontSize(10)
      .text(`${label('checkCode')}${zh ? '：' : ': '}${document.checkCode}`)
      .text(label('checkHow'));
  }
  pdf
    .moveDown(2)
    .fontSize(9)
    .fillColor('#555555')
    .text(`${label('caseId')} ${document.caseId}`);
  pdf.end();
  return done;
}
