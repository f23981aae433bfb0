// Redactions function: blacks out regions of a case's photo or scanned PDF into a copy; it reads
// and writes the files bucket's checked copies (sharp beside its bundle, as the file check has).
import { staffTokenVerifier } from '../../shared/auth.ts';
import { filesConfig } from '../../shared/config.ts';
import { s3Files } from '../attachments/s3-files.ts';
import { httpFunction } from '../http/http-function.ts';
import { redactionsRoutes } from './routes.ts';

const { FILES_BUCKET, FILES_ENDPOINT } = filesConfig();

export const handler = httpFunction(
  'redactions',
  redactionsRoutes,
  { files: s3Files(FILES_BUCKET, { ...(FILES_ENDPOINT && { endpoint: FILES_ENDPOINT }) }) },
  staffTokenVerifier,
);
