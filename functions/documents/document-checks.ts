// Public checks of the documents the office issued (文书查验): by number and check code, or
// by the file (its signature). Limited like receipt codes: per address, and per number.
import * as z from 'zod/mini';
import { NOTICE_TYPES } from '../../shared/domain/procedure-terms.ts';
import { checkDocument, checkDocumentFile } from '../../shared/usecases/document-checks.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { responses } from '../http/schemas.ts';

const facts = () =>
  z.object({
    number: z.string(),
    issuer: responses().bilingual,
    issuedOn: z.string(),
    type: z.enum(NOTICE_TYPES),
    title: responses().bilingual,
  });

const documentNumber = z.string().check(z.minLength(3), z.maxLength(60));

export const checkByNumber = defineRoute({
  route: 'POST /documents/{documentNumber}/check',
  operationId: 'checkDocument',
  summary: 'Check a document the office issued by its number and the check code printed on it',
  access: 'public',
  request: () => ({
    params: z.strictObject({ documentNumber }),
    body: z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(20)) }),
  }),
  responses: { 200: { description: 'The issuing organ, date and kind of document', schema: facts } },
  errors: { 404: 'Unknown number or wrong code (one answer)' },
  action: async ({ params, body }, ctx) => ({
    statusCode: 200,
    body: await checkDocument(ctx, params.documentNumber, body.code),
  }),
});

/** A PDF of up to 1.5 MB, as base64 (a notice's signed PDF is some 60 to 200 KB). */
const MAX_BASE64 = 2_000_000;

export const checkFile = defineRoute({
  route: 'POST /documents/file-check',
  operationId: 'checkDocumentFile',
  summary: "Check a document's PDF: the organ's signature over every byte, and the document it names",
  access: 'public',
  maxBodyBytes: MAX_BASE64 + 1024,
  request: () => ({
    body: z.strictObject({
      pdf: z
        .string()
        .check(
          z.minLength(8),
          z.maxLength(MAX_BASE64),
          z.regex(/^[A-Za-z0-9+/]+=*$/, rule('不是有效的 PDF 文件编码。', 'Not a base64-encoded file.')),
        ),
    }),
  }),
  responses: {
    200: {
      description: 'Whether the file is signed, by this organ, and unchanged since; what it is, if so',
      schema: () =>
        z.object({
          signed: z.boolean(),
          intact: z.boolean(),
          byThisOrgan: z.boolean(),
          document: z.nullable(facts()),
        }),
    },
  },
  action: async ({ body }, ctx) => ({
    statusCode: 200,
    body: await checkDocumentFile(ctx, Buffer.from(body.pdf, 'base64')),
  }),
});
