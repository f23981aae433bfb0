// The petitioner adds photos or PDFs to their own case, by its receipt code and verifier (the
// web form does this right after submitting; the status page, later).
import * as z from 'zod/mini';
import { addFilesAsPetitioner } from '../../shared/usecases/attachments.ts';
import { defineRoute } from '../http/define-route.ts';
import { receiptPath, verifier } from '../http/schemas.ts';
import { filesToAdd, uploadsAnswer } from './uploads.ts';

export const addPetitionerFiles = defineRoute({
  route: 'POST /petitions/{receiptCode}/attachments',
  operationId: 'addPetitionerFiles',
  summary:
    'The petitioner adds up to 5 photos or PDFs (10 MB each) to their case: one signed upload form per file, for 5 minutes',
  access: 'public',
  request: () => ({ params: receiptPath, body: z.strictObject({ verifier, files: filesToAdd }) }),
  responses: uploadsAnswer,
  errors: { 404: 'Unknown code, wrong verifier or temporarily locked (one answer)' },
  action: async ({ params, body }, ctx) => ({
    statusCode: 201,
    body: { uploads: await addFilesAsPetitioner(ctx, params.receiptCode, body.verifier, body.files) },
  }),
});
