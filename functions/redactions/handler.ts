// Redactions function: blacks out regions of a case's photo or scanned PDF into a copy; it reads
// and writes the files bucket's checked copies (sharp beside its bundle, as the file check has).
import { staffTokenVerifier } from '../../shared/auth.ts';
import { configuredFiles } from '../attachments/s3-files.ts';
import { httpFunction } from '../http/http-function.ts';
import { redactionsRoutes } from './routes.ts';

export const handler = httpFunction(
  'redactions',
  redactionsRoutes,
  { files: configuredFiles() },
  staffTokenVerifier,
);
