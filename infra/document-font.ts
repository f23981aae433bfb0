// The CJK font written notices are set in as PDF: Noto Sans SC Regular (SIL Open Font
// License), TrueType outlines so the PDF can embed a subset, from the npm registry
// (@expo-google-fonts/noto-sans-sc). The documents function carries it beside its bundle, and
// the region's seal image the same way.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { projectRoot } from './deployment-config.ts';

export const DOCUMENT_FONT = {
  file: resolve(
    projectRoot,
    'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  ),
  inBundle: 'document-font.ttf',
};

export const SEAL_IN_BUNDLE = 'document-seal.png';

/** The region's seal image (`sealImage`, beside its file), or undefined for a region without one. */
export function sealFileOf(regionConfigFile: string): string | undefined {
  const { sealImage } = JSON.parse(readFileSync(regionConfigFile, 'utf8')) as { sealImage?: unknown };
  return typeof sealImage === 'string' ? resolve(dirname(regionConfigFile), sealImage) : undefined;
}
