// Attachments function: hands out signed upload forms and opening links for the files bucket;
// it never reads a file's bytes (the file-check function does).
import { staffTokenVerifier } from '../../shared/auth.ts';
import { filesConfig } from '../../shared/config.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { attachmentsRoutes } from './routes.ts';
import { s3Files } from './s3-files.ts';

const { FILES_BUCKET, FILES_ENDPOINT } = filesConfig();
const { config } = functionContext();

export const handler = httpFunction(
  'attachments',
  attachmentsRoutes,
  {
    files: s3Files(FILES_BUCKET, { ...(FILES_ENDPOINT && { endpoint: FILES_ENDPOINT }) }),
    // The petitioner's receipt code and verifier are checked against their hash.
    peppers: pepperSourceOf(config),
  },
  staffTokenVerifier,
);
