// The documents function's routes: written notices and the petitioner's copy of their file as PDF (the font and the PDF library
// live here alone, so no other function carries them).
import { checkByNumber, checkFile } from './document-checks.ts';
import { petitionerCopy } from './petitioner-copy.ts';
import { readNoticeDocument } from './written-notice.ts';

export const documentsRoutes = [readNoticeDocument, petitionerCopy, checkByNumber, checkFile];
