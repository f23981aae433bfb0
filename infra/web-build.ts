// Builds the citizen pages into web/dist: each page is the shared shell (web/shell.html) around
// its own body (web/pages/*.html), the script is web/src/app.ts bundled by esbuild (one small
// ES module, no external CDN, no fonts), and the style sheet is copied as is. The staff
// console (web/console) is one page with its own Preact script from the same build.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { type RegionLanguage, regionScript } from '../shared/domain/region-script.ts';
import { TEXT, type TextKey } from '../web/src/i18n.ts';

const webRoot = resolve(import.meta.dirname, '..', 'web');
export const webDist = resolve(webRoot, 'dist');

/** The pages: file name, what the script does on it, and its title. */
const PAGES: Array<{ file: string; page: string; title: TextKey }> = [
  { file: 'index.html', page: 'form', title: 'formTitle' },
  { file: 'receipt.html', page: 'receipt', title: 'receiptTitle' },
  { file: 'status.html', page: 'status', title: 'statusTitle' },
  { file: 'rate.html', page: 'rate', title: 'rateTitle' },
  { file: 'verify.html', page: 'verify', title: 'verifyTitle' },
];

/**
 * Builds web/dist and returns its path (synchronous: the CDK app and `npm start` call it).
 * The texts are written in Traditional characters and built in the script of the region's
 * `language` (shared/domain/region-script.ts), in the pages and in the scripts alike. With
 * `metaPolicy` (where no header can carry it: CloudFront in China) every page carries its
 * content security policy as a <meta> element, built into web/dist-meta.
 */
export function buildWeb({
  language,
  metaPolicy,
}: {
  language: RegionLanguage;
  metaPolicy?: string;
}): string {
  const outDir = metaPolicy ? resolve(webRoot, 'dist-meta') : webDist;
  mkdirSync(outDir, { recursive: true });
  const script = regionScript(language);
  const withPolicy = (html: string) =>
    script(
      metaPolicy
        ? html.replace(
            '<meta charset="utf-8">',
            `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${metaPolicy}">`,
          )
        : html,
    ).replace(/<html lang="[^"]*">/, `<html lang="${language}">`);
  const shell = readFileSync(resolve(webRoot, 'shell.html'), 'utf8');
  // The receipt code and its 4-digit verifier, asked the same way on the status and rating pages.
  const receiptFields = readFileSync(resolve(webRoot, 'pages', 'receipt-fields.fragment.html'), 'utf8');
  for (const { file, page, title } of PAGES) {
    const html = shell
      .replace('{{page}}', page)
      .replace('{{titleKey}}', title)
      .replace('{{title}}', TEXT[title][language === 'en' ? 'en' : 'zh'])
      .replace(
        '{{main}}',
        readFileSync(resolve(webRoot, 'pages', file), 'utf8').replace('{{receiptFields}}\n', receiptFields),
      );
    writeAtomically(resolve(outDir, file), withPolicy(html));
  }
  writeAtomically(resolve(outDir, 'style.css'), readFileSync(resolve(webRoot, 'style.css')));
  // The staff console: one page, its style, and its Preact script.
  writeAtomically(
    resolve(outDir, 'console.html'),
    withPolicy(readFileSync(resolve(webRoot, 'console', 'console.html'), 'utf8')),
  );
  writeAtomically(resolve(outDir, 'console.css'), readFileSync(resolve(webRoot, 'console', 'console.css')));
  const { outputFiles } = buildSync({
    write: false,
    entryPoints: {
      app: resolve(webRoot, 'src', 'app.ts'),
      console: resolve(webRoot, 'console', 'src', 'main.tsx'),
    },
    outdir: resolve(outDir, 'assets'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Each page loads one script: no chunks shared between them.
    splitting: false,
    define: { REGION_LANGUAGE: JSON.stringify(language) },
  });
  // The texts in the region's script: the bundles' only Chinese is their own texts.
  mkdirSync(resolve(outDir, 'assets'), { recursive: true });
  for (const file of outputFiles) writeAtomically(file.path, script(file.text));
  return outDir;
}

/** Test files build the pages at once: a reader sees the old file or the new one, never half. */
function writeAtomically(path: string, content: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
