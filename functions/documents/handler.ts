// Documents function: written notices as documents and PDF (the only function that carries
// the PDF library and the CJK font).
import { staffTokenVerifier } from '../../shared/auth.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { pdfDocuments } from './pdf.ts';
import { documentsRoutes } from './routes.ts';

const { config } = functionContext();
if (!config.DOCUMENT_FONT_FILE) throw new Error('The documents function needs DOCUMENT_FONT_FILE');

export const handler = httpFunction(
  'documents',
  documentsRoutes,
  // The petitioner's copy is asked with the receipt code's verifier: a keyed hash.
  { documents: pdfDocuments(config.DOCUMENT_FONT_FILE), peppers: pepperSourceOf(config) },
  staffTokenVerifier,
);
