// Attachments function: hands out signed upload forms and opening links for the files bucket;
// it never reads a file's bytes (the file-check function does).
import { staffTokenVerifier } from '../../shared/auth.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { attachmentsRoutes } from './routes.ts';
import { configuredFiles } from './s3-files.ts';

const { config } = functionContext();

export const handler = httpFunction(
  'attachments',
  attachmentsRoutes,
  {
    files: configuredFiles(),
    // The petitioner's receipt code and verifier are checked against their hash.
    peppers: pepperSourceOf(config),
  },
  staffTokenVerifier,
);
