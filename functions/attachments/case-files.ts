// Staff and a case's files (附件): ask to add files (one signed upload form each), list them with
// where each stands, and open one for a minute (recorded in the case's read log).
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../../shared/auth.ts';
import { ATTACHING_ROLES } from '../../shared/domain/attachments.ts';
import { addFilesAsStaff, listAttachments, openAttachment } from '../../shared/usecases/attachments.ts';
import { NO_SUCH_CASE } from '../cases/answers.ts';
import { defineRoute } from '../http/define-route.ts';
import { attachmentPath, caseIdPath, responses } from '../http/schemas.ts';
import { staffFilesToAdd, uploadsAnswer } from './uploads.ts';

export const addCaseFiles = defineRoute({
  route: 'POST /cases/{id}/attachments',
  operationId: 'addCaseFiles',
  summary:
    'Add files to a case file (a scanned letter, enclosures, evidence): one signed upload form per file, for 5 minutes; each file is checked before anyone may open it',
  access: ATTACHING_ROLES,
  request: () => ({ params: caseIdPath, body: z.strictObject({ files: staffFilesToAdd }) }),
  responses: uploadsAnswer,
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 201,
    body: { uploads: await addFilesAsStaff(ctx, params.id, body.files, staff) },
  }),
});

export const listCaseFiles = defineRoute({
  route: 'GET /cases/{id}/attachments',
  operationId: 'listCaseFiles',
  summary: "A case's files and where each stands (uploading, processing, available, refused and why)",
  access: STAFF_ROLES,
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The files, oldest first',
      schema: () => z.object({ attachments: z.array(responses().attachment) }),
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => ({
    statusCode: 200,
    body: { attachments: await listAttachments(ctx, params.id, staff) },
  }),
});

export const openCaseFile = defineRoute({
  route: 'POST /cases/{id}/attachments/{attachmentId}/opening',
  operationId: 'openCaseFile',
  summary:
    "Open a checked file: a link for 60 seconds, the opening recorded in the case's read log (a file that may carry personal data opens for a masked reader only as its redacted copy)",
  access: STAFF_ROLES,
  request: () => ({
    params: attachmentPath,
    query: z.strictObject({ copy: z.optional(z.enum(['original', 'redacted'])) }),
  }),
  responses: {
    200: {
      description: 'The link, and which copy it opens (a masked reader always gets the redacted one)',
      schema: () =>
        z.object({ url: z.string(), expiresInSeconds: z.int(), copy: z.enum(['original', 'redacted']) }),
    },
  },
  // A file that may carry personal data, with no redacted copy, is refused (403) to a masked reader.
  errors: {
    404: 'No such case or file, or the case is hidden from the caller',
    409: 'The file has not passed its checks',
  },
  action: async ({ params, query, staff }, ctx) => ({
    statusCode: 200,
    body: await openAttachment(ctx, params.id, params.attachmentId, staff, query.copy),
  }),
});
