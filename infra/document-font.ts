// The CJK font written notices are set in as PDF: Noto Sans SC Regular (SIL Open Font
// License), TrueType outlines so the PDF can embed a subset, from the npm registry
// (@expo-google-fonts/noto-sans-sc). The documents function carries it beside its bundle.
import { resolve } from 'node:path';
import { projectRoot } from './deployment-config.ts';

export const DOCUMENT_FONT = {
  file: resolve(
    projectRoot,
    'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  ),
  inBundle: 'document-font.ttf',
};
