// Redaction (遮蔽) that leaves nothing beneath: a photo is re-encoded with black boxes burnt into
// its pixels; a scanned PDF is rebuilt from its page pictures alone, each redacted the same way
// (any text layer, such as a scanner's OCR, is dropped). A PDF that is not one picture a page
// is refused: a box drawn over text would leave the text in the file.
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import type { KeptType, RedactionRegion } from '../../shared/domain/attachments.ts';
import type { FileRedactor } from '../../shared/usecases/ports.ts';

/** Black boxes over the regions, in the picture's own pixels; encoded as it came. */
async function blackedOut(picture: Uint8Array, regions: RedactionRegion[], as: 'jpeg' | 'png') {
  const image = sharp(picture);
  const { width = 0, height = 0 } = await image.metadata();
  const boxes = regions.flatMap((r) => {
    const left = Math.max(0, Math.floor(r.x * width));
    const top = Math.max(0, Math.floor(r.y * height));
    const boxWidth = Math.min(width - left, Math.ceil(r.width * width));
    const boxHeight = Math.min(height - top, Math.ceil(r.height * height));
    if (boxWidth < 1 || boxHeight < 1) return [];
    const box = { width: boxWidth, height: boxHeight, channels: 3 as const, background: '#000' };
    return [{ input: { create: box }, left, top }];
  });
  const composed = image.composite(boxes);
  return new Uint8Array(await (as === 'jpeg' ? composed.jpeg({ quality: 85 }) : composed.png()).toBuffer());
}

/** The one JPEG picture a scanned page draws, or undefined when the page is anything else. */
function pagePicture(document: PDFDocument, resources: PDFDict | undefined): Uint8Array | undefined {
  const objects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const entries = objects ? objects.entries() : [];
  if (entries.length !== 1) return undefined;
  const [, ref] = entries[0] ?? [];
  const stream = ref ? document.context.lookup(ref) : undefined;
  if (!(stream instanceof PDFRawStream)) return undefined;
  const subtype = stream.dict.get(PDFName.of('Subtype'));
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (subtype !== PDFName.of('Image') || filter !== PDFName.of('DCTDecode')) return undefined;
  // A copy on its own buffer (a Buffer's slice is a view): pdf-lib reads a JPEG's buffer from its start.
  return Uint8Array.from(stream.contents);
}

async function scannedPdf(bytes: Uint8Array, regions: RedactionRegion[]) {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = source.getPages();
  const beyond = regions.find((r) => r.page > pages.length);
  if (beyond)
    return { outcome: 'refused', refusal: { reason: 'no_such_page', pages: pages.length } } as const;
  const scanned = pages.flatMap((page) => {
    const picture = pagePicture(source, page.node.Resources());
    return picture ? [{ page, picture }] : [];
  });
  if (scanned.length !== pages.length)
    return { outcome: 'refused', refusal: { reason: 'not_scanned' } } as const;
  const copy = await PDFDocument.create();
  for (const [i, { page, picture }] of scanned.entries()) {
    const onPage = regions.filter((r) => r.page === i + 1);
    const image = await copy.embedJpg(onPage.length ? await blackedOut(picture, onPage, 'jpeg') : picture);
    const { width, height } = page.getSize();
    copy.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return { outcome: 'redacted', bytes: await copy.save() } as const;
}

export const redactFile: FileRedactor['redact'] = async (bytes, type: KeptType, regions) => {
  if (type === 'application/pdf') return scannedPdf(bytes, regions);
  if (regions.some((r) => r.page !== 1))
    return { outcome: 'refused', refusal: { reason: 'no_such_page', pages: 1 } };
  return {
    outcome: 'redacted',
    bytes: await blackedOut(bytes, regions, type === 'image/png' ? 'png' : 'jpeg'),
  };
};
