// The petitioner's copy of their file (PIPL art. 45) as a PDF, from the status page: what they
// submitted, their own contact details, the steps, the notices sent to them, their requests.
import * as z from 'zod/mini';
import { inRegionScript, regionScript } from '../../shared/domain/region-script.ts';
import { copyOfMyFile } from '../../shared/usecases/data-rights.ts';
import { defineRoute } from '../http/define-route.ts';
import { receiptPath, responses, verifier } from '../http/schemas.ts';

export const petitionerCopy = defineRoute({
  route: 'POST /petitions/{receiptCode}/copy',
  operationId: 'copyOfMyFile',
  summary: 'The petitioner downloads a copy of their file (Accept: application/pdf for the PDF)',
  access: 'public',
  request: () => ({ params: receiptPath, body: z.strictObject({ verifier }) }),
  responses: {
    200: {
      description: "The copy: never staff names, never other people's data; the copy is recorded",
      schema: () =>
        z.object({
          caseId: z.string(),
          title: responses().bilingual,
          issuer: responses().bilingual,
          documentNumber: z.nullable(z.string()),
          issuedOn: z.nullable(z.string()),
          addressee: z.string(),
          body: responses().bilingual,
          enclosures: z.array(z.string()),
        }),
      alsoAs: 'application/pdf',
    },
  },
  errors: { 404: 'Unknown code, wrong verifier or temporarily locked (one answer)' },
  action: async ({ params, body, headers }, ctx) => {
    const copy = await copyOfMyFile(ctx, params.receiptCode, body.verifier);
    if (!(headers.accept ?? '').includes('application/pdf')) return { statusCode: 200, body: copy };
    if (!ctx.documents) throw new Error('This function renders no PDF');
    const { language } = ctx.config.region.region;
    return {
      statusCode: 200,
      body: undefined,
      binary: {
        contentType: 'application/pdf',
        body: await ctx.documents.pdf(inRegionScript(copy, regionScript(language)), language),
      },
      headers: { 'content-disposition': `attachment; filename="copy-${copy.caseId}.pdf"` },
    };
  },
});
