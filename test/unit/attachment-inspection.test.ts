// What an uploaded file is, by its bytes, and the copy that is kept (issue 25's processing core):
// photos turned upright and stripped of every tag, PDFs parsed and looked through, and every bad
// input of the issue refused with its reason.
import exifr from 'exifr';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import PDFKit from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { endOfJpeg, inspectFile } from '../../functions/attachments/inspect-file.ts';
import { ATTACHMENT_LIMITS, refusalText } from '../../shared/domain/attachments.ts';

const LIMIT = ATTACHMENT_LIMITS.petitioner.bytesEach;

/** A 60x40 photo, red on the left and blue on the right, as a phone held on its side writes it. */
async function sidewaysPhotoWithGps(): Promise<Buffer> {
  const raw = Buffer.alloc(60 * 40 * 3);
  for (let y = 0; y < 40; y++) for (let x = 0; x < 60; x++) raw[(y * 60 + x) * 3 + (x < 30 ? 0 : 2)] = 255;
  return sharp(raw, { raw: { width: 60, height: 40, channels: 3 } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Software: 'PhoneOS' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 54/1 27/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 23/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function pdfOfPages(pages: number): Promise<Buffer> {
  const document = new PDFKit({ size: 'A4' });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  for (let page = 1; page <= pages; page++) {
    if (page > 1) document.addPage();
    document.text(`Page ${page}`);
  }
  document.end();
  return done;
}

const refusalOf = async (bytes: Uint8Array, limit = LIMIT) => {
  const inspection = await inspectFile(bytes, limit);
  return inspection.outcome === 'refused' ? inspection.refusal : undefined;
};

describe('a photo', () => {
  it('comes out upright, with no EXIF, no GPS and no orientation tag left', async () => {
    const sideways = await sidewaysPhotoWithGps();
    expect((await exifr.parse(sideways, { gps: true }))?.latitude).toBeCloseTo(39.9075);

    const inspection = await inspectFile(sideways, LIMIT);
    if (inspection.outcome !== 'kept') throw new Error(`refused: ${JSON.stringify(inspection)}`);
    expect(inspection).toMatchObject({ type: 'image/jpeg', width: 40, height: 60 });
    expect(await exifr.parse(inspection.bytes, { gps: true, xmp: true, icc: true })).toBeUndefined();
    const metadata = await sharp(inspection.bytes).metadata();
    expect(metadata.orientation).toBeUndefined();
    // Turned 90° clockwise: the red left half is now the top.
    const { data, info } = await sharp(inspection.bytes).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(at(20, 5)[0]).toBeGreaterThan(200);
    expect(at(20, 55)[2]).toBeGreaterThan(200);
  });

  it('keeps a PNG as a PNG, and caps the longer side', async () => {
    const wide = await sharp({ create: { width: 5000, height: 100, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const inspection = await inspectFile(wide, LIMIT);
    expect(inspection).toMatchObject({ outcome: 'kept', type: 'image/png', width: 4096 });
  });

  it('refuses a photo with something appended after its end (a polyglot), and a truncated one', async () => {
    const photo = await sidewaysPhotoWithGps();
    expect(endOfJpeg(photo)).toBe(photo.byteLength);
    const zip = Buffer.from('PK\u0003\u0004 a zip archive hides here', 'latin1');
    expect(await refusalOf(Buffer.concat([photo, zip]))).toEqual({ reason: 'trailing_data' });
    expect(await refusalOf(photo.subarray(0, photo.byteLength - 40))).toEqual({ reason: 'unreadable' });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await refusalOf(Buffer.concat([png, Buffer.from('<script>alert(1)</script>')]))).toEqual({
      reason: 'trailing_data',
    });
  });
});

describe('a PDF', () => {
  it('is kept with its page count', async () => {
    expect(await inspectFile(await pdfOfPages(20), LIMIT)).toMatchObject({
      outcome: 'kept',
      type: 'application/pdf',
      pages: 20,
    });
  });

  it('is refused when it would run a script or carries other files', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    const script = document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
    document.catalog.set(PDFName.of('OpenAction'), document.context.register(script));
    expect(await refusalOf(await document.save())).toEqual({
      reason: 'active_content',
      found: ['JS', 'JavaScript', 'OpenAction'],
    });
  });

  it('is refused when it does not parse', async () => {
    expect(await refusalOf(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'))).toEqual({
      reason: 'unreadable',
    });
  });
});

describe('what is not kept', () => {
  it('refuses a renamed executable by its bytes, naming what it is', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(200),
      Buffer.from('PE\0\0'),
      Buffer.alloc(200),
    ]);
    const refusal = await refusalOf(exe);
    expect(refusal).toMatchObject({ reason: 'not_kept' });
    expect(refusalText(refusal ?? { reason: 'empty' }).en).toMatch(
      /Only JPEG or PNG photos and PDF documents/,
    );
  });

  it('refuses an empty file, one over the limit, and a HEIC photo with a way out', async () => {
    expect(await refusalOf(new Uint8Array())).toEqual({ reason: 'empty' });
    const big = Buffer.alloc(60 * 1024 * 1024);
    expect(await refusalOf(big)).toEqual({ reason: 'too_large', limitBytes: LIMIT });
    expect(await refusalOf(big, ATTACHMENT_LIMITS.staff.bytesEach)).toMatchObject({ reason: 'too_large' });
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(64),
    ]);
    const refusal = await refusalOf(heic);
    expect(refusal).toEqual({ reason: 'heic' });
    expect(refusalText({ reason: 'heic' }).zh).toContain('JPEG');
  });
});
