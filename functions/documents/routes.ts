// The documents function's routes: written notices as PDF (the font and the PDF library
// live here alone, so no other function carries them).
import { readNoticeDocument } from './written-notice.ts';

export const documentsRoutes = [readNoticeDocument];
