// Staff who may read the personal data black out regions of a photo or a scanned PDF: a copy
// that readers with a masked view open instead (the original stays).
import * as z from 'zod/mini';
import { redactAttachment } from '../../shared/usecases/attachments.ts';
import { defineRoute } from '../http/define-route.ts';
import { attachmentPath, responses } from '../http/schemas.ts';
import { redactFile } from './redact-file.ts';

const fraction = z.number().check(z.gte(0), z.lte(1));

export const redactCaseFile = defineRoute({
  route: 'POST /cases/{id}/attachments/{attachmentId}/redaction',
  operationId: 'redactCaseFile',
  summary:
    'Black out regions of a photo or a scanned PDF (fractions of the page from its top left): a copy for readers whose view of personal data is masked; the original stays',
  access: ['clerk', 'supervisor'],
  request: () => ({
    params: attachmentPath,
    body: z.strictObject({
      regions: z
        .array(
          z.strictObject({
            page: z._default(z.int().check(z.gte(1), z.lte(500)), 1),
            x: fraction,
            y: fraction,
            width: fraction,
            height: fraction,
          }),
        )
        .check(z.minLength(1), z.maxLength(100)),
    }),
  }),
  responses: {
    200: { description: 'The file with its redacted copy', schema: () => responses().attachment },
  },
  errors: {
    404: 'No such case or file, or the case is hidden from the caller',
    409: 'The file has not passed its checks, or changed meanwhile',
  },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: await redactAttachment(
      { ...ctx, redactor: { redact: redactFile } },
      params.id,
      params.attachmentId,
      body.regions,
      staff,
    ),
  }),
});
