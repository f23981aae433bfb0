// Redaction burns black boxes into pixels: a photo's region reads black afterwards, a scanned
// PDF comes back as its page pictures only (no text layer), and a PDF of text is refused.
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import PDFKit from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../functions/redactions/redact-file.ts';
import { redactionRefusalText } from '../../shared/domain/attachments.ts';
import { pdfOfPages, scannedPdf } from '../fixtures/sample-files.ts';

/** The colour at a fraction of a picture (its red, green and blue). */
async function colourAt(picture: Uint8Array, fx: number, fy: number) {
  const { data, info } = await sharp(picture).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)) * 3;
  return [...data.subarray(at, at + 3)];
}

/** Each page's pictures, as raw JPEG streams. */
async function pagePictures(pdf: Uint8Array) {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => {
    const objects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    return (objects?.entries() ?? []).map(([, ref]) => {
      const stream = document.context.lookup(ref);
      return stream instanceof PDFRawStream ? stream.contents : new Uint8Array();
    });
  });
}

const white = (format: 'jpeg' | 'png') =>
  sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } })
    [format]()
    .toBuffer();

describe('a photo', () => {
  it.each(['jpeg', 'png'] as const)(
    'comes back as a %s with the region black and the rest as it was',
    async (format) => {
      const region = { page: 1, x: 0.25, y: 0.5, width: 0.5, height: 0.25 };
      const result = await redactFile(await white(format), `image/${format}`, [region]);
      if (result.outcome !== 'redacted') throw new Error('refused');
      expect((await sharp(result.bytes).metadata()).format).toBe(format);
      const inside = await colourAt(result.bytes, 0.5, 0.6);
      const outside = await colourAt(result.bytes, 0.1, 0.1);
      expect(Math.max(...inside)).toBeLessThan(20);
      expect(Math.min(...outside)).toBeGreaterThan(235);
    },
  );

  it('has one page only', async () => {
    const result = await redactFile(await white('jpeg'), 'image/jpeg', [
      { page: 2, x: 0, y: 0, width: 1, height: 1 },
    ]);
    expect(result).toEqual({ outcome: 'refused', refusal: { reason: 'no_such_page', pages: 1 } });
  });
});

describe('a scanned PDF', () => {
  it('is rebuilt from its page pictures, the region black on its page only, and no text left', async () => {
    // A scan with an OCR-like text layer over the pictures: the copy keeps none of it.
    const scan = await scannedPdf(3);
    const result = await redactFile(scan, 'application/pdf', [
      { page: 2, x: 0, y: 0, width: 0.5, height: 0.5 },
    ]);
    if (result.outcome !== 'redacted') throw new Error('refused');
    const pictures = await pagePictures(result.bytes);
    expect(pictures.map((p) => p.length)).toEqual([1, 1, 1]);
    const [first, second] = pictures.map((p) => p[0] as Uint8Array);
    expect(Math.max(...(await colourAt(second as Uint8Array, 0.25, 0.25)))).toBeLessThan(20);
    expect(await colourAt(first as Uint8Array, 0.25, 0.25)).not.toEqual([0, 0, 0]);
    expect(Buffer.from(result.bytes).includes('/Font')).toBe(false);
  });

  it('drops a text layer drawn over the pictures', async () => {
    const document = new PDFKit({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
    document.image(await white('jpeg'), 0, 0, { width: 595, height: 842 });
    document.text('张三 13800138000', 50, 50);
    document.end();
    const withText = await done;
    expect(withText.includes('/Font')).toBe(true);
    const result = await redactFile(withText, 'application/pdf', [
      { page: 1, x: 0, y: 0, width: 1, height: 0.1 },
    ]);
    // Fonts are resources of the page, not pictures: the page still has one picture, and the copy no text.
    if (result.outcome !== 'redacted') throw new Error(JSON.stringify(result));
    expect(Buffer.from(result.bytes).includes('/Font')).toBe(false);
  });

  it('refuses a PDF of text, and a page it does not have, saying why', async () => {
    expect(
      await redactFile(await pdfOfPages(2), 'application/pdf', [
        { page: 1, x: 0, y: 0, width: 1, height: 1 },
      ]),
    ).toEqual({
      outcome: 'refused',
      refusal: { reason: 'not_scanned' },
    });
    expect(
      await redactFile(await scannedPdf(2), 'application/pdf', [
        { page: 3, x: 0, y: 0, width: 1, height: 1 },
      ]),
    ).toEqual({ outcome: 'refused', refusal: { reason: 'no_such_page', pages: 2 } });
    expect(redactionRefusalText({ reason: 'not_scanned' }).zh).toContain('掃描');
  });
});
