// Documents function: written notices as documents and PDF (the only function that carries
// the PDF library and the CJK font), signed with the organ's key, and their public checks.
import { staffTokenVerifier } from '../../shared/auth.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { configuredSecret } from '../aws/secrets.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { pdfDocuments } from './pdf.ts';
import { documentsRoutes } from './routes.ts';
import { lazySigner } from './signer.ts';

const { config } = functionContext();
if (!config.DOCUMENT_FONT_FILE) throw new Error('The documents function needs DOCUMENT_FONT_FILE');
const signingKey = configuredSecret(config.DOCUMENT_SIGNING_KEY, config.DOCUMENT_SIGNING_KEY_SECRET_ARN);
if (!signingKey) throw new Error('The documents function needs DOCUMENT_SIGNING_KEY(_SECRET_ARN)');

export const handler = httpFunction(
  'documents',
  documentsRoutes,
  // The petitioner's copy is asked with the receipt code's verifier: a keyed hash.
  {
    documents: pdfDocuments(config.DOCUMENT_FONT_FILE, config.DOCUMENT_SEAL_FILE),
    signer: lazySigner(signingKey),
    peppers: pepperSourceOf(config),
  },
  staffTokenVerifier,
);
