// The documents function's PDF and signature code, bundled as deployed (the CDK's esbuild
// options): it renders and signs there too. pdfkit loads its standard fonts with a runtime
// require a bundle cannot follow: the deployed function once failed on every PDF while the
// tests, which run the sources, passed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/bundle-options.ts';
import { DOCUMENT_FONT, sealFileOf } from '../../infra/document-font.ts';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';

const functions = join(import.meta.dirname, '..', '..', 'functions', 'documents');

describe('the documents bundle, as deployed', () => {
  it('renders a sealed notice and signs it, and its check finds the signature intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'documents-bundle-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export { pdfDocuments } from ${JSON.stringify(join(functions, 'pdf.ts'))};
export { lazySigner } from ${JSON.stringify(join(functions, 'signer.ts'))};
export { generateSigningKey } from ${JSON.stringify(join(functions, 'pades.ts'))};`,
    );
    const outfile = join(dir, 'index.mjs');
    await esbuild.build({
      ...bundleOptions,
      alias: { ...bundleOptions.alias },
      mainFields: [...bundleOptions.mainFields],
      banner: { js: bundleOptions.banner },
      entryPoints: [entry],
      bundle: true,
      outfile,
    });
    const bundled = await import(outfile);
    const pdf: Uint8Array = await bundled
      .pdfDocuments(DOCUMENT_FONT.file, sealFileOf(SAMPLE_REGION_FILE))
      .pdf(
        {
          caseId: '20261206-ABCDEFGH',
          title: { zh: '信访事项处理意见书', en: 'Handling opinion' },
          issuer: { zh: '珠泉县信访局', en: 'Zhuquan County Petition Bureau' },
          documentNumber: '珠信告〔2026〕1号',
          issuedOn: '2026-12-06',
          addressee: '张某',
          body: { zh: '经查，现答复如下。', en: 'Answer.' },
          enclosures: [],
          signedBy: { name: '冯某', title: { zh: '县信访局局长', en: 'Director' } },
          checkCode: 'K3F9-7QXA',
        },
        'zh-Hans',
      );
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const key = JSON.stringify(bundled.generateSigningKey('Test Bureau'));
    const signer = await bundled.lazySigner(async () => key)();
    const signed = await signer.sign(pdf, { name: '冯某', reason: '签发', location: '珠泉县' });
    expect(await signer.check(signed)).toMatchObject({
      signed: true,
      intact: true,
      byThisOrgan: true,
      documentNumber: '珠信告〔2026〕1号',
    });
  });
});
