// What an uploaded file is, by its bytes, and the copy that is kept (issue 25's processing core):
// photos turned upright and stripped of every tag, PDFs parsed and looked through, and every bad
// input of the issue refused with its reason.
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { endOfJpeg, inspectFile } from '../../functions/attachments/inspect-file.ts';
import { ATTACHMENT_LIMITS, refusalText } from '../../shared/domain/attachments.ts';
import {
  pdfOfPages,
  pdfWithJavaScript,
  renamedExecutable,
  sidewaysPhotoWithGps,
  smallPng,
  ZIP_TAIL,
} from '../fixtures/sample-files.ts';

const LIMIT = ATTACHMENT_LIMITS.petitioner.bytesEach;

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
    expect(await refusalOf(Buffer.concat([photo, ZIP_TAIL]))).toEqual({ reason: 'trailing_data' });
    expect(await refusalOf(photo.subarray(0, photo.byteLength - 40))).toEqual({ reason: 'unreadable' });
    expect(
      await refusalOf(Buffer.concat([await smallPng(), Buffer.from('<script>alert(1)</script>')])),
    ).toEqual({
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
    expect(await refusalOf(await pdfWithJavaScript())).toEqual({
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
    const refusal = await refusalOf(renamedExecutable());
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
