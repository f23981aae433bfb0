// Builds the citizen pages' script (web/src/app.ts) into web/dist/app.js with the project's
// esbuild: one small ES module for the browser, no external CDN, no fonts.

import { resolve } from 'node:path';
import { buildSync } from 'esbuild';

export const webRoot = resolve(import.meta.dirname, '..', 'web');
export const webBundle = resolve(webRoot, 'dist', 'app.js');

/** Builds the bundle and returns its path (synchronous: the CDK app and `npm start` call it). */
export function buildWeb(): string {
  buildSync({
    entryPoints: [resolve(webRoot, 'src', 'app.ts')],
    outfile: webBundle,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
  });
  return webBundle;
}
